import CosyncAuthCore
import Hummingbird

/// Makes the caller's address known to the domain (the audit trail) and to the rate limits for the rest
/// of the request: the connection's, or behind `trustedProxies` proxies the one they forwarded.
struct RequestOriginMiddleware: RouterMiddleware {
    typealias Context = AuthRequestContext
    let trustedProxies: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let address = ClientAddress.resolve(
            connection: context.remoteAddress, forwardedFor: request.headers[.xForwardedFor], trustedProxies: trustedProxies)
        return try await RequestOrigin.$address.withValue(address) {
            try await next(request, context)
        }
    }
}
