public import CosyncAuthCore
public import CosyncAuthCrypto
public import CosyncAuthIdentity
public import CosyncAuthStorage
public import CosyncSMTP
import Foundation
public import Logging

/// Every setting of a host, read once from its options and `COSYNC_*` variables and checked before
/// anything is opened: a mistake is reported with nothing to undo. `serve`, the offline commands and the
/// tests all build the host from this one value.
public struct HostConfiguration: Sendable {
    public var database: DatabaseURL
    /// Nil on SQLite means the key file beside the database; PostgreSQL requires one.
    public var masterKey: MasterKey?
    public var argon2: Argon2PasswordHasher.Cost = .owasp
    /// The address users and emails see, for the links in emails.
    public var publicURL = "http://127.0.0.1:8080"
    public var lockoutMinutes = 15
    /// Requests per minute per client address to the user API; 0 turns the limit off.
    public var requestsPerMinute = 600
    /// Logins (and other password checks) that may wait per core; beyond them requests get 503 at once.
    public var hashQueuePerCore = 4
    /// Attempts at codes per handle or user and hour, over all of its codes.
    public var codeAttemptsPerHour = 10
    /// Where Apple's and Google's ID-token signing keys are published (a stand-in's, in tests).
    public var identityProviders = ProviderIdentityVerifier.Endpoints.providers
    /// How soon a token naming a key the host has not seen may make it fetch a provider's keys again.
    public var providerKeyRefetchSeconds: Double = 30
    public var delivery = Delivery()
    public var listener = Listener()
    /// Nil: no metrics listener.
    public var metrics: Metrics?
    public var auditRetentionDays = 90
    public var outbox = OutboxDispatcher.Policy()
    /// `serve --portal`: the web portal under `/portal`, with this host registered in it.
    public var portal = false
    /// Tests only: where every SQL statement goes, with its bound values (see `Storage.open`).
    @_spi(Testing) public var statementLog: Logger?

    /// How email and text messages leave the host.
    public struct Delivery: Sendable {
        /// Nil: emails wait in the outbox until a server is configured.
        public var smtp: SMTPConfiguration?
        public var emailFrom: EmailAddress?
        public var twilioURL = "https://api.twilio.com"
        public init() {}
    }

    /// The public HTTP listener of `serve`.
    public struct Listener: Sendable {
        public var hostname = "127.0.0.1"
        public var port = 8080
        public var idleTimeoutSeconds = 30
        /// Proxies that append to X-Forwarded-For in front of the host; 0 ignores the header.
        public var trustedProxies = 0
        public init() {}
    }

    /// The Prometheus listener, apart from the public one.
    public struct Metrics: Sendable {
        public var hostname = "127.0.0.1"
        public var port = 9464
    }

    /// The defaults, on `database`.
    public init(database: DatabaseURL) {
        self.database = database
    }

