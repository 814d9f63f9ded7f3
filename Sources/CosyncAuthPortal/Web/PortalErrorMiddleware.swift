import CosyncAuthCore
public import Hummingbird
import Logging

/// Whatever a page throws becomes a page that says what went wrong and what to do: never a stack trace
/// or a blank page. The portal's own faults are logged and shown as such.
public struct PortalErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let pages: PortalPages

    public init(pages: PortalPages) {
        self.pages = pages
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let failure as PortalFailure {
            switch failure.reason {
            case .notFound: return pages.error(.notFound, heading: "Not found", failure.message, back: pages.base + "/")
            case .hostUnreachable: return pages.error(.badGateway, heading: "The host did not answer", failure.message)
            case .conflict: return pages.error(.conflict, heading: "That is taken", failure.message)
            case .invalid, .badCredentials, .locked: return pages.error(.badRequest, heading: "That did not work", failure.message)
            }
        } catch let error as HTTPError where error.status == .notFound {
            return pages.error(.notFound, heading: "Not found", "There is no such page in the portal.", back: pages.base + "/")
        } catch let error as HTTPError where error.status.code < 500 {
            return pages.error(error.status, heading: "That did not work", error.body ?? "The request was not understood.")
        } catch {
            context.logger.error("portal page failed", metadata: ["error": "\(String(reflecting: type(of: error)))"])
            return pages.error(.internalServerError, heading: "Something went wrong", "The portal failed to show this page; its log says why.")
        }
    }
}
