import CosyncAuthCore
import Foundation
public import Hummingbird

/// Lets a request through only with a live session: the cookie's token names one, and it has neither
/// been idle too long nor reached its absolute end. A form sent with it must carry the session's CSRF
/// token (in the body, or in the query for an upload). The login page and the assets are open.
public struct PortalSessionMiddleware<Context: RequestContext>: RouterMiddleware {
    let services: PortalServices

    public init(services: PortalServices) {
        self.services = services
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        if path == services.base + "/login" || path.hasPrefix(services.base + "/assets/") {
            return try await next(request, context)
        }
        guard let token = SessionCookie.token(in: request), let (session, record) = try await services.operators.session(token: token) else {
            return PortalPages.redirect(services.base + "/login")
        }
        var request = request
        if request.method == .post {
            let sent: String?
            if request.headers[.contentType]?.lowercased().hasPrefix("multipart/") == true {
                sent = request.uri.queryParameters["csrf"].map(String.init)
            } else {
                sent = FormBody(String(buffer: try await request.collectBody(upTo: 1 << 20)))["csrf"]
            }
            guard let sent, RandomToken.constantTimeEquals(sent, session.csrfToken) else {
                return PortalPages.plainError(
                    .forbidden, "This form had expired or did not come from the portal: go back, reload the page and try again.")
            }
        }
        return try await SignedIn.$current.withValue(SignedIn(session: session, operator: record)) {
            try await next(request, context)
        }
    }
}
