import ArgumentParser
import CosyncAuthCore
import CosyncAuthHost
import Foundation

/// `cosync-auth portal ...`: the web portal's operators. They are managed here, on the database, and
/// never through the web.
struct PortalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "portal",
        abstract: "The web portal: its operators.",
        subcommands: [OperatorCommand.self])
}

struct OperatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "operator",
        abstract: "Add, list and remove the people who log in to the portal.",
        subcommands: [Add.self, List.self, Remove.self])

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
            let added = try await AppCommand.withHost(db) { host in
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
            let operators = try await AppCommand.withHost(db) { try await $0.portalOperators.list() }
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
            try await AppCommand.withHost(db) { try await $0.portalOperators.remove(email: email) }
            print("Operator \(email) removed.")
        }
    }
}