    /// Reads and checks every setting.
    public init(_ settings: Settings) throws {
        do {
            database = try DatabaseURL(settings.string("database.url", default: DatabaseURL.defaultValue))
        } catch {
            throw ConfigurationError(error.description)
        }
        if let text = settings.secret("master.key") {
            guard let key = MasterKey(base64: text) else {
                throw ConfigurationError("COSYNC_MASTER_KEY must be base64 of 32 random bytes (make one with: head -c 32 /dev/urandom | base64)")
            }
            masterKey = key
        } else if database.engine != .sqlite {
            throw ConfigurationError("COSYNC_MASTER_KEY is required with PostgreSQL (make one with: head -c 32 /dev/urandom | base64)")
        }
        argon2 = .init(
            memoryKiB: try settings.int("argon2.memory.kib", default: Argon2PasswordHasher.Cost.owasp.memoryKiB, in: 8...4_194_304, unit: "KiB"),
            iterations: try settings.int("argon2.iterations", default: Argon2PasswordHasher.Cost.owasp.iterations, in: 1...100))
        listener = try Self.listener(settings)
        publicURL = settings.string("public.url", default: "http://\(listener.hostname):\(listener.port)")
        lockoutMinutes = try settings.int("lockout.minutes", default: lockoutMinutes, in: 1...525_600, unit: "minutes")
        requestsPerMinute = try settings.int("rate.limit", default: requestsPerMinute, in: 0...1_000_000, unit: "requests a minute")
        hashQueuePerCore = try settings.int("hash.queue", default: hashQueuePerCore, in: 0...1_000, unit: "logins per core")
        identityProviders = .init(
            appleKeysURL: try Self.keysURL(settings, "apple.jwks.url", default: identityProviders.appleKeysURL),
            googleKeysURL: try Self.keysURL(settings, "google.jwks.url", default: identityProviders.googleKeysURL))
        delivery = try Self.delivery(settings)
        metrics = try Self.metrics(settings, apiPort: listener.port)
        auditRetentionDays = try settings.int("audit.retention.days", default: auditRetentionDays, in: 1...36_500, unit: "days")
        outbox.firstRetry = Double(try settings.int("outbox.retry.seconds", default: Int(outbox.firstRetry), in: 1...86_400, unit: "seconds"))
        outbox.lease = Double(try settings.int("outbox.lease.seconds", default: Int(outbox.lease), in: 1...86_400, unit: "seconds"))
        portal = settings.flag("portal")
    }

    private static func listener(_ settings: Settings) throws -> Listener {
        var listener = Listener()
        listener.hostname = settings.string("hostname", default: listener.hostname)
        listener.port = try settings.int("port", default: listener.port, in: 0...65_535)
        listener.idleTimeoutSeconds = try settings.int("idle.timeout", default: listener.idleTimeoutSeconds, in: 1...3_600, unit: "seconds")
        let proxies = try settings.int("trusted.proxies", default: 1, in: 1...10)
        listener.trustedProxies = settings.flag("trust.forwarded.for") ? proxies : 0
        return listener
    }

    private static func metrics(_ settings: Settings, apiPort: Int) throws -> Metrics? {
        let port = try settings.int("metrics.port", default: 0, in: 0...65_535)
        guard settings.flag("metrics") || port != 0 else { return nil }
        var metrics = Metrics()
        metrics.port = port == 0 ? metrics.port : port
        guard metrics.port != apiPort else {
            throw ConfigurationError("\(Settings.names("metrics.port")) must not be the API's port (\(apiPort))")
        }
        metrics.hostname = settings.string("metrics.hostname", default: metrics.hostname)
        return metrics
    }

    /// SMTP when a URL is given, and then `--email-from` with it; the SMS API's address.
    private static func delivery(_ settings: Settings) throws -> Delivery {
        var delivery = Delivery()
        delivery.twilioURL = settings.string("twilio.url", default: delivery.twilioURL)
        guard let url = settings.secret("smtp.url") else { return delivery }
        do { delivery.smtp = try SMTPConfiguration(url: url) } catch { throw ConfigurationError(error.description) }
        guard let from = settings.string("email.from") else {
            throw ConfigurationError("--email-from (COSYNC_EMAIL_FROM) is required with --smtp-url")
        }
        do { delivery.emailFrom = try EmailAddress.parse(from) } catch { throw ConfigurationError("--email-from: \(error)") }
        return delivery
    }

    /// A provider's key-set address: HTTPS, or plain HTTP only on this machine (a stand-in for tests); keys
    /// fetched in the clear from elsewhere could be anyone's.
    static func keysURL(_ settings: Settings, _ key: String, default defaultValue: String) throws -> String {
        let text = settings.string(key, default: defaultValue)
        let option = "--\(key.replacingOccurrences(of: ".", with: "-"))"
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), let host = url.host?.lowercased() else {
            throw ConfigurationError("\(option) takes a URL such as https://appleid.apple.com/auth/keys, not '\(text)'")
        }
        let local = ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host)
        guard scheme == "https" || (scheme == "http" && local) else {
            throw ConfigurationError("\(option) must be an https:// URL (http:// only on this machine)")
        }
        return text
    }
}
