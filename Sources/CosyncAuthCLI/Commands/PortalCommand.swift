import ArgumentParser
import CosyncAuthCore
import CosyncAuthHost
import Foundation
import ServiceLifecycle

/// `cosync-auth portal ...`: the web portal on its own, and its operators. Operators are managed here,
/// on the database, and never through the web.
struct PortalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "portal",
        abstract: "The web portal: serve it, and manage its operators.",
        subcommands: [PortalServeCommand.self, OperatorCommand.self], defaultSubcommand: PortalServeCommand.self)

    /// The portal's settings are the host's under `COSYNC_PORTAL_*`: `COSYNC_PORTAL_PORT` is its port,
    /// and a host's own `COSYNC_*` variables on the same machine do not leak into it.
    static func settings(options: [String: String?], defaults: [String: String] = [:]) -> Settings {
        var environment = defaults
        for (name, value) in ProcessInfo.processInfo.environment where name.hasPrefix("COSYNC_PORTAL_") {
            environment["COSYNC_" + name.dropFirst("COSYNC_PORTAL_".count)] = value
        }
        if let level = ProcessInfo.processInfo.environment["COSYNC_LOG_LEVEL"], environment["COSYNC_LOG_LEVEL"] == nil {
            environment["COSYNC_LOG_LEVEL"] = level
        }
        return Settings(options: options, environment: environment)
    }
}

/// `cosync-auth portal [serve]`: the portal as its own web server, managing hosts through their admin APIs.
struct PortalServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the portal on its own (it manages hosts through their admin APIs).",
        discussion: """
            Settings come from the options or COSYNC_PORTAL_* variables (COSYNC_PORTAL_PORT, COSYNC_PORTAL_DATABASE_URL,
            COSYNC_PORTAL_MASTER_KEY...). Add an operator first, in the portal's database:
              cosync-auth portal operator add EMAIL --database sqlite:cosync-portal.sqlite
            Examples:
              cosync-auth portal
              cosync-auth portal --hostname 0.0.0.0 --port 8090 --public-url https://portal.example.com
            """)

    @Option(name: .long, help: "Address to listen on (env COSYNC_PORTAL_HOSTNAME; default 127.0.0.1).") var hostname: String?
    @Option(name: .long, help: "Port to listen on (env COSYNC_PORTAL_PORT; default 8090).") var port: Int?
    @Option(name: .long, help: "The portal's own store (env COSYNC_PORTAL_DATABASE_URL; default sqlite:cosync-portal.sqlite).")
    var database: String?
    @Option(name: .long, help: "The address operators use, e.g. https://portal.example.com (env COSYNC_PORTAL_PUBLIC_URL).")
    var publicURL: String?

    func run() async throws {
        let settings = PortalCommand.settings(
            options: [
                "hostname": hostname, "port": port.map(String.init), "database.url": database, "public.url": publicURL,
            ], defaults: ["COSYNC_PORT": "8090", "COSYNC_DATABASE_URL": "sqlite:cosync-portal.sqlite"])
        let logger = CommandLogger.make(settings: settings, defaultLevel: .info)
        let configuration = try HostConfiguration(settings)
        try await AuthHost.with(configuration, logger: logger) { host in
            let listener = configuration.listener
            let application = try await host.portalServer(base: "").application(hostname: listener.hostname, port: listener.port, logger: logger)
            logger.info("portal starting", metadata: ["address": "\(listener.hostname):\(listener.port)", "database": "\(configuration.database)"])
            let group = ServiceGroup(
                configuration: .init(services: [.init(service: application)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
            try await group.run()
        }
    }
}

struct OperatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "operator",
        abstract: "Add, list and remove the people who log in to the portal.",
        discussion: """
            Operators live in the portal's database: the host's own for `serve --portal` (--database or
            COSYNC_DATABASE_URL), the portal's for `cosync-auth portal` (--database or COSYNC_PORTAL_DATABASE_URL,
            which is used when set).
            """,
        subcommands: [Add.self, List.self, Remove.self])

    /// Opens the database operators live in: `--database`, else the standalone portal's when
    /// `COSYNC_PORTAL_DATABASE_URL` is set, else the host's.
    static func withStore<T: Sendable>(_ db: DatabaseOptions, _ work: (AuthHost) async throws -> T) async throws -> T {
        guard db.database == nil, ProcessInfo.processInfo.environment["COSYNC_PORTAL_DATABASE_URL"] != nil else {
            return try await AppCommand.withHost(db, work)
        }
        return try await AppCommand.withHost(settings: PortalCommand.settings(options: [:]), work)
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an operator; the password is asked for (or read from standard input's first line).",
            discussion: """
                Examples:
                  cosync-auth portal operator add ops@example.com
                  printf '%s\\n' "$PORTAL_PASSWORD" | cosync-auth portal operator add ops@example.com --totp
                With --totp, logins also need a code from an authenticator app; the secret is printed once.
                """)
        @Argument(help: "The operator's email.") var email: String
        @Flag(name: .long, help: "Require a code from an authenticator app at login.") var totp = false
        @OptionGroup var db: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let password = try PasswordPrompt.read("Password for \(email): ", confirm: true)
            let secret = totp ? TOTP.newSecret() : nil
            let added = try await OperatorCommand.withStore(db) { host in
                try await host.portalOperators.add(email: email, password: password, totpSecret: secret)
            }
            let uri = secret.map { OTPAuthURI.make(issuer: "CoSync Auth portal", account: added.email, secret: $0) }
            if output.json {
                Output.print(json: .object(["email": .string(added.email), "totpURI": uri.map(JSONValue.string) ?? .null]))
            } else {
                print("Operator \(added.email) added.")
                if let uri { print("Add this to an authenticator app (shown only now):\n\(uri)") }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the operators.")
        @OptionGroup var db: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let operators = try await OperatorCommand.withStore(db) { try await $0.portalOperators.list() }
            if output.json {
                return Output.print(
                    json: .array(
                        operators.map {
                            .object([
                                "email": .string($0.email), "totp": .bool($0.sealedTOTPSecret != nil),
                                "createdAt": .string(ProtocolDate.text($0.createdAt)),
                            ])
                        }))
            }
            guard !operators.isEmpty else { return print("No operators yet: add one with `cosync-auth portal operator add EMAIL`.") }
            print(
                Table.render(
                    header: ["EMAIL", "TOTP", "CREATED"],
                    rows: operators.map { [$0.email, $0.sealedTOTPSecret == nil ? "no" : "yes", ProtocolDate.text($0.createdAt)] }))
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove an operator and end their sessions.")
        @Argument(help: "The operator's email.") var email: String
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            try await OperatorCommand.withStore(db) { try await $0.portalOperators.remove(email: email) }
            print("Operator \(email) removed.")
        }
    }
}
