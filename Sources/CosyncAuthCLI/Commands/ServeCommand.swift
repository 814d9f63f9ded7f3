import ArgumentParser
import CosyncAuthHost
import Logging
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
    @Flag(name: .long, help: "Serve the web portal at /portal, with this host registered in it (env COSYNC_PORTAL=true).")
    var portal = false
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
    @Option(
        name: .long,
        help: "Logins that may wait per core for a password check; beyond them a login gets 503 at once (env COSYNC_HASH_QUEUE; default 4).")
    var hashQueue: Int?

    func run() async throws {
        let settings = Settings(options: options)
        let logger = CommandLogger.make(settings: settings, defaultLevel: .info)
        let configuration = try HostConfiguration(settings)
        try await AuthHost.with(configuration, logger: logger) { host in
            logger.info(
                "starting",
                metadata: [
                    "database": "\(configuration.database)", "publicURL": "\(configuration.publicURL)",
                    "argon2": "m=\(configuration.argon2.memoryKiB)KiB t=\(configuration.argon2.iterations) p=1",
                ])
            if let summary = host.senders.emailSummary {
                logger.info("email delivery on", metadata: ["smtp": "\(summary)"])
            } else {
                logger.notice("no SMTP server configured (--smtp-url): emails wait in the outbox until one is")
            }
            let group = ServiceGroup(
                configuration: .init(
                    services: try await host.services(logger: logger).map { .init(service: $0) }, gracefulShutdownSignals: [.sigterm, .sigint],
                    logger: logger))
            try await group.run()
        }
        logger.info("stopped")
    }

    /// The options given on the command line, by setting key; the rest comes from `COSYNC_*` variables.
    private var options: [String: String?] {
        [
            "hostname": hostname, "port": port.map(String.init), "database.url": db.database, "public.url": publicURL,
            "smtp.url": smtpURL, "email.from": emailFrom, "lockout.minutes": lockoutMinutes.map(String.init),
            "rate.limit": rateLimit.map(String.init), "trust.forwarded.for": trustForwardedFor ? "true" : nil,
            "trusted.proxies": trustedProxies.map(String.init), "metrics": metrics ? "true" : nil,
            "metrics.port": metricsPort.map(String.init), "metrics.hostname": metricsHostname, "twilio.url": twilioURL,
            "apple.jwks.url": appleJWKSURL, "google.jwks.url": googleJWKSURL, "idle.timeout": idleTimeout.map(String.init),
            "audit.retention.days": auditRetentionDays.map(String.init), "argon2.memory.kib": argon2MemoryKib.map(String.init),
            "argon2.iterations": argon2Iterations.map(String.init), "portal": portal ? "true" : nil,
            "hash.queue": hashQueue.map(String.init),
        ]
    }
}
