import ArgumentParser
import CosyncAuthCore
import CosyncAuthHTTP
import Foundation

/// `cosync-auth app ...`: the apps this host serves.
struct AppCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "app",
        abstract: "Create, list, show and configure apps.",
        subcommands: [Create.self, List.self, Show.self, Set.self, TemplateCommand.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an app: its id, app token, app secret (shown once) and RSA key pair.",
            discussion: "Example: cosync-auth app create \"My App\" --json")

        @Argument(help: "The app's name, unique on this host.") var name: String
        @OptionGroup var db: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let created = try await AppCommand.withHost(db) { try await $0.apps.createApp(name: name) }
            if output.json {
                var json = AppJSON.app(created.app)
                json["appSecret"] = .string(created.appSecret)
                Output.print(json: .object(json))
            } else {
                print(AppJSON.text(created.app))
                print("appSecret: \(created.appSecret)   (shown only now)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the apps.")
        @OptionGroup var db: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let apps = try await AppCommand.withHost(db) { try await $0.apps.listApps() }
            if output.json {
                Output.print(json: .array(apps.map { .object(AppJSON.app($0)) }))
            } else if apps.isEmpty {
                print("No apps yet. Create one with: cosync-auth app create NAME")
            } else {
                print(Table.render(
                    header: ["APP ID", "NAME", "STATUS", "SIGNUP", "CREATED"],
                    rows: apps.map {
                        [$0.id.uuidString.lowercased(), $0.name, $0.status.rawValue,
                         $0.settings.signupEnabled ? $0.settings.signupFlow.rawValue : "off",
                         AppJSON.date($0.createdAt)]
                    }))
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show an app's credentials (never its secret), public key and settings.",
            discussion: "Example: cosync-auth app show \"My App\" --json")
        @Argument(help: "The app's id or name.") var app: String
        @OptionGroup var db: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let found = try await AppCommand.withHost(db) { try await $0.apps.findApp(app) }
            if output.json {
                Output.print(json: .object(AppJSON.app(found)))
            } else {
                print(AppJSON.text(found))
            }
        }
    }

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change one setting of an app.",
            discussion: """
                Settings: \(AppSettingChange.settingNames.joined(separator: ", ")).
                Examples:
                  cosync-auth app set "My App" signupFlow none
                  cosync-auth app set "My App" locales EN,FR,DE
                  cosync-auth app set "My App" metaData '[{"path":"user.name","fieldName":"name","required":true}]'
                """)
        @Argument(help: "The app's id or name.") var app: String
        @Argument(help: "The setting's protocol name.") var setting: String
        @Argument(help: "Its new value.") var value: String
        @OptionGroup var db: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let changed = try await AppCommand.withHost(db) {
                try await $0.apps.setSetting(app: app, name: setting, value: value)
            }
            if output.json {
                Output.print(json: .object(AppJSON.app(changed)))
            } else {
                print("\(changed.name): \(setting) set.")
            }
        }
    }

    static func withHost<T: Sendable>(_ db: DatabaseOptions, _ work: (AuthHost) async throws -> T) async throws -> T {
        let settings = Settings()
        let logger = CommandLogger.make(settings: settings, defaultLevel: .notice)
        do {
            return try await AuthHost.with(.init(database: try db.url(settings)), settings: settings, logger: logger, work)
        } catch let failure as AppAdministration.Failure {
            throw CLIError(failure.description)
        }
    }
}
