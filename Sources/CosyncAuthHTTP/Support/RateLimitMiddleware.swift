import CosyncAuthCore
import Hummingbird

/// The per-address limit of the user API. Behind a proxy or load balancer every request comes from its
/// address; `trustForwardedFor` then reads the client's from the first `X-Forwarded-For` entry (set it
/// only when the proxy writes that header, or clients could pick their own address).
struct RateLimitMiddleware: RouterMiddleware {
    typealias Context = AuthRequestContext
    let accounts: AccountService
    let trustForwardedFor: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var address = context.remoteAddress
        if trustForwardedFor, let forwarded = request.headers[.xForwardedFor]?.split(separator: ",").first {
            address = forwarded.trimmingCharacters(in: .whitespaces)
        }
        if let address { try await accounts.throttleAddress(String(address.prefix(64))) }
        return try await next(request, context)
    }
}
