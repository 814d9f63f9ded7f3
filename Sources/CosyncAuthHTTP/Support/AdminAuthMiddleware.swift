import CosyncAuthCore
import Hummingbird

/// Guards `/api/app`: the `server-secret` header must match one of the host's secrets (compared in
/// constant time). Missing and wrong get the same 401, so a caller learns nothing about which it was.
struct AdminAuthMiddleware<Context: RequestContext>: RouterMiddleware {
    let secrets: ServerSecrets

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let candidate = request.headers[.serverSecret], !candidate.isEmpty, candidate.utf8.count <= 512,
            let name = try await secrets.verify(candidate)
        else {
            return AdminResponse.failure(.unauthorized, "invalid server secret")
        }
        // The audit log names the secret used, never the secret itself.
        return try await RequestOrigin.$actor.withValue("secret:\(name)") { try await next(request, context) }
    }
}

/// Turns what an admin route throws into `{"status": "Fails", "message"}` (the original's shape) with a
/// 4xx status for the caller's mistakes.
struct AdminErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let isUnavailable: @Sendable (any Error) -> Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let failure as AdminFailure {
            let status: HTTPResponse.Status =
                switch failure.reason {
                case .notFound: .notFound
                case .conflict: .conflict
                case .invalid: .badRequest
                }
            return AdminResponse.failure(status, failure.description)
        } catch let error as AuthError where error.code == 503 {
            var response = AdminResponse.failure(.serviceUnavailable, error.message)
            response.headers[.retryAfter] = "\(error.retryAfter ?? 1)"
            return response
        } catch let error as AuthError {
            return AdminResponse.failure(.badRequest, error.message)
        } catch let error as HTTPError where error.status.code < 500 {
            let message = error.status == .contentTooLarge ? "the request body is too large" : (error.body ?? "malformed request")
            return AdminResponse.failure(error.status, message)
        } catch  where isUnavailable(error) {
            context.logger.warning("database unreachable", metadata: ["error": "\(String(reflecting: type(of: error)))"])
            var response = AdminResponse.failure(.serviceUnavailable, AuthError.databaseUnavailable.message)
            response.headers[.retryAfter] = "\(AuthError.databaseUnavailable.retryAfter ?? 5)"
            return response
        } catch {
            context.logger.error("admin request failed", metadata: ["error": "\(String(reflecting: type(of: error)))"])
            return AdminResponse.failure(.internalServerError, "internal server error")
        }
    }
}

enum AdminResponse {
    static func failure(_ status: HTTPResponse.Status, _ message: String) -> Response {
        JSONResponse.json(.object(["status": .string("Fails"), "message": .string(message)]), status: status)
    }
}
