public import CosyncAuthCore
import CosyncAuthCrypto
public import CosyncAuthHTTP
import CosyncAuthIdentity
public import CosyncAuthPortal
import CosyncAuthQR
@_spi(Testing) public import CosyncAuthStorage
import Foundation
import Hummingbird
public import Logging
import Metrics
import NIOCore
import NIOPosix
import Prometheus
public import ServiceLifecycle

/// The composition root: every service of a host is built here, from one checked `HostConfiguration`.
/// `open` wires the database, the master key, the password hasher, the senders and the domain services;
/// `services` adds what runs in `serve` (the HTTP listener, metrics, the outbox and housekeeping). The CLI,
/// the HTTP adapter and the tests receive them already built. `close()` releases them.
public final class AuthHost: Sendable {
    public let configuration: HostConfiguration
    public let storage: Storage
    public let accounts: AccountService
    public let apps: AppAdministration
    public let serverSecrets: ServerSecrets
    public let users: UserAdministration
    public let pending: PendingAdministration
    public let exporter: AppExporter
    public let importer: AppImporter
    public let senders: Senders
    public let portalOperators: PortalOperators
    public let hostRegistry: HostRegistry
    private let hashingPool: NIOThreadPool

    public static func open(_ configuration: HostConfiguration, logger: Logger) async throws -> AuthHost {
        let masterKey = try MasterKeySource.resolve(given: configuration.masterKey, database: configuration.database, logger: logger)
        let storage = try await Storage.open(configuration.database, logger: logger, statementLog: configuration.statementLog)
        let sealer = SodiumSecretSealer(masterKey: masterKey)
        do {
            try await storage.checkMasterKey(sealer)
        } catch is SealError {
            await storage.shutdown()
            throw ConfigurationError("the master key does not match this database: its secrets were sealed with another key")
        } catch {
            await storage.shutdown()
            throw error
        }
        // Hashing is CPU-bound: one thread per core keeps every core busy without oversubscribing.
        let pool = NIOThreadPool(numberOfThreads: System.coreCount)
        pool.start()
        do {
            let hasher = BoundedPasswordHasher(
                ImportedHashAwareHasher(current: try Argon2PasswordHasher(cost: configuration.argon2, pool: pool), pool: pool),
                concurrency: System.coreCount, queueLimit: System.coreCount * configuration.hashQueuePerCore)
            let signer = RS256UserJWTSigner(store: storage.store, sealer: sealer)
            let accounts = AccountService(
                store: storage.store, passwords: hasher, signer: signer, codes: KeyedCodeHasher(masterKey: masterKey),
                sealer: sealer, qrCodes: QRPNGRenderer(),
                identityTokens: ProviderIdentityVerifier(
                    endpoints: configuration.identityProviders, refetchInterval: configuration.providerKeyRefetchSeconds, logger: logger),
                policy: policy(configuration))
            let apps = AppAdministration(store: storage.store, sealer: sealer, keys: RSAKeyPairGenerator(pool: pool))
            return AuthHost(
                configuration: configuration, storage: storage, accounts: accounts, apps: apps,
                serverSecrets: ServerSecrets(store: storage.store),
                users: UserAdministration(apps: apps, store: storage.store, passwords: hasher),
                pending: PendingAdministration(apps: apps, store: storage.store, codes: accounts.codes, sealer: sealer),
                exporter: AppExporter(apps: apps, store: storage.store, sealer: sealer),
                importer: AppImporter(store: storage.store, sealer: sealer, keys: apps.keys, codes: accounts.codes),
                senders: Senders(configuration.delivery),
                portalOperators: PortalOperators(store: storage.store, passwords: hasher, sealer: sealer),
                hostRegistry: HostRegistry(store: storage.store, sealer: sealer, api: HostAdminClient()), hashingPool: pool)
        } catch {
            try? await pool.shutdownGracefully()
            await storage.shutdown()
            throw error
        }
    }

    private static func policy(_ configuration: HostConfiguration) -> AccountService.Policy {
        var policy = AccountService.Policy()
        policy.publicURL = configuration.publicURL
        policy.lockoutDuration = Double(configuration.lockoutMinutes) * 60
        policy.rateLimits.perAddress.requests = configuration.requestsPerMinute
        policy.rateLimits.codeAttempts.requests = configuration.codeAttemptsPerHour
        return policy
    }

    private init(
        configuration: HostConfiguration, storage: Storage, accounts: AccountService, apps: AppAdministration,
        serverSecrets: ServerSecrets, users: UserAdministration, pending: PendingAdministration, exporter: AppExporter,
        importer: AppImporter, senders: Senders, portalOperators: PortalOperators, hostRegistry: HostRegistry, hashingPool: NIOThreadPool
    ) {
        self.configuration = configuration
        self.storage = storage
        self.accounts = accounts
        self.apps = apps
        self.serverSecrets = serverSecrets
        self.users = users
        self.pending = pending
        self.exporter = exporter
        self.importer = importer
        self.senders = senders
        self.portalOperators = portalOperators
        self.hostRegistry = hostRegistry
        self.hashingPool = hashingPool
    }

