import ArgumentParser
import CosyncAuthCore
import CosyncAuthDelivery
import CosyncAuthHTTP
import Logging

/// Where an administration command works: a running host (`--host` and `--secret`, or `COSYNC_HOST`
/// and `COSYNC_SERVER_SECRET`), else the database itself (`--database`).
struct AdminOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("A running host's URL, to work remotely (env COSYNC_HOST).", valueName: "url"))
    var host: String?
    @Option(name: .long, help: "A server secret of that host (env COSYNC_SERVER_SECRET; better: --secret-file).")
    var secret: String?
    @Option(name: .long, help: ArgumentHelp("A file holding the server secret, or - to read it from standard input.", valueName: "path"))
    var secretFile: String?
    @OptionGroup var db: DatabaseOptions

    /// Runs `work` with a client for the chosen place, and closes what it opened.
    func withClient<T: Sendable>(_ work: (any AdminClient) async throws -> T) async throws -> T {
        let settings = Settings()
        if let host = settings.string(host, key: "host") {
            guard let secret = try settings.secret(key: "server.secret", option: SecretInput.read(option: secret, file: secretFile)) else {
                throw CLIError("--secret-file (or COSYNC_SERVER_SECRET) is required with --host")
            }
            return try await work(RemoteAdminClient(baseURL: host, secret: secret))
        }
        let logger = CommandLogger.make(settings: settings, defaultLevel: .notice)
        // The same SMTP settings as `serve` (COSYNC_SMTP_URL...), so a test email works offline too.
        var options = AuthHost.Options(database: try db.url(settings))
        options.senders = try MailDelivery.senders(settings, smtpURL: nil, emailFrom: nil, twilioURL: nil)
        return try await AuthHost.with(options, settings: settings, logger: logger) { host in
            let responder = HTTPServer.inProcessAdminResponder(host.httpDependencies(isReady: { true }))
            // Whoever opens the database acts as the operator; the log names them `cli`.
            return try await RequestOrigin.$actor.withValue("cli") {
                try await work(InProcessAdminClient(responder: responder, logger: logger))
            }
        }
    }
}
