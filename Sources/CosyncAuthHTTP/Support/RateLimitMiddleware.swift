import CosyncAuthCore
import Hummingbird

/// The per-address limit of the user API, on the client's address as `RequestOriginMiddleware` found
/// it (behind proxies, from `X-Forwarded-For`); IPv6 clients count per /64.
struct RateLimitMiddleware: RouterMiddleware {
    typealias Context = AuthRequestContext
    let accounts: AccountService

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let address = RequestOrigin.address { try accounts.throttleAddress(ClientAddress.limitKey(address)) }
        return try await next(request, context)
    }
}
