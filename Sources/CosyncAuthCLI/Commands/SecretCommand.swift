import ArgumentParser
import CosyncAuthCore
import CosyncAuthHTTP
import Foundation

/// `cosync-auth secret ...`: the host's named server secrets (the `server-secret` of the admin API).
struct SecretCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "secret",
        abstract: "Create, list and revoke the host's server secrets.",
        discussion: """
            Each person or tool that administers the host can have its own secret, revoked on its own.
            The first secret is made on the database (cosync-auth init does it); later ones can also be made
            on a running host with another secret (--host, --secret).
            Examples:
              cosync-auth secret create portal
              cosync-auth secret list
              cosync-auth secret revoke portal
            """,
        subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a named secret, printed once.")
        @Argument(help: "1 to 64 lower-case letters, digits, - and _.") var name: String
        @OptionGroup var admin: AdminOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let created = try await admin.withClient { try await $0.call(.post, "/api/app/secrets", body: .object(["name": .string(name)])) }
            let secret = created.objectValue?["serverSecret"]?.stringValue ?? ""
            if output.json {
                Output.print(json: created)
            } else {
                print("Server secret '\(name)' (shown only now; keep it safe):\n\(secret)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the secrets' names (never the secrets).")
        @OptionGroup var admin: AdminOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let listed = try await admin.withClient { try await $0.call(.get, "/api/app/secrets") }
            let secrets: [JSONValue] = if case .array(let items) = listed { items } else { [] }
            if output.json {
                Output.print(json: listed)
            } else if secrets.isEmpty {
                print("No server secrets. Create one with: cosync-auth secret create NAME")
            } else {
                print(
                    Table.render(
                        header: ["NAME", "CREATED"],
                        rows: secrets.map {
                            [$0.objectValue?["name"]?.stringValue ?? "", $0.objectValue?["createdAt"]?.stringValue ?? ""]
                        }))
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a secret: requests with it are refused at once.")
        @Argument(help: "The secret's name.") var name: String
        @OptionGroup var admin: AdminOptions

        func run() async throws {
            _ = try await admin.withClient { try await $0.call(.delete, "/api/app/secrets/\(AppCommand.pathSegment(name))") }
            print("Secret '\(name)' revoked.")
        }
    }
}
