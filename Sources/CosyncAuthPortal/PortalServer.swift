import CosyncAuthCore
public import Hummingbird
public import Logging

/// The portal's web application: its pages on a router of their own (`cosync-auth portal serve`), or
/// added to a host's router under `/portal` (`cosync-auth serve --portal`). Every page but login needs a
/// session; every answer carries the security headers.
public struct PortalServer: Sendable {
    let services: PortalServices
    let pages: PortalPages

    /// Parses the templates: a broken one stops the portal at start, not at the first visit.
    public init(services: PortalServices) throws {
        self.services = services
        pages = try PortalPages(base: services.base)
    }

    /// Adds the portal's routes and middleware to `router`, under `services.base`.
    public func add<Context: RequestContext>(to router: Router<Context>) {
        PortalRouter<Context>(services: services, pages: pages).add(to: router)
    }

    /// The portal on its own listener.
    public func application(hostname: String, port: Int, logger: Logger) -> some ApplicationProtocol {
        let router = Router(context: BasicRequestContext.self)
        // For a load balancer or a container's health check: the process answers.
        router.get("/health") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain"], body: .init(byteBuffer: ByteBuffer(string: "ok \(HostVersion.current)\n")))
        }
        add(to: router)
        return Application(router: router, configuration: .init(address: .hostname(hostname, port: port), serverName: nil), logger: logger)
    }
}

/// The portal's routes inside a group that carries its middleware, so that a host's own routes are
/// untouched when the portal shares its router.
struct PortalRouter<Context: RequestContext>: Sendable {
    let services: PortalServices
    let pages: PortalPages

    func add(to router: Router<Context>) {
        let inner = RouteCollection(context: Context.self)
        inner.add(middleware: PortalSecurityMiddleware<Context>())
        inner.add(middleware: PortalErrorMiddleware<Context>(pages: pages))
        inner.add(middleware: PortalSessionMiddleware<Context>(services: services))
        Assets(base: services.base).add(to: inner)
        LoginPages(services: services, pages: pages).add(to: inner)
        HostPages(services: services, pages: pages).add(to: inner)
        HostDetailPage(services: services, pages: pages).add(to: inner)
        HostAdminPages(services: services, pages: pages).add(to: inner)
        AppPages(services: services, pages: pages).add(to: inner)
        AppFieldsSection(services: services, pages: pages, settings: AppPages(services: services, pages: pages)).add(to: inner)
        AppUserPage(services: services, pages: pages).add(to: inner)
        AppAuditPage(services: services, pages: pages).add(to: inner)
        AppPendingPage(services: services, pages: pages).add(to: inner)
        AppTemplatesPage(services: services, pages: pages).add(to: inner)
        AppMovePage(services: services, pages: pages).add(to: inner)
        router.addRoutes(inner)
    }
}