    /// What the HTTP adapter serves: the host's services and senders, already built. The readiness probe
    /// asks the database unless the caller knows better (the offline CLI has it open already).
    public func httpDependencies(
        isReady: (@Sendable () async -> Bool)? = nil, isUnavailable: @escaping @Sendable (any Error) -> Bool = Storage.isUnavailable
    ) -> HTTPServer.Dependencies {
        let storage = storage
        return HTTPServer.Dependencies(
            accounts: accounts, apps: apps, serverSecrets: serverSecrets, users: users, pending: pending, exporter: exporter,
            importer: importer, isReady: isReady ?? { await storage.isReachable() }, emailSender: senders.email, smsSender: senders.sms,
            trustedProxies: configuration.listener.trustedProxies, isUnavailable: isUnavailable)
    }

    /// What `serve` runs until it is told to stop: the public listener (with the portal under `/portal`
    /// when asked for), the metrics listener when asked for, the outbox dispatcher and the housekeeping.
    public func services(logger: Logger) async throws -> [any Service] {
        let listener = configuration.listener
        var dependencies = httpDependencies()
        if configuration.portal {
            let portal = try await portalServer(base: "/portal")
            dependencies.mounts.append { router in portal.add(to: router) }
            logger.info("portal on", metadata: ["path": "/portal"])
        }
        var services: [any Service] = [
            HTTPServer.application(
                dependencies, hostname: listener.hostname, port: listener.port,
                idleTimeout: .seconds(Int64(listener.idleTimeoutSeconds)), logger: logger)
        ]
        if let metrics = configuration.metrics {
            // Metrics go to one process-wide backend, made once, only when asked for.
            let registry = PrometheusCollectorRegistry()
            var factory = PrometheusMetricsFactory(registry: registry)
            factory.defaultDurationHistogramBuckets = Self.requestDurationBuckets
            MetricsSystem.bootstrap(factory)
            services.append(
                HTTPServer.metricsApplication(
                    text: { registry.emitToString() }, hostname: metrics.hostname, port: metrics.port, logger: logger))
            logger.info("metrics on", metadata: ["address": "\(metrics.hostname):\(metrics.port)"])
        }
        // Text messages always have a way out (each app brings its own account); emails only with SMTP.
        let apps = apps
        let dispatcher = OutboxDispatcher(
            outbox: storage.store, email: senders.email,
            sms: senders.sms.map { sender in .init(sender: sender, credentials: { try await apps.smsCredentials(appId: $0) }) },
            policy: configuration.outbox)
        services.append(OutboxWorker(dispatcher: dispatcher, pollInterval: .seconds(1), logger: logger))
        services.append(
            MaintenanceWorker(
                audit: apps.audit, store: storage.store, retention: .seconds(configuration.auditRetentionDays * 86_400),
                interval: .seconds(3_600), undeliverableAfter: senders.email == nil ? .seconds(3_600) : nil, logger: logger))
        return services
    }

    /// The portal's web application on this host's database. Inside a host (`base` not empty) the host
    /// registers itself, with a server secret named `portal`, so that the one-box setup needs no step.
    public func portalServer(base: String) async throws -> PortalServer {
        if !base.isEmpty {
            let listener = configuration.listener
            let address = ["0.0.0.0", "::", "[::]"].contains(listener.hostname) ? "127.0.0.1" : listener.hostname
            let serverSecrets = serverSecrets
            try await hostRegistry.registerItself(url: "http://\(address):\(listener.port)") {
                try await serverSecrets.create(name: "portal", replacing: true) ?? ""
            }
        }
        return try PortalServer(
            services: PortalServices(
                operators: portalOperators, hosts: hostRegistry, client: HostAdminClient(), base: base,
                secureCookies: configuration.publicURL.lowercased().hasPrefix("https://")))
    }

    /// Buckets of the request-duration histograms: the library's default has nothing between 50 and
    /// 100 ms, where a login (one argon2id verification, 15-20 ms) and its queueing under load fall, so
    /// a p99 read from them could only say "under 100 ms".
    static let requestDurationBuckets: [Duration] =
        [1, 2.5, 5, 10, 15, 20, 25, 30, 40, 50, 60, 75, 100, 150, 200, 250, 300, 400, 500, 750, 1000, 2500, 5000, 10000]
        .map { Duration.microseconds(Int64($0 * 1000)) }

    public func close() async {
        try? await hashingPool.shutdownGracefully()
        await storage.shutdown()
    }

    /// Opens the host for one command, runs `work`, and closes it whatever happens.
    public static func with<T: Sendable>(
        _ configuration: HostConfiguration, logger: Logger, _ work: (AuthHost) async throws -> T
    ) async throws -> T {
        let host = try await open(configuration, logger: logger)
        do {
            let result = try await work(host)
            await host.close()
            return result
        } catch {
            await host.close()
            throw error
        }
    }
}
