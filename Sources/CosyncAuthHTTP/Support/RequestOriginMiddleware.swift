import CosyncAuthCore
import Hummingbird

/// Makes the caller's address known to the domain (the audit trail) for the rest of the request.
struct RequestOriginMiddleware: RouterMiddleware {
    typealias Context = AuthRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        try await RequestOrigin.$address.withValue(context.remoteAddress) {
            try await next(request, context)
        }
    }
}
