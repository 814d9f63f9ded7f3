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
    @OptionGroup var db: DatabaseOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        var wanted: OutboxMessage.Status?
        if let status {
            guard let parsed = OutboxMessage.Status(rawValue: status) else {
                throw CLIError("--status takes pending, sent or failed, not '\(status)'")
            }
            wanted = parsed
        }
        guard (1...10_000).contains(limit) else { throw CLIError("--limit takes 1 to 10000") }
        let messages = try await AppCommand.withHost(db) { try await $0.apps.outbox(status: wanted, limit: limit) }
        if output.json {
            Output.print(json: .array(messages.map { m in
                var o: [String: JSONValue] = [
                    "id": .string(m.id.uuidString.lowercased()), "recipient": .string(m.recipient),
                    "subject": .string(m.subject), "status": .string(m.status.rawValue),
                    "attempts": .number(Double(m.attempts)), "createdAt": .string(AppJSON.date(m.createdAt)),
                    "nextAttemptAt": .string(AppJSON.date(m.nextAttemptAt)),
                ]
                if let appId = m.appId { o["appId"] = .string(appId.uuidString.lowercased()) }
                if let error = m.lastError { o["lastError"] = .string(error) }
                if let sent = m.sentAt { o["sentAt"] = .string(AppJSON.date(sent)) }
                return .object(o)
            }))
        } else if messages.isEmpty {
            print("The outbox is empty.")
        } else {
            print(Table.render(
                header: ["CREATED", "STATUS", "TRIES", "TO", "SUBJECT", "LAST ERROR"],
                rows: messages.map {
                    [AppJSON.date($0.createdAt), $0.status.rawValue, "\($0.attempts)", $0.recipient,
                     String($0.subject.prefix(40)), $0.lastError ?? ""]
                }))
        }
    }
}
