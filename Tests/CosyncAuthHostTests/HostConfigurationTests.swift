import CosyncAuthHost
import CosyncAuthStorage
import Testing

/// The one configuration every command builds its host from: options over `COSYNC_*` variables over
/// defaults, every value checked before anything is opened.
@Suite("host configuration")
struct HostConfigurationTests {
    @Test func defaultsNeedNothing() throws {
        let configuration = try HostConfiguration(Settings(environment: [:]))
        #expect(configuration.database.engine == .sqlite && configuration.masterKey == nil)
        #expect(configuration.listener.hostname == "127.0.0.1" && configuration.listener.port == 8080)
        #expect(configuration.listener.trustedProxies == 0 && configuration.metrics == nil && configuration.delivery.smtp == nil)
        #expect(configuration.publicURL == "http://127.0.0.1:8080")
    }

    @Test func anOptionWinsOverItsVariable() throws {
        let settings = Settings(
            options: ["port": "9000", "rate.limit": nil],
            environment: ["COSYNC_PORT": "7000", "COSYNC_RATE_LIMIT": "5", "COSYNC_TRUST_FORWARDED_FOR": "true", "COSYNC_TRUSTED_PROXIES": "2"])
        let configuration = try HostConfiguration(settings)
        #expect(configuration.listener.port == 9000, "the option")
        #expect(configuration.requestsPerMinute == 5, "an option not given leaves the variable")
        #expect(configuration.listener.trustedProxies == 2)
        #expect(configuration.publicURL == "http://127.0.0.1:9000")
    }

    @Test func smtpAndMetricsAreReadTogetherWithWhatTheyNeed() throws {
        let configuration = try HostConfiguration(
            Settings(environment: [
                "COSYNC_SMTP_URL": "smtp://mail.example.com?tls=implicit", "COSYNC_EMAIL_FROM": "App <noreply@example.com>",
                "COSYNC_METRICS_PORT": "9500",
            ]))
        #expect(configuration.delivery.smtp?.host == "mail.example.com" && configuration.delivery.smtp?.port == 465)
        #expect(configuration.delivery.emailFrom?.address == "noreply@example.com")
        #expect(configuration.metrics?.port == 9500)
    }

    /// Each mistake is named with the option or variable that holds it.
    @Test(arguments: [
        (["COSYNC_PORT": "eighty"], "--port (COSYNC_PORT) must be a whole number"),
        (["COSYNC_PORT": "70000"], "--port (COSYNC_PORT) takes 0 to 65535, not 70000"),
        (["COSYNC_IDLE_TIMEOUT": "0"], "--idle-timeout (COSYNC_IDLE_TIMEOUT) takes 1 to 3600 seconds, not 0"),
        (["COSYNC_TRUSTED_PROXIES": "11"], "--trusted-proxies (COSYNC_TRUSTED_PROXIES) takes 1 to 10, not 11"),
        (["COSYNC_METRICS_PORT": "8080"], "--metrics-port (COSYNC_METRICS_PORT) must not be the API's port (8080)"),
        (["COSYNC_METRICS_PORT": "-1"], "--metrics-port (COSYNC_METRICS_PORT) takes 0 to 65535, not -1"),
        (["COSYNC_AUDIT_RETENTION_DAYS": "0"], "--audit-retention-days (COSYNC_AUDIT_RETENTION_DAYS) takes 1 to 36500 days, not 0"),
        (["COSYNC_HASH_QUEUE": "-1"], "--hash-queue (COSYNC_HASH_QUEUE) takes 0 to 1000 logins per core, not -1"),
        (["COSYNC_LOCKOUT_MINUTES": "0"], "--lockout-minutes (COSYNC_LOCKOUT_MINUTES) takes 1 to 525600 minutes, not 0"),
        (["COSYNC_RATE_LIMIT": "-5"], "--rate-limit (COSYNC_RATE_LIMIT) takes 0 to 1000000 requests a minute, not -5"),
        (["COSYNC_ARGON2_MEMORY_KIB": "4"], "--argon2-memory-kib (COSYNC_ARGON2_MEMORY_KIB) takes 8 to 4194304 KiB, not 4"),
        (["COSYNC_ARGON2_ITERATIONS": "0"], "--argon2-iterations (COSYNC_ARGON2_ITERATIONS) takes 1 to 100, not 0"),
        (["COSYNC_OUTBOX_RETRY_SECONDS": "0"], "COSYNC_OUTBOX_RETRY_SECONDS takes 1 to 86400 seconds, not 0"),
        (["COSYNC_OUTBOX_LEASE_SECONDS": "0"], "COSYNC_OUTBOX_LEASE_SECONDS takes 1 to 86400 seconds, not 0"),
        (["COSYNC_SMTP_URL": "smtp://mail.example.com"], "--email-from (COSYNC_EMAIL_FROM) is required"),
        (["COSYNC_GOOGLE_JWKS_URL": "http://keys.example.com/"], "--google-jwks-url must be an https:// URL"),
        (["COSYNC_MASTER_KEY": "short"], "COSYNC_MASTER_KEY must be base64 of 32 random bytes"),
        (["COSYNC_DATABASE_URL": "postgres://u@db/app"], "COSYNC_MASTER_KEY is required with PostgreSQL"),
        (["COSYNC_DATABASE_URL": "mysql://db/app"], "invalid database URL"),
    ])
    func mistakesAreNamed(_ environment: [String: String], _ message: String) {
        #expect {
            try HostConfiguration(Settings(environment: environment))
        } throws: { error in
            "\(error)".contains(message)
        }
    }
}
