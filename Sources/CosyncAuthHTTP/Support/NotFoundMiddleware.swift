import CosyncAuthCore
import Hummingbird

/// A path no route serves answers 404 in the protocol's `{code, message}` shape, not an empty body: a
/// client pointed at the wrong URL gets something its error handling reads. (The original answered 200
/// with the bare text "Service Not found".)
struct NotFoundMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound && error.body == nil {
            let path = String(request.uri.path.prefix(200))
            return JSONResponse.notFound("no such endpoint: \(request.method) \(path)")
        }
    }
}
