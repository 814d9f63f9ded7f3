import ArgumentParser
import CosyncAuthCore
import CosyncAuthHTTP
import Foundation

/// `cosync-auth outbox`: what waits for delivery, what was sent, what failed and why.
struct OutboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox",
        abstract: "Show the email outbox: pending, sent and failed messages with their last error.",
        discussion: """
            Examples:
              cosync-auth outbox --status failed
              cosync-auth outbox --status pending --json
            """)

    @Option(name: .long, help: "pending, sent or failed (default: all).")
    var status: String?
    @Option(name: .long, help: "How many messages, newest first (default 50).")
    var limit = 50
    @OptionGroup var admin: AdminOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        if let status, OutboxMessage.Status(rawValue: status) == nil {
            throw CLIError("--status takes pending, sent or failed, not '\(status)'")
        }
        guard (1...10_000).contains(limit) else { throw CLIError("--limit takes 1 to 10000") }
        var query = [("limit", "\(limit)")]
        if let status { query.append(("status", status)) }
        let answer = try await admin.withClient { try await $0.call(.get, "/api/app/outbox", query: query) }
        let messages: [[String: JSONValue]] = if case .array(let items) = answer { items.compactMap(\.objectValue) } else { [] }
        if output.json {
            Output.print(json: answer)
        } else if messages.isEmpty {
            print("The outbox is empty.")
        } else {
            print(
                Table.render(
                    header: ["CREATED", "STATUS", "TRIES", "TO", "SUBJECT", "LAST ERROR"],
                    rows: messages.map { m in
                        func s(_ key: String) -> String { m[key]?.stringValue ?? m[key].map(\.jsonText) ?? "" }
                        return [s("createdAt"), s("status"), s("attempts"), s("recipient"), String(s("subject").prefix(40)), s("lastError")]
                    }))
        }
    }
}
