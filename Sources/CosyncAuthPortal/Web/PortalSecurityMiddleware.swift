import Foundation
import HTTPTypes
public import Hummingbird

/// The headers every portal answer carries, and the refusal of any state-changing request that a
/// browser says came from another site. Pages load nothing from elsewhere and run no inline script, so
/// the policy can be strict.
public struct PortalSecurityMiddleware<Context: RequestContext>: RouterMiddleware {
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        if request.method != .get && request.method != .head && Self.isCrossSite(request) {
            response = PortalPages.plainError(.forbidden, "This request came from another site and was refused.")
        } else {
            response = try await next(request, context)
        }
        // A page may set its own, stricter policy (a template preview is sandboxed and framed by the portal).
        if response.headers[.contentSecurityPolicy] == nil {
            response.headers[.contentSecurityPolicy] =
                "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; connect-src 'self'; frame-src 'self'; "
                + "form-action 'self'; "
                + "frame-ancestors 'none'; base-uri 'none'"
        }
        response.headers[.xContentTypeOptions] = "nosniff"
        let frameOptions = HTTPField.Name("x-frame-options")!
        if response.headers[frameOptions] == nil { response.headers[frameOptions] = "DENY" }
        response.headers[HTTPField.Name("referrer-policy")!] = "no-referrer"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }

    /// `Sec-Fetch-Site` when the browser sends it; otherwise an `Origin` whose host is not this one.
    static func isCrossSite(_ request: Request) -> Bool {
        if let site = request.headers[HTTPField.Name("sec-fetch-site")!] {
            return site != "same-origin" && site != "none"
        }
        guard let origin = request.headers[.origin] else { return false }
        guard let host = request.head.authority, let url = URL(string: origin), let originHost = url.host else {
            return true
        }
        let originAuthority = url.port.map { "\(originHost):\($0)" } ?? originHost
        return originAuthority.lowercased() != host.lowercased()
    }
}
