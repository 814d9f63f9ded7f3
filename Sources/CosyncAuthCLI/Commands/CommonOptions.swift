import ArgumentParser
import CosyncAuthCore
import CosyncAuthHost
import Foundation
import Logging

/// `--database`, shared by every command that opens the database.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "sqlite:PATH or postgres://user:password@host:port/database[?schema=NAME] (env COSYNC_DATABASE_URL).",
            valueName: "url"))
    var database: String?

    /// The settings with this option over the `COSYNC_*` variables, and the host's configuration read
    /// from them: a command on the database builds the same host as `serve`.
    func configuration() throws -> (settings: Settings, host: HostConfiguration) {
        let settings = Settings(options: ["database.url": database])
        return (settings, try HostConfiguration(settings))
    }
}

/// `--json`: machine-readable output on stdout.
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print JSON instead of text.")
    var json = false
}

enum CommandLogger {
    /// Logs go to stderr so that stdout carries only the command's answer (and its JSON).
    static func make(settings: Settings, defaultLevel: Logger.Level) -> Logger {
        var logger = Logger(label: "cosync-auth") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = settings.string("log.level").flatMap(Logger.Level.init(rawValue:)) ?? defaultLevel
        return logger
    }
}

enum Output {
    static func print(json value: JSONValue) {
        Swift.print(value.jsonText)
    }
}

/// `--search`, `--offset`, `--limit`: how list commands page through the admin API's lists.
struct ListOptions: ParsableArguments {
    @Option(name: .long, help: "Part of a handle.") var search = ""
    @Option(name: .long, help: "Page index, from 0.") var offset = 0
    @Option(name: .long, help: "Page size, 1 to 500.") var limit = 100

    /// The query of a list call for an app.
    func query(app: String) -> [(String, String)] {
        [("appId", app), ("value", search), ("offset", "\(offset)"), ("limit", "\(limit)")]
    }
}

extension AdminOptions {
    /// A list call of the admin API, printed as its JSON, or as a table of `columns` (header, key) for
    /// people, or `empty` when there is nothing.
    func printList(_ route: String, query: [(String, String)], json: Bool, empty: String, columns: [(header: String, key: String)]) async throws {
        let list = try await withClient { try await $0.call(.get, route, query: query) }
        if json { return Output.print(json: list) }
        guard case .array(let items) = list, !items.isEmpty else { return print(empty) }
        print(
            Table.render(
                header: columns.map(\.header),
                rows: items.map { item in columns.map { item.objectValue?[$0.key]?.stringValue ?? "" } }))
    }
}
