import ArgumentParser
import CosyncAuthCore
import CosyncAuthHTTP

/// `cosync-auth signup ...`: signups waiting for their code.
struct SignupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "signup",
        abstract: "List or remove an app's pending signups (those waiting for their emailed code).",
        discussion: """
            Examples:
              cosync-auth signup list "My App"
              cosync-auth signup remove "My App" jane@example.com
            """,
        subcommands: [List.self, Remove.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List pending signups, optionally those matching a text.")
        @Argument(help: "The app's id or name.") var app: String
        @OptionGroup var list: ListOptions
        @OptionGroup var admin: AdminOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await admin.printList(
                "/api/app/searchSignup", query: list.query(app: app), json: output.json, empty: "No pending signups.",
                columns: [
                    ("HANDLE", "handle"), ("STATUS", "status"), ("LOCALE", "locale"), ("CREATED", "createdAt"), ("EXPIRES", "expiresAt"),
                ])
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a pending signup: its code stops working.")
        @Argument(help: "The app's id or name.") var app: String
        @Argument(help: "The handle.") var handle: String
        @OptionGroup var admin: AdminOptions

        func run() async throws {
            _ = try await admin.withClient {
                try await $0.call(.post, "/api/app/removeSignup", body: .object(["appId": .string(app), "handle": .string(handle)]))
            }
            print("Pending signup of \(handle) removed.")
        }
    }
}
