import CosyncAuthCore
import Hummingbird
import Logging

/// Turns whatever a user-API route throws into the protocol's error envelope. A domain `AuthError` is the
/// client's mistake (400); anything else is ours (500, logged, never with the request's data).
struct ProtocolErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let isUnavailable: @Sendable (any Error) -> Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as AuthError where error.retryAfter != nil {
            let status: HTTPResponse.Status = error.code == 429 ? .tooManyRequests : .serviceUnavailable
            var response = JSONResponse.json(.object(["code": .number(Double(error.code)), "message": .string(error.message)]), status: status)
            response.headers[.retryAfter] = "\(error.retryAfter ?? 1)"
            return response
        } catch let error as AuthError {
            return JSONResponse.error(error)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            return JSONResponse.error(.invalid("the request body is larger than 1 MiB"))
        } catch let error as HTTPError where error.status.code < 500 {
            return JSONResponse.error(.invalid(error.body ?? "malformed request"))
        } catch  where isUnavailable(error) {
            context.logger.warning("database unreachable", metadata: ["error": "\(String(reflecting: type(of: error)))"])
            let unavailable = AuthError.databaseUnavailable
            var response = JSONResponse.json(.object(["code": .number(503), "message": .string(unavailable.message)]), status: .serviceUnavailable)
            response.headers[.retryAfter] = "\(unavailable.retryAfter ?? 5)"
            return response
        } catch {
            context.logger.error("request failed", metadata: ["error": "\(String(reflecting: type(of: error)))"])
            return JSONResponse.error(.internalError)
        }
    }
}
