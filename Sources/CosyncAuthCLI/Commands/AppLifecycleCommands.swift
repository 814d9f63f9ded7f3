import ArgumentParser
import CosyncAuthCore
import CosyncAuthHTTP

extension AppCommand {
    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete an app with all its users, sessions, pending records, templates and messages.",
            discussion: """
                There is no undo: export the app first if its users may be needed again.
                Example: cosync-auth app delete "Old App" --yes
                """)
        @Argument(help: "The app's id or name.") var app: String
        @Flag(name: .long, help: "Confirm: the deletion cannot be undone.") var yes = false
        @OptionGroup var admin: AdminOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            guard yes else { throw CLIError("deleting an app cannot be undone; add --yes to confirm") }
            let deleted = try await admin.withClient { client in
                let found = try await client.call(.get, "/api/app/appId/\(AppCommand.pathSegment(app))")
                _ = try await client.call(.delete, "/api/app/\(AppCommand.pathSegment(app))")
                return found
            }
            if output.json { return Output.print(json: deleted) }
            print("Deleted \(deleted.objectValue?["name"]?.stringValue ?? app).")
        }
    }

    struct Reset: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove every user, session, pending signup and invitation of an app; keep its settings.",
            discussion: "Example: cosync-auth app reset \"Staging App\" --yes")
        @Argument(help: "The app's id or name.") var app: String
        @Flag(name: .long, help: "Confirm: the users removed cannot be brought back.") var yes = false
        @OptionGroup var admin: AdminOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            guard yes else { throw CLIError("resetting an app removes all its users; add --yes to confirm") }
            let reset = try await admin.withClient { try await $0.call(.post, "/api/app/reset", body: .object(["appId": .string(app)])) }
            if output.json { return Output.print(json: reset) }
            print("\(reset.objectValue?["name"]?.stringValue ?? app) has no users any more.")
        }
    }
}

/// `cosync-auth app fields ...`: the metadata fields an app asks at signup (or in invitations).
struct FieldsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fields",
        abstract: "List, add or remove an app's metadata fields (user or invite).",
        discussion: """
            Examples:
              cosync-auth app fields list "My App"
              cosync-auth app fields add "My App" user_data.name.first --required --can-edit
              cosync-auth app fields add "My App" invite.team --invite
              cosync-auth app fields remove "My App" user_data.name.first
            """,
        subcommands: [List.self, Add.self, Remove.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List an app's metadata fields.")
        @Argument(help: "The app's id or name.") var app: String
        @OptionGroup var admin: AdminOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let found = try await admin.withClient { try await $0.call(.get, "/api/app/appId/\(AppCommand.pathSegment(app))") }
            FieldsCommand.show(found, json: output.json)
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a field, or replace the one at the same path.")
        @Argument(help: "The app's id or name.") var app: String
        @Argument(help: "A dotted path into the user's metadata, e.g. user_data.name.first.") var path: String
        @Option(name: .long, help: "The field's name in JWT claims (default: the path's last part).") var name: String?
        @Flag(name: .long, help: "Signup fails without it.") var required = false
        @Flag(name: .long, help: "Users may change it with setUserMetadata.") var canEdit = false
        @Flag(name: .long, help: "An invitation field rather than a user field.") var invite = false
        @OptionGroup var admin: AdminOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            var body: [String: JSONValue] = [
                "appId": .string(app), "path": .string(path), "required": .string("\(required)"), "canEdit": .string("\(canEdit)"),
            ]
            if let name { body["fieldName"] = .string(name) }
            let route = invite ? "/api/app/updateAppInviteMetaData" : "/api/app/updateAppMetaData"
            let changed = try await admin.withClient { try await $0.call(.post, route, body: .object(body)) }
            FieldsCommand.show(changed, json: output.json)
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove the field at a path.")
        @Argument(help: "The app's id or name.") var app: String
        @Argument(help: "The field's path.") var path: String
        @Flag(name: .long, help: "An invitation field rather than a user field.") var invite = false
        @OptionGroup var admin: AdminOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let changed = try await admin.withClient {
                try await $0.call(
                    .post, "/api/app/deleteMetadata",
                    body: .object([
                        "appId": .string(app), "path": .string(path), "type": .string(invite ? "metaDataInvite" : "metaData"),
                    ]))
            }
            FieldsCommand.show(changed, json: output.json)
        }
    }

    static func show(_ app: JSONValue, json: Bool) {
        let settings = app.objectValue?["settings"]?.objectValue ?? [:]
        let lists: [String: JSONValue] = ["metaData": settings["metaData"] ?? .array([]), "metaDataInvite": settings["metaDataInvite"] ?? .array([])]
        if json { return Output.print(json: .object(lists)) }
        var rows: [[String]] = []
        for list in ["metaData", "metaDataInvite"] {
            guard case .array(let fields)? = lists[list] else { continue }
            for field in fields {
                let o = field.objectValue ?? [:]
                rows.append([
                    list == "metaData" ? "user" : "invite", o["path"]?.stringValue ?? "", o["fieldName"]?.stringValue ?? "",
                    o["required"] == .bool(true) ? "yes" : "no", o["canEdit"] == .bool(true) ? "yes" : "no",
                ])
            }
        }
        if rows.isEmpty { return print("No metadata fields.") }
        print(Table.render(header: ["LIST", "PATH", "NAME", "REQUIRED", "EDITABLE"], rows: rows))
    }
}

