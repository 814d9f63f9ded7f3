import ArgumentParser
import CosyncAuthCore
import CosyncAuthDelivery
import CosyncAuthHTTP
import CosyncAuthHost
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
        let remote = Settings(options: ["host": host])
        if let host = remote.string("host") {
            guard let secret = try SecretInput.read(option: secret, file: secretFile) ?? remote.secret("server.secret") else {
                throw CLIError("--secret-file (or COSYNC_SERVER_SECRET) is required with --host")
            }
            return try await work(RemoteAdminClient(baseURL: host, secret: secret))
        }
        // The same configuration as `serve` (COSYNC_SMTP_URL...), so a test email works offline too.
        let (settings, configuration) = try db.configuration()
        let logger = CommandLogger.make(settings: settings, defaultLevel: .notice)
        return try await AuthHost.with(configuration, logger: logger) { host in
            let responder = HTTPServer.inProcessAdminResponder(host.httpDependencies(isReady: { true }))
            // Whoever opens the database acts as the operator; the log names them `cli`.
            return try await RequestOrigin.$actor.withValue("cli") {
                try await work(InProcessAdminClient(responder: responder, logger: logger))
            }
        }
    }
}
