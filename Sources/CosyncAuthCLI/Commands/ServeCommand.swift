import ArgumentParser
import CosyncAuthCore
import CosyncAuthCrypto
import CosyncAuthDelivery
import CosyncAuthHTTP
import CosyncAuthIdentity
import CosyncAuthStorage
import CosyncSMTP
import Foundation
import Hummingbird
import Logging
import Metrics
import Prometheus
import ServiceLifecycle

/// `cosync-auth serve`: runs the host until SIGTERM or SIGINT, then finishes in-flight requests and exits.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the host.",
        discussion: """
            Examples:
              cosync-auth serve
              cosync-auth serve --hostname 0.0.0.0 --port 8080 --public-url https://auth.example.com
              COSYNC_DATABASE_URL=postgres://auth:pw@db:5432/app COSYNC_MASTER_KEY=... cosync-auth serve
            """)

    @Option(name: .long, help: "Address to listen on (env COSYNC_HOSTNAME; default 127.0.0.1).")
    var hostname: String?
    @Option(name: .long, help: "Port to listen on (env COSYNC_PORT; default 8080).")
    var port: Int?
    @OptionGroup var db: DatabaseOptions
    @Option(name: .long, help: "The address users and emails see, e.g. https://auth.example.com (env COSYNC_PUBLIC_URL).")
    var publicURL: String?
    @Option(name: .long, help: "smtp://user:password@host:port?tls=starttls|implicit|none (env COSYNC_SMTP_URL).")
    var smtpURL: String?
    @Option(name: .long, help: "The sender of the host's emails, e.g. 'My App <noreply@example.com>' or an address (env COSYNC_EMAIL_FROM).")
    var emailFrom: String?
    @Option(name: .long, help: "How long an app's maxLoginAttempts failures lock an account, in minutes (env COSYNC_LOCKOUT_MINUTES; default 15).")
    var lockoutMinutes: Int?
    @Option(name: .long, help: "User API requests per minute per client address (env COSYNC_RATE_LIMIT; default 600; 0 turns it off).")
    var rateLimit: Int?
    @Flag(name: .long, help: "Take the client's address from X-Forwarded-For (behind a proxy that sets it; env COSYNC_TRUST_FORWARDED_FOR=true).")
    var trustForwardedFor = false
    @Option(
        name: .long,
        help: "With --trust-forwarded-for: how many proxies append to X-Forwarded-For in front of the host (env COSYNC_TRUSTED_PROXIES; default 1).")
    var trustedProxies: Int?
    @Flag(name: .long, help: "Serve Prometheus metrics at /metrics on 127.0.0.1:9464, never on the public listener (env COSYNC_METRICS=true).")
    var metrics = false
    @Option(name: .long, help: "Serve metrics on this port instead of 9464; turns them on (env COSYNC_METRICS_PORT).")
    var metricsPort: Int?
    @Option(name: .long, help: "The address the metrics listener binds (env COSYNC_METRICS_HOSTNAME; default 127.0.0.1).")
    var metricsHostname: String?
    @Option(name: .long, help: "The Twilio-compatible SMS API (env COSYNC_TWILIO_URL; default https://api.twilio.com).")
    var twilioURL: String?
    @Option(
        name: .customLong("apple-jwks-url"),
        help: "Where Apple publishes its ID-token keys (env COSYNC_APPLE_JWKS_URL; default https://appleid.apple.com/auth/keys).")
    var appleJWKSURL: String?
    @Option(
        name: .customLong("google-jwks-url"),
        help: "Where Google publishes its ID-token keys (env COSYNC_GOOGLE_JWKS_URL; default https://www.googleapis.com/oauth2/v3/certs).")
    var googleJWKSURL: String?
    @Option(name: .long, help: "Seconds a connection may send nothing before it is closed (env COSYNC_IDLE_TIMEOUT; default 30).")
    var idleTimeout: Int?
    @Option(name: .long, help: "Days the audit log keeps entries (env COSYNC_AUDIT_RETENTION_DAYS; default 90).")
    var auditRetentionDays: Int?
    @Option(name: .long, help: "argon2id memory in KiB (env COSYNC_ARGON2_MEMORY_KIB; default 19456).")
    var argon2MemoryKib: Int?
    @Option(name: .long, help: "argon2id iterations (env COSYNC_ARGON2_ITERATIONS; default 2).")
    var argon2Iterations: Int?

    func run() async throws {
        let settings = Settings()
        let logger = CommandLogger.make(settings: settings, defaultLevel: .info)
        // Every setting is read and checked before the database is opened: a mistake is reported with
        // nothing to undo.
        let hostname = settings.string(hostname, key: "hostname", default: "127.0.0.1")
        let port = try settings.int(port, key: "port", default: 8080)
        guard (0...65_535).contains(port) else { throw CLIError("--port takes 0 to 65535") }
        let database = try db.url(settings)
        let cost = Argon2PasswordHasher.Cost(
            memoryKiB: try settings.int(argon2MemoryKib, key: "argon2.memory.kib", default: Argon2PasswordHasher.Cost.owasp.memoryKiB),
            iterations: try settings.int(argon2Iterations, key: "argon2.iterations", default: Argon2PasswordHasher.Cost.owasp.iterations))
        let publicURL = settings.string(publicURL, key: "public.url", default: "http://\(hostname):\(port)")
        let providers = ProviderIdentityVerifier.Endpoints(
            appleKeysURL: try Self.keysURL(
                settings.string(appleJWKSURL, key: "apple.jwks.url", default: ProviderIdentityVerifier.Endpoints.providers.appleKeysURL),
                option: "--apple-jwks-url"),
            googleKeysURL: try Self.keysURL(
                settings.string(googleJWKSURL, key: "google.jwks.url", default: ProviderIdentityVerifier.Endpoints.providers.googleKeysURL),
                option: "--google-jwks-url"))
        var options = AuthHost.Options(
            database: database, argon2: cost, publicURL: publicURL,
            lockoutMinutes: try settings.int(lockoutMinutes, key: "lockout.minutes", default: 15),
            requestsPerMinute: try settings.int(rateLimit, key: "rate.limit", default: 600),
            identityProviders: providers)
        options.senders = try MailDelivery.senders(settings, smtpURL: smtpURL, emailFrom: emailFrom, twilioURL: twilioURL)
        let metricsPort = try settings.int(self.metricsPort, key: "metrics.port", default: 0)
        let metricsOn = metrics || settings.string(nil, key: "metrics") == "true" || metricsPort != 0
        let listenerPort = metricsPort == 0 ? 9464 : metricsPort
        guard !metricsOn || ((1...65_535).contains(listenerPort) && listenerPort != port) else {
            throw CLIError("--metrics-port takes 1 to 65535, and not the API's port")
        }
        let metricsHost = settings.string(metricsHostname, key: "metrics.hostname", default: "127.0.0.1")
        let idleSeconds = try settings.int(idleTimeout, key: "idle.timeout", default: 30)
        guard (1...3_600).contains(idleSeconds) else { throw CLIError("--idle-timeout takes 1 to 3600 seconds") }
        let proxies = try settings.int(trustedProxies, key: "trusted.proxies", default: 1)
        guard (1...10).contains(proxies) else { throw CLIError("--trusted-proxies takes 1 to 10") }
        let trusted = trustForwardedFor || settings.string(nil, key: "trust.forwarded.for") == "true" ? proxies : 0
        let retentionDays = try settings.int(auditRetentionDays, key: "audit.retention.days", default: 90)
        guard retentionDays >= 1 else { throw CLIError("--audit-retention-days is at least 1") }
        var policy = OutboxDispatcher.Policy()
        policy.firstRetry = Double(try settings.int(nil, key: "outbox.retry.seconds", default: Int(policy.firstRetry)))
        policy.lease = Double(try settings.int(nil, key: "outbox.lease.seconds", default: Int(policy.lease)))

        let host = try await AuthHost.open(options, settings: settings, logger: logger)
        do {
            // Metrics go to one process-wide backend, made once, only when asked for.
            var metricsListener: (any Service)?
            if metricsOn {
                let registry = PrometheusCollectorRegistry()
                MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
                metricsListener = HTTPServer.metricsApplication(
                    text: { registry.emitToString() }, hostname: metricsHost, port: listenerPort, logger: logger)
                logger.info("metrics on", metadata: ["address": "\(metricsHost):\(listenerPort)"])
            }
            let storage = host.storage
            let senders = host.senders
            let app = HTTPServer.application(
                host.httpDependencies(isReady: { await storage.isReachable() }, trustedProxies: trusted),
                hostname: hostname, port: port, idleTimeout: .seconds(Int64(idleSeconds)), logger: logger)
            logger.info(
                "starting",
                metadata: [
                    "database": "\(database)", "publicURL": "\(publicURL)",
                    "argon2": "m=\(cost.memoryKiB)KiB t=\(cost.iterations) p=1",
                ])
            // Text messages always have a way out (each app brings its own account); emails only with SMTP.
            let apps = host.apps
            let dispatcher = OutboxDispatcher(
                outbox: host.storage.store, email: senders.email,
                sms: senders.sms.map { sender in .init(sender: sender, credentials: { try await apps.smsCredentials(appId: $0) }) }, policy: policy)
            let services: [ServiceGroupConfiguration.ServiceConfiguration] =
                [.init(service: app)] + (metricsListener.map { [.init(service: $0)] } ?? []) + [
                    .init(
                        service: MaintenanceWorker(
                            audit: host.apps.audit, store: host.storage.store, retention: .seconds(retentionDays * 86_400),
                            interval: .seconds(3_600), undeliverableAfter: senders.email == nil ? .seconds(3_600) : nil, logger: logger)),
                    .init(service: OutboxWorker(dispatcher: dispatcher, pollInterval: .seconds(1), logger: logger)),
                ]
            if let summary = senders.emailSummary {
                logger.info("email delivery on", metadata: ["smtp": "\(summary)"])
            } else {
                logger.notice("no SMTP server configured (--smtp-url): emails wait in the outbox until one is")
            }
            let group = ServiceGroup(
                configuration: .init(
                    services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
            try await group.run()
        } catch {
            await host.close()
            throw error
        }
        await host.close()
        logger.info("stopped")
    }

    /// A provider's key-set address: HTTPS, or plain HTTP only on this machine (a stand-in for tests); keys
    /// fetched in the clear from elsewhere could be anyone's.
    static func keysURL(_ text: String, option: String) throws -> String {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), let host = url.host?.lowercased() else {
            throw CLIError("\(option) takes a URL such as https://appleid.apple.com/auth/keys, not '\(text)'")
        }
        let local = ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host)
        guard scheme == "https" || (scheme == "http" && local) else {
            throw CLIError("\(option) must be an https:// URL (http:// only on this machine)")
        }
        return text
    }
}
