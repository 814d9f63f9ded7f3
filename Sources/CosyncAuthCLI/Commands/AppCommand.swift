import ArgumentParser
import CosyncAuthCore
import CosyncAuthHTTP
import CosyncAuthHost
import Foundation

/// `cosync-auth app ...`: the apps this host serves.
struct AppCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "app",
        abstract: "Create, list, show, configure, reset and delete apps; their metadata fields, locales and templates.",
        subcommands: [
            Create.self, List.self, Show.self, Set.self, Delete.self, Reset.self, FieldsCommand.self, LocaleCommand.self,
            TemplateCommand.self, TestEmail.self, TestSMS.self, RotateKey.self,
        ])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an app: its id, app token, app secret (shown once) and RSA key pair.",
            discussion: "Example: cosync-auth app create \"My App\" --json")

        @Argument(help: "The app's name, unique on this host.") var name: String
        @OptionGroup var admin: AdminOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let created = try await admin.withClient { try await $0.call(.post, "/api/app/", body: .object(["name": .string(name)])) }
            if output.json { return Output.print(json: created) }
            print(AppCommand.text(created))
            print("appSecret: \(created.objectValue?["appSecret"]?.stringValue ?? "")   (shown only now)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the apps.")
        @OptionGroup var admin: AdminOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let apps = try await admin.withClient { try await $0.call(.get, "/api/app/allApps") }
            if output.json { return Output.print(json: apps) }
            guard case .array(let items) = apps, !items.isEmpty else {
                return print("No apps yet. Create one with: cosync-auth app create NAME")
            }
            print(
                Table.render(
                    header: ["APP ID", "NAME", "STATUS", "SIGNUP", "CREATED"],
                    rows: items.map { app in
                        let o = app.objectValue ?? [:]
                        let settings = o["settings"]?.objectValue ?? [:]
                        let signup = settings["signupEnabled"] == .bool(false) ? "off" : settings["signupFlow"]?.stringValue ?? ""
                        return [
                            o["appId"]?.stringValue ?? "", o["name"]?.stringValue ?? "", o["status"]?.stringValue ?? "",
                            signup, o["createdAt"]?.stringValue ?? "",
                        ]
                    }))
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show an app's credentials (never its secret), public key, signing keys and settings.",
            discussion: "Example: cosync-auth app show \"My App\" --json")
        @Argument(help: "The app's id or name.") var app: String
        @OptionGroup var admin: AdminOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let (found, keys) = try await admin.withClient { client in
                let found = try await client.call(.get, "/api/app/appId/\(AppCommand.pathSegment(app))")
                return (found, try await client.call(.get, "/api/app/keys/\(AppCommand.pathSegment(app))"))
            }
            if output.json {
                var combined = found.objectValue ?? [:]
                combined["keys"] = keys
                return Output.print(json: .object(combined))
            }
            print(AppCommand.text(found))
            print(AppCommand.keysText(keys))
        }
    }

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change one setting of an app.",
            discussion: """
                Settings: \(AppSettingChange.settingNames.joined(separator: ", ")).
                Secret settings (sealed at rest, never shown): \(AppSettingChange.secretSettingNames.sorted().joined(separator: ", ")).
                Examples:
                  cosync-auth app set "My App" signupFlow none
                  cosync-auth app set "My App" locales EN,FR,DE
                  cosync-auth app set "My App" twilioToken - < twilio-token.txt
                  cosync-auth app set "My App" metaData '[{"path":"user.name","fieldName":"name","required":true}]'
                """)
        @Argument(help: "The app's id or name.") var app: String
        @Argument(help: "The setting's protocol name.") var setting: String
        @Argument(help: "Its new value; - reads it from standard input (for secrets such as twilioToken).") var value: String
        @OptionGroup var admin: AdminOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let value = value == "-" ? try SecretInput.read(option: nil, file: "-") ?? "" : value
            let changed = try await admin.withClient {
                try await $0.call(.post, "/api/app/update", body: .object(["appId": .string(app), setting: .string(value)]))
            }
            if output.json { return Output.print(json: changed) }
            print("\(changed.objectValue?["name"]?.stringValue ?? app): \(setting) set.")
        }
    }

    /// An app as people read it, from the admin API's JSON.
    static func text(_ app: JSONValue) -> String {
        let o = app.objectValue ?? [:]
        let s = o["settings"]?.objectValue ?? [:]
        func str(_ v: JSONValue?) -> String { v?.stringValue ?? v.map(\.jsonText) ?? "" }
        let locales: String = if case .array(let items)? = s["locales"] { items.compactMap(\.stringValue).joined(separator: ",") } else { "EN" }
        let signup = s["signupEnabled"] == .bool(false) ? "disabled" : "enabled, flow \(str(s["signupFlow"]))"
        return """
            appId:     \(str(o["appId"]))
            name:      \(str(o["name"]))
            status:    \(str(o["status"]))
            appToken:  \(str(o["appToken"]))
            signup:    \(signup)
            locales:   \(locales)
            JWT:       RS256, \(str(s["userJWTExpiration"])) h, aud \(s["realmAppId"]?.stringValue ?? "none")
            publicKey:
            \(str(o["publicKey"]).trimmingCharacters(in: .whitespacesAndNewlines))
            """
    }

    /// An app id or name as one path segment.
    static func pathSegment(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    static func withHost<T: Sendable>(_ db: DatabaseOptions, _ work: (AuthHost) async throws -> T) async throws -> T {
        try await withHost(settings: Settings(options: ["database.url": db.database]), work)
    }

    /// Opens the host these settings name for one command; a refusal of the core is printed as it is.
    static func withHost<T: Sendable>(settings: Settings, _ work: (AuthHost) async throws -> T) async throws -> T {
        let logger = CommandLogger.make(settings: settings, defaultLevel: .notice)
        do {
            return try await AuthHost.with(try HostConfiguration(settings), logger: logger, work)
        } catch let failure as AdminFailure {
            throw CLIError(failure.description)
        } catch let failure as PortalFailure {
            throw CLIError(failure.description)
        }
    }
}
