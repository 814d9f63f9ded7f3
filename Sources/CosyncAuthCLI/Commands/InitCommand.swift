import ArgumentParser
import CosyncAuthCore
import CosyncAuthHost

/// `cosync-auth init`: migrates the database and creates the host's server secret, shown once.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Prepare the database and create the host's server secret (printed once).",
        discussion: """
            Running it again changes nothing unless --new-secret is given, which replaces the secret.
            Examples:
              cosync-auth init
              cosync-auth init --database postgres://auth:pw@db:5432/app --json
            """)

    @OptionGroup var db: DatabaseOptions
    @OptionGroup var output: OutputOptions
    @Flag(name: .long, help: "Replace the existing server secret with a new one.")
    var newSecret = false

    func run() async throws {
        let (settings, configuration) = try db.configuration()
        let logger = CommandLogger.make(settings: settings, defaultLevel: .notice)
        let secret = try await AuthHost.with(configuration, logger: logger) { host in
            // Logged as every command on the database is: by `cli`.
            try await RequestOrigin.$actor.withValue("cli") {
                try await host.serverSecrets.create(name: ServerSecrets.defaultName, replacing: newSecret)
            }
        }
        if output.json {
            Output.print(json: .object(["serverSecret": secret.map(JSONValue.string) ?? .null]))
            return
        }
        if let secret {
            print("The host is ready. Its server secret (shown only now; keep it safe):\n\(secret)")
        } else {
            print("The host is ready; it already has a server secret (use --new-secret to replace it).")
        }
        print(Self.nextSteps(listening: "http://\(configuration.listener.hostname):\(configuration.listener.port)"))
    }

    /// What a newcomer does next, with the same database options (environment variables carry over).
    static func nextSteps(listening url: String) -> String {
        """

        Next:
          cosync-auth app create "My App"                # its app token (for the client library) and keys
          cosync-auth app set "My App" signupFlow none   # sign-ups without email, until --smtp-url is set
          cosync-auth serve                              # the host, on \(url)
        """
    }
}
