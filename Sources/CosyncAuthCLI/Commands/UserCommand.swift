import ArgumentParser
import CosyncAuthCore
import CosyncAuthHTTP
import Crypto
import Foundation

/// `cosync-auth user ...`: an app's users, offline on the database or remotely on a host.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "List, search, show, add, suspend, activate, delete users; reset a password; set metadata.",
        discussion: """
            APP is an app id or name; USER is a user id or handle. Every command works on the database
            (--database) or on a running host (--host URL --secret S), with the same output.
            Examples:
              cosync-auth user list "My App" --search jane
              cosync-auth user suspend "My App" jane@example.com
              cosync-auth user reset-password "My App" jane@example.com --password 'n3w pass'
              cosync-auth user list "My App" --host https://auth.example.com --secret ss_... --json
            """,
        subcommands: [
            List.self, Search.self, Show.self, Add.self, Suspend.self, Activate.self, Delete.self, ResetPassword.self, ResetTwoFactor.self,
            SetMetadata.self,
        ])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List an app's users, optionally those matching a text.")
        @Argument(help: "The app's id or name.") var app: String
        @Flag(name: .long, help: "Leave anonymous users out.") var hideAnonymous = false
        @Flag(name: .long, help: "Find --search anywhere in a handle or user name, not only at its start (reads every user).")
        var anywhere = false
        @OptionGroup var list: ListOptions
        @OptionGroup var admin: AdminOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            var query = list.query(app: app)
            if hideAnonymous { query.append(("hideAnonUser", "true")) }
            if anywhere { query.append(("match", "contains")) }
            try await UserCommand.printUsers(query: query, admin: admin, json: output.json)
        }
    }

    struct Search: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Find an app's users whose handle or user name starts with a text.",
            discussion: "Example: cosync-auth user search \"My App\" jane")
        @Argument(help: "The app's id or name.") var app: String
        @Argument(help: "The start of a handle or user name.") var text: String
        @Flag(name: .long, help: "Find the text anywhere in a handle or user name, not only at its start (reads every user).")
        var anywhere = false
        @Option(name: .long, help: "Page index, from 0.") var offset = 0
        @Option(name: .long, help: "Page size, 1 to 500.") var limit = 100
        @OptionGroup var admin: AdminOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            var query = [("appId", app), ("value", text), ("offset", "\(offset)"), ("limit", "\(limit)")]
            if anywhere { query.append(("match", "contains")) }
            try await UserCommand.printUsers(query: query, admin: admin, json: output.json)
        }
    }

    static func printUsers(query: [(String, String)], admin: AdminOptions, json: Bool) async throws {
        try await admin.printList(
            "/api/app/searchUser", query: query, json: json, empty: "No users.",
            columns: [
                ("USER ID", "userId"), ("HANDLE", "handle"), ("STATUS", "status"), ("PROVIDER", "loginProvider"), ("LAST LOGIN", "lastLogin"),
            ])
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one user.")
        @Argument(help: "The app's id or name.") var app: String
        @Argument(help: "The user's id or handle.") var user: String
        @OptionGroup var admin: AdminOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let found = try await admin.withClient { try await $0.call(.get, "/api/app/user", query: [("appId", app), ("userId", user)]) }
            UserCommand.show(found, json: output.json)
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a user who can log in at once.")
        @Argument(help: "The app's id or name.") var app: String
        @Argument(help: "The user's email.") var handle: String
        @Option(name: .long, help: "The password (sent as its MD5, as the clients do); better: --password-file.") var password: String?
        @Option(name: .long, help: ArgumentHelp("A file holding the password, or - for standard input.", valueName: "path")) var passwordFile: String?
        @Option(name: .long, help: "Metadata, a JSON object.") var metadata: String?
        @OptionGroup var admin: AdminOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            guard let password = try SecretInput.read(option: password, file: passwordFile) else {
                throw CLIError("give the password with --password-file FILE (or - for standard input)")
            }
            var body: [String: JSONValue] = ["appId": .string(app), "handle": .string(handle), "password": .string(UserCommand.md5(password))]
            if let metadata { body["metaData"] = .string(metadata) }
            let added = try await admin.withClient { try await $0.call(.post, "/api/app/addUser", body: .object(body)) }
            UserCommand.show(added, json: output.json)
        }
    }

    struct Suspend: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Suspend a user: their sessions end at once and login is refused.")
        @Argument(help: "The app's id or name.") var app: String
        @Argument(help: "The user's id or handle.") var user: String
        @OptionGroup var admin: AdminOptions
        @OptionGroup var output: OutputOptions

        func run() async throws { try await UserCommand.setStatus("suspend", app: app, user: user, admin: admin, json: output.json) }
    }

    struct Activate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Reactivate a suspended user.")
        @Argument(help: "The app's id or name.") var app: String
        @Argument(help: "The user's id or handle.") var user: String
        @OptionGroup var admin: AdminOptions
        @OptionGroup var output: OutputOptions

        func run() async throws { try await UserCommand.setStatus("active", app: app, user: user, admin: admin, json: output.json) }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete a user and their sessions.")
        @Argument(help: "The app's id or name.") var app: String
        @Argument(help: "The user's id or handle.") var user: String
        @OptionGroup var admin: AdminOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let removed = try await admin.withClient {
                try await $0.call(.post, "/api/app/removeUser", body: .object(["appId": .string(app), "userId": .string(user)]))
            }
            if output.json { Output.print(json: removed) } else { print("Deleted \(removed.objectValue?["handle"]?.stringValue ?? user).") }
        }
    }

    struct ResetPassword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-password", abstract: "Set a user's password; their sessions end at once.")
        @Argument(help: "The app's id or name.") var app: String
        @Argument(help: "The user's id or handle.") var user: String
        @Option(name: .long, help: "The new password; better: --password-file.") var password: String?
        @Option(name: .long, help: ArgumentHelp("A file holding the new password, or - for standard input.", valueName: "path")) var passwordFile:
            String?
        @OptionGroup var admin: AdminOptions

        func run() async throws {
            guard let password = try SecretInput.read(option: password, file: passwordFile) else {
                throw CLIError("give the new password with --password-file FILE (or - for standard input)")
            }
            _ = try await admin.withClient {
                try await $0.call(
                    .post, "/api/app/resetUserPassword",
                    body: .object([
                        "appId": .string(app), "userId": .string(user), "hashValue": .string(UserCommand.md5(password)),
                    ]))
            }
            print("Password set; the user's sessions were revoked.")
        }
    }

    struct ResetTwoFactor: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-2fa",
            abstract: "Turn a user's two-factor login off (they lost their phone); their recovery codes go too.",
            discussion: "Example: cosync-auth user reset-2fa \"My App\" jane@example.com")
        @Argument(help: "The app's id or name.") var app: String
        @Argument(help: "The user's id or handle.") var user: String
        @OptionGroup var admin: AdminOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let updated = try await admin.withClient {
                try await $0.call(.post, "/api/app/resetUserTwoFactor", body: .object(["appId": .string(app), "userId": .string(user)]))
            }
            if output.json { return Output.print(json: updated) }
            print("Two-factor login is off for \(updated.objectValue?["handle"]?.stringValue ?? user).")
        }
    }

    struct SetMetadata: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set-metadata", abstract: "Replace a user's metadata with a JSON object.")
        @Argument(help: "The app's id or name.") var app: String
        @Argument(help: "The user's id or handle.") var user: String
        @Argument(help: "A JSON object.") var metadata: String
        @OptionGroup var admin: AdminOptions

        func run() async throws {
            _ = try await admin.withClient {
                try await $0.call(
                    .post, "/api/app/updateAppUserMetaData",
                    body: .object([
                        "appId": .string(app), "userId": .string(user), "metaData": .string(metadata),
                    ]))
            }
            print("Metadata set.")
        }
    }

    static func setStatus(_ status: String, app: String, user: String, admin: AdminOptions, json: Bool) async throws {
        let updated = try await admin.withClient {
            try await $0.call(.post, "/api/app/user", body: .object(["appId": .string(app), "userId": .string(user), "status": .string(status)]))
        }
        if json {
            Output.print(json: updated)
        } else {
            print("\(updated.objectValue?["handle"]?.stringValue ?? user) is \(updated.objectValue?["status"]?.stringValue ?? status).")
        }
    }

    static func show(_ user: JSONValue, json: Bool) {
        if json { return Output.print(json: user) }
        for key in [
            "userId", "handle", "userName", "status", "loginProvider", "locale", "createdAt", "lastLogin", "failedLogins",
            "lockedUntil", "phone", "phoneVerified", "twoFactorPhoneVerification", "twoFactorGoogleVerification",
        ] {
            guard let value = user.objectValue?[key], value != .null else { continue }
            print("\(key.padding(toLength: 14, withPad: " ", startingAt: 0)) \(value.stringValue ?? value.jsonText)")
        }
        if let metadata = user.objectValue?["metaData"] { print("metaData       \(metadata.jsonText)") }
    }

    /// Passwords travel as their MD5 hex, as every CoSync client sends them; the host hashes that.
    static func md5(_ text: String) -> String {
        HexText.encode(Insecure.MD5.hash(data: Data(text.utf8)))
    }
}
