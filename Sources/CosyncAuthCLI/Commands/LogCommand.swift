import ArgumentParser
import CosyncAuthCore
import CosyncAuthHTTP
import Foundation

/// `cosync-auth log APP`: an app's audit log, and with `--follow` the entries as they come.
struct LogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Show an app's audit log: logins, signups, password changes, administration...",
        discussion: """
            Entries hold the time, the event, who acted (a handle, or secret:NAME / cli for administration),
            the client's address and the outcome; never a password, code, token or secret. Without APP,
            the host's own entries (server secrets).
            Examples:
              cosync-auth log "My App" --limit 20
              cosync-auth log "My App" --event login --follow
            """)

    @Argument(help: "The app's id or name (absent: the host's entries).") var app: String?
    @Option(name: .long, help: "Only this event, e.g. login, lockout, app.update.") var event: String?
    @Option(name: .long, help: "How many of the latest entries to show first (1 to 500).") var limit = 50
    @Flag(name: .long, help: "Keep running and print new entries as they happen.") var follow = false
    @Option(name: .long, help: "With --follow, seconds between checks.") var interval = 1.0
    @OptionGroup var admin: AdminOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        guard (1...500).contains(limit) else { throw CLIError("--limit takes 1 to 500") }
        guard interval >= 0.1 else { throw CLIError("--interval is at least 0.1 s") }
        try await admin.withClient { client in
            var seen = Set<String>()
            var since: String?
            repeat {
                // Following asks for up to 500 at a time, so a burst between two checks is not cut.
                var query = [("limit", since == nil ? "\(limit)" : "500")]
                if let app { query.append(("appId", app)) }
                if let event { query.append(("event", event)) }
                if let since { query.append(("since", since)) }
                let page = try await client.call(.get, "/api/app/logs", query: query)
                guard case .array(let newestFirst) = page else { return }
                let shown = seen
                // Only this page's ids can come back in the next one (it starts 1 ms before its newest entry).
                seen = Set(newestFirst.compactMap { $0.objectValue?["id"]?.stringValue })
                // Oldest first, as a log reads; an entry already shown (same time as `since`) is skipped.
                for entry in newestFirst.reversed() {
                    let o = entry.objectValue ?? [:]
                    guard let id = o["id"]?.stringValue, !shown.contains(id) else { continue }
                    // Unbuffered: a follower piped into another program sees each entry at once.
                    FileHandle.standardOutput.write(Data(((output.json ? entry.jsonText : Self.line(o)) + "\n").utf8))
                    // The next check starts 1 ms before the newest entry shown, so entries written in that
                    // same millisecond are not missed; the ones already shown are in `seen`.
                    if let time = o["time"]?.stringValue, let date = AppJSON.parseDate(time) {
                        since = AppJSON.date(date.addingTimeInterval(-0.001))
                    }
                }
                if follow { try await Task.sleep(for: .seconds(interval)) }
            } while follow
        }
    }

    static func line(_ o: [String: JSONValue]) -> String {
        func s(_ key: String) -> String { o[key]?.stringValue ?? "-" }
        var line =
            "\(s("time"))  \(s("event").padding(toLength: 16, withPad: " ", startingAt: 0)) \(s("outcome"))  actor=\(s("actor")) from=\(s("address"))"
        if let detail = o["detail"]?.stringValue { line += "  \(detail)" }
        return line
    }
}