/// `cosync-auth app locale ...`: the languages an app's emails are written in.
struct LocaleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "locale",
        abstract: "Add or remove an app's locale (removing one deletes its templates).",
        discussion: """
            Examples:
              cosync-auth app locale add "My App" FR
              cosync-auth app locale remove "My App" FR
            """,
        subcommands: [Add.self, Remove.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a locale (a two-letter ISO 639-1 code).")
        @Argument(help: "The app's id or name.") var app: String
        @Argument(help: "The locale, e.g. FR.") var locale: String
        @OptionGroup var admin: AdminOptions
        @OptionGroup var output: OutputOptions

        func run() async throws { try await LocaleCommand.change("/api/app/addLocale", app: app, locale: locale, admin: admin, json: output.json) }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a locale and the app's templates for it (EN stays).")
        @Argument(help: "The app's id or name.") var app: String
        @Argument(help: "The locale, e.g. FR.") var locale: String
        @OptionGroup var admin: AdminOptions
        @OptionGroup var output: OutputOptions

        func run() async throws { try await LocaleCommand.change("/api/app/removeLocale", app: app, locale: locale, admin: admin, json: output.json) }
    }

    static func change(_ route: String, app: String, locale: String, admin: AdminOptions, json: Bool) async throws {
        let changed = try await admin.withClient {
            try await $0.call(.post, route, body: .object(["appId": .string(app), "locale": .string(locale)]))
        }
        let locales = changed.objectValue?["settings"]?.objectValue?["locales"] ?? .array([])
        if json { return Output.print(json: .object(["locales": locales])) }
        let list: String = if case .array(let items) = locales { items.compactMap(\.stringValue).joined(separator: ",") } else { "" }
        print("Locales: \(list)")
    }
}

extension AppCommand {
    struct TestEmail: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "test-email",
            abstract: "Send one email now with the app's sender settings, and say whether the SMTP server took it.",
            discussion: """
                Remotely it uses the host's SMTP server; offline, the one in COSYNC_SMTP_URL and COSYNC_EMAIL_FROM.
                Example: cosync-auth app test-email "My App" --to me@example.com
                """)
        @Argument(help: "The app's id or name.") var app: String
        @Option(name: .long, help: "Who receives it.") var to: String
        @OptionGroup var admin: AdminOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let answer = try await admin.withClient {
                try await $0.call(.post, "/api/app/testEmail", body: .object(["appId": .string(app), "to": .string(to)]))
            }
            if output.json { return Output.print(json: answer) }
            print("Sent to \(to): the SMTP server accepted it.")
        }
    }
}

extension AppCommand {
    struct TestSMS: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "test-sms",
            abstract: "Send one text message now with the app's SMS settings, and say whether the provider took it.",
            discussion: """
                The app needs twilioAccountSid, twilioToken and twilioPhoneNumber (cosync-auth app set).
                Example: cosync-auth app test-sms "My App" --to +14155550123
                """)
        @Argument(help: "The app's id or name.") var app: String
        @Option(name: .long, help: "The phone number, E.164.") var to: String
        @OptionGroup var admin: AdminOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let answer = try await admin.withClient {
                try await $0.call(.post, "/api/app/testAppTwilio", body: .object(["appId": .string(app), "phone": .string(to)]))
            }
            if output.json { return Output.print(json: answer) }
            print("Sent to \(to): the SMS provider accepted it.")
        }
    }
}
