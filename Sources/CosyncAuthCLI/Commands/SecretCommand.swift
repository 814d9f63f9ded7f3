import ArgumentParser
import CosyncAuthCore
import CosyncAuthHTTP

/// `cosync-auth secret ...`: the host's named server secrets (the `server-secret` of the admin API).
struct SecretCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "secret",
        abstract: "Create, list and revoke the host's server secrets.",
        discussion: """
            Each person or tool that administers the host can have its own secret, revoked on its own.
            Examples:
              cosync-auth secret create portal
              cosync-auth secret list
              cosync-auth secret revoke portal
            """,
        subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a named secret, printed once.")
        @Argument(help: "1 to 64 lower-case letters, digits, - and _.") var name: String
        @OptionGroup var db: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let secret = try await SecretCommand.withHost(db) { try await $0.serverSecrets.create(name: name) }
            if output.json {
                Output.print(json: .object(["name": .string(name), "serverSecret": .string(secret)]))
            } else {
                print("Server secret '\(name)' (shown only now; keep it safe):\n\(secret)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the secrets' names (never the secrets).")
        @OptionGroup var db: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let secrets = try await SecretCommand.withHost(db) { try await $0.serverSecrets.list() }
            if output.json {
                Output.print(json: .array(secrets.map {
                    .object(["name": .string($0.name), "createdAt": .string(AppJSON.date($0.createdAt))])
                }))
            } else if secrets.isEmpty {
                print("No server secrets. Create one with: cosync-auth secret create NAME")
            } else {
                print(Table.render(header: ["NAME", "CREATED"], rows: secrets.map { [$0.name, AppJSON.date($0.createdAt)] }))
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a secret: requests with it are refused at once.")
        @Argument(help: "The secret's name.") var name: String
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            try await SecretCommand.withHost(db) { try await $0.serverSecrets.revoke(name: name) }
            print("Secret '\(name)' revoked.")
        }
    }

    static func withHost<T: Sendable>(_ db: DatabaseOptions, _ work: (AuthHost) async throws -> T) async throws -> T {
        do {
            return try await AppCommand.withHost(db, work)
        } catch let failure as ServerSecrets.Failure {
            throw CLIError(failure.description)
        }
    }
}
