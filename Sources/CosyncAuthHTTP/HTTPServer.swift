public import CosyncAuthCore
public import Hummingbird
public import Logging
public import NIOCore

/// Builds the host's HTTP application. The caller owns the services it depends on (database, pools).
public enum HTTPServer {
    public struct Dependencies: Sendable {
        public var accounts: AccountService
        public var apps: AppAdministration
        public var serverSecrets: ServerSecrets
        public var users: UserAdministration
        public var pending: PendingAdministration
        public var exporter: AppExporter
        public var importer: AppImporter
        public var isReady: @Sendable () async -> Bool
        /// The host's email delivery, for the admin's test email; nil when no SMTP server is set.
        public var emailSender: (any EmailSender)?
        /// The host's SMS provider client, for the admin's test message.
        public var smsSender: (any SMSSender)?
        /// How many proxies in front of the host append to `X-Forwarded-For` (0: the connection's address
        /// is the client's).
        public var trustedProxies: Int
        /// Whether an error means the database could not be reached: such requests answer 503 with
        /// `Retry-After`, which clients retry, rather than an error they act on (log the user out).
        public var isUnavailable: @Sendable (any Error) -> Bool
        /// More routes on the same listener, added after the host's own: the portal under `/portal`.
        public var mounts: [@Sendable (Router<AuthRequestContext>) -> Void] = []

        /// The services arrive built: the HTTP adapter constructs none (the host's wiring does, once).
        public init(
            accounts: AccountService, apps: AppAdministration, serverSecrets: ServerSecrets, users: UserAdministration,
            pending: PendingAdministration, exporter: AppExporter, importer: AppImporter,
            isReady: @escaping @Sendable () async -> Bool, emailSender: (any EmailSender)?, smsSender: (any SMSSender)?,
            trustedProxies: Int, isUnavailable: @escaping @Sendable (any Error) -> Bool
        ) {
            self.isUnavailable = isUnavailable
            self.trustedProxies = trustedProxies
            self.smsSender = smsSender
            self.emailSender = emailSender
            self.accounts = accounts
            self.apps = apps
            self.serverSecrets = serverSecrets
            self.users = users
            self.pending = pending
            self.exporter = exporter
            self.importer = importer
            self.isReady = isReady
        }
    }

    public static func router(_ dependencies: Dependencies) -> Router<AuthRequestContext> {
        let router = Router(context: AuthRequestContext.self)
        router.add(middleware: AccessLogMiddleware())
        router.add(middleware: RequestOriginMiddleware(trustedProxies: dependencies.trustedProxies))
        // Request counts and durations per route (no-op until `serve --metrics` starts a metrics backend).
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: NotFoundMiddleware())
        OperationsRoutes(isReady: dependencies.isReady).add(to: router)
        OpenAPIRoutes().add(to: router)
        let userAPI = router.group("api/appuser")
            .add(middleware: ProtocolErrorMiddleware(isUnavailable: dependencies.isUnavailable))
            .add(middleware: RateLimitMiddleware(accounts: dependencies.accounts))
        UserAPIRoutes(accounts: dependencies.accounts).add(to: userAPI)
        let wellKnown = router.group(".well-known")
            .add(middleware: ProtocolErrorMiddleware(isUnavailable: dependencies.isUnavailable))
        UserAPIRoutes(accounts: dependencies.accounts).addWellKnown(to: wellKnown)
        let adminAPI = router.group("api/app")
            .add(middleware: AdminErrorMiddleware(isUnavailable: dependencies.isUnavailable))
            .add(middleware: AdminAuthMiddleware(secrets: dependencies.serverSecrets))
        addAdminRoutes(dependencies, to: adminAPI)
        for mount in dependencies.mounts { mount(router) }
        return router
    }

    static func addAdminRoutes(_ dependencies: Dependencies, to group: RouterGroup<AuthRequestContext>) {
        AdminAppRoutes(apps: dependencies.apps).add(to: group)
        AdminContentRoutes(apps: dependencies.apps, emailSender: dependencies.emailSender, smsSender: dependencies.smsSender).add(to: group)
        AdminUserRoutes(users: dependencies.users).add(to: group)
        AdminPendingRoutes(pending: dependencies.pending).add(to: group)
        AdminHostRoutes(apps: dependencies.apps, serverSecrets: dependencies.serverSecrets).add(to: group)
        AdminPortabilityRoutes(exporter: dependencies.exporter, importer: dependencies.importer).add(to: group)
    }

    /// The admin API alone, without the server-secret guard: what the CLI runs in-process when it works
    /// straight on the database (whoever can open the database is already trusted with everything).
    public static func inProcessAdminResponder(_ dependencies: Dependencies) -> some HTTPResponder<AuthRequestContext> {
        let router = Router(context: AuthRequestContext.self)
        let adminAPI = router.group("api/app").add(middleware: AdminErrorMiddleware(isUnavailable: dependencies.isUnavailable))
        addAdminRoutes(dependencies, to: adminAPI)
        return router.buildResponder()
    }

    /// The responder the server runs: the router behind the path normalisation clients need.
    public static func responder(_ dependencies: Dependencies) -> some HTTPResponder<AuthRequestContext> {
        PathNormalizingResponder(next: router(dependencies).buildResponder())
    }

    public static func application(
        _ dependencies: Dependencies, hostname: String, port: Int, idleTimeout: TimeAmount = defaultIdleTimeout, logger: Logger
    ) -> some ApplicationProtocol {
        Application(
            responder: responder(dependencies),
            // A client that sends nothing for this long loses its connection: slow clients cannot hold
            // connections open without end.
            server: .http1(configuration: .init(idleTimeout: idleTimeout)),
            configuration: .init(address: .hostname(hostname, port: port), serverName: "cosync-auth"),
            logger: logger)
    }

    public static let defaultIdleTimeout = TimeAmount.seconds(30)

    /// Prometheus metrics on a listener of their own (`serve --metrics-port`), never the public one.
    public static func metricsApplication(
        text: @escaping @Sendable () -> String, hostname: String, port: Int, logger: Logger
    ) -> some ApplicationProtocol {
        let router = Router()
        router.get("metrics") { _, _ in
            var response = Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: text())))
            response.headers[.contentType] = "text/plain; version=0.0.4"
            return response
        }
        return Application(
            router: router, server: .http1(configuration: .init(idleTimeout: defaultIdleTimeout)),
            configuration: .init(address: .hostname(hostname, port: port), serverName: "cosync-auth-metrics"),
            logger: logger)
    }
}
