import CosyncAuthCore
import CosyncAuthCrypto
import CosyncAuthHTTP
import CosyncAuthIdentity
import CosyncAuthQR
import CosyncAuthStorage
import Foundation
import Logging
import NIOCore
import NIOPosix

/// Everything a command needs, wired once: the database, the master key, the password hasher and the
/// services of the domain. `close()` releases them.
final class AuthHost: Sendable {
    let storage: Storage
    let accounts: AccountService
    let apps: AppAdministration
    let serverSecrets: ServerSecrets
    let users: UserAdministration
    let pending: PendingAdministration
    let exporter: AppExporter
    let importer: AppImporter
    let senders: MailDelivery.Senders
    private let hashingPool: NIOThreadPool

    struct Options: Sendable {
        var database: DatabaseURL
        var argon2: Argon2PasswordHasher.Cost = .owasp
        /// The address users and emails see, for the links in emails.
        var publicURL = "http://127.0.0.1:8080"
        var lockoutMinutes = 15
        /// Requests per minute per client address to the user API; 0 turns the limit off.
        var requestsPerMinute = 600
        /// Password hashes that may wait for a core; beyond them requests get 503 at once.
        var hashQueuePerCore = 16
        /// Attempts at codes per handle or user and hour, over all of its codes.
        var codeAttemptsPerHour = 10
        /// Where Apple's and Google's ID-token signing keys are published (a stand-in's, in tests).
        var identityProviders = ProviderIdentityVerifier.Endpoints.providers
        /// How soon a token naming a key the host has not seen may make it fetch a provider's keys again.
        var providerKeyRefetchSeconds: Double = 30
        /// Email and SMS delivery; none for commands that send nothing.
        var senders = MailDelivery.Senders.none
    }

    static func open(_ options: Options, settings: Settings, logger: Logger) async throws -> AuthHost {
        let masterKey = try MasterKeySource.resolve(settings: settings, database: options.database, logger: logger)
        let storage = try await Storage.open(options.database, logger: logger)
        let sealer = SodiumSecretSealer(masterKey: masterKey)
        do {
            try await storage.checkMasterKey(sealer)
        } catch is SealError {
            await storage.shutdown()
            throw CLIError("the master key does not match this database: its secrets were sealed with another key")
        } catch {
            await storage.shutdown()
            throw error
        }
        // Hashing is CPU-bound: one thread per core keeps every core busy without oversubscribing.
        let pool = NIOThreadPool(numberOfThreads: System.coreCount)
        pool.start()
        do {
            let hasher = BoundedPasswordHasher(
                ImportedHashAwareHasher(current: try Argon2PasswordHasher(cost: options.argon2, pool: pool), pool: pool),
                concurrency: System.coreCount, queueLimit: System.coreCount * options.hashQueuePerCore)
            let signer = RS256UserJWTSigner(store: storage.store, sealer: sealer)
            let accounts = AccountService(
                store: storage.store, passwords: hasher, signer: signer, codes: KeyedCodeHasher(masterKey: masterKey),
                sealer: sealer, qrCodes: QRPNGRenderer(),
                identityTokens: ProviderIdentityVerifier(
                    endpoints: options.identityProviders, refetchInterval: options.providerKeyRefetchSeconds, logger: logger),
                policy: policy(options))
            let apps = AppAdministration(store: storage.store, sealer: sealer, keys: RSAKeyPairGenerator(pool: pool))
            return AuthHost(
                storage: storage, accounts: accounts, apps: apps, serverSecrets: ServerSecrets(store: storage.store),
                users: UserAdministration(apps: apps, store: storage.store, passwords: hasher),
                pending: PendingAdministration(apps: apps, store: storage.store, codes: accounts.codes, sealer: sealer),
                exporter: AppExporter(apps: apps, store: storage.store, sealer: sealer),
                importer: AppImporter(store: storage.store, sealer: sealer, keys: apps.keys, codes: accounts.codes),
                senders: options.senders, hashingPool: pool)
        } catch {
            try? await pool.shutdownGracefully()
            await storage.shutdown()
            throw error
        }
    }

    private static func policy(_ options: Options) -> AccountService.Policy {
        var policy = AccountService.Policy()
        policy.publicURL = options.publicURL
        policy.lockoutDuration = Double(options.lockoutMinutes) * 60
        policy.rateLimits.perAddress.requests = options.requestsPerMinute
        policy.rateLimits.codeAttempts.requests = options.codeAttemptsPerHour
        return policy
    }

    private init(
        storage: Storage, accounts: AccountService, apps: AppAdministration, serverSecrets: ServerSecrets,
        users: UserAdministration, pending: PendingAdministration, exporter: AppExporter, importer: AppImporter,
        senders: MailDelivery.Senders, hashingPool: NIOThreadPool
    ) {
        self.storage = storage
        self.accounts = accounts
        self.apps = apps
        self.serverSecrets = serverSecrets
        self.users = users
        self.pending = pending
        self.exporter = exporter
        self.importer = importer
        self.senders = senders
        self.hashingPool = hashingPool
    }

    /// What the HTTP adapter serves: the host's services and senders, already built, and the probe and
    /// proxy setting of the caller (`serve`, the offline CLI, the tests).
    func httpDependencies(
        isReady: @escaping @Sendable () async -> Bool, trustedProxies: Int = 0,
        isUnavailable: @escaping @Sendable (any Error) -> Bool = Storage.isUnavailable
    ) -> HTTPServer.Dependencies {
        HTTPServer.Dependencies(
            accounts: accounts, apps: apps, serverSecrets: serverSecrets, users: users, pending: pending, exporter: exporter,
            importer: importer, isReady: isReady, emailSender: senders.email, smsSender: senders.sms, trustedProxies: trustedProxies,
            isUnavailable: isUnavailable)
    }

    func close() async {
        try? await hashingPool.shutdownGracefully()
        await storage.shutdown()
    }

    /// Opens the host for one command, runs `work`, and closes it whatever happens.
    static func with<T: Sendable>(
        _ options: Options, settings: Settings, logger: Logger, _ work: (AuthHost) async throws -> T
    ) async throws -> T {
        let host = try await open(options, settings: settings, logger: logger)
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
