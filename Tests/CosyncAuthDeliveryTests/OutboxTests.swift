import CosyncAuthCore
import CosyncAuthDelivery
import CosyncAuthHost
import CosyncAuthStorage
import CosyncHostTestSupport
import CosyncSMTP
import CosyncTestSupport
import Foundation
import Logging
import Synchronization
import Testing

/// A clock the test moves by hand, so retries come due without waiting.
final class TestClock: Sendable {
    private let current = Mutex(Date())
    func now() -> Date { current.withLock { $0 } }
    func advance(by seconds: TimeInterval) { current.withLock { $0 += seconds } }
}

@Suite("outbox delivery")
struct OutboxTests {
    func sender(port: Int) throws -> SMTPEmailSender {
        SMTPEmailSender(
            client: SMTPClient(
                configuration: SMTPConfiguration(
                    host: "127.0.0.1", port: port, security: .none, connectTimeout: .seconds(2), replyTimeout: .seconds(5))),
            defaultFrom: try EmailAddress("noreply@example.com", name: "Test App"))
    }

    func message(_ n: Int, at date: Date) -> OutboxMessage {
        OutboxMessage(
            appId: nil, recipient: "user\(n)@example.com", subject: "Code \(n)", text: "Your code is \(n)",
            html: "<p>Your code is \(n)</p>", nextAttemptAt: date, createdAt: date)
    }

    @Test(arguments: TestDatabase.allCases)
    func anOutageDelaysAMessageButNeverLosesIt(_ db: TestDatabase) async throws {
        try await Self.withStorage(try db.makeURL()) { storage in
            let clock = TestClock()
            let port = try freePort()
            let dispatcher = OutboxDispatcher(outbox: storage.store, email: try sender(port: port), now: { clock.now() })
            try await storage.store.enqueue(message(1, at: clock.now()))

            // The SMTP server is down: the attempt fails, the message waits with its reason.
            #expect(try await dispatcher.dispatchDue() == 1)
            var stored = try #require(try await storage.store.outboxMessages(status: nil, limit: 10).first)
            #expect(stored.status == .pending && stored.attempts == 1)
            #expect(stored.lastError?.contains("connection") == true)
            #expect(stored.nextAttemptAt > clock.now())
            #expect(try await dispatcher.dispatchDue() == 0, "not due yet")

            // The server is back and the retry is due: delivered once.
            let sink = try await SMTPSink.start(port: port)
            clock.advance(by: 60)
            #expect(try await dispatcher.dispatchDue() == 1)
            stored = try #require(try await storage.store.outboxMessages(status: nil, limit: 10).first)
            #expect(stored.status == .sent && stored.attempts == 2 && stored.lastError == nil)
            #expect(stored.text.isEmpty && stored.html == nil && stored.subject == "Code 1", "sent content is erased")
            clock.advance(by: 3600)
            #expect(try await dispatcher.dispatchDue() == 0)
            let received = try sink.messages()
            #expect(received.count == 1)
            #expect(received.first?["subject"] as? String == "Code 1")
            #expect(received.first?["message_id"] as? String == "<\(stored.id.uuidString.lowercased())@example.com>")
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func aPermanentRefusalIsKeptWithItsReason(_ db: TestDatabase) async throws {
        try await Self.withStorage(try db.makeURL()) { storage in
            let sink = try await SMTPSink.start(mode: "reject-rcpt-550")
            let dispatcher = OutboxDispatcher(outbox: storage.store, email: try sender(port: sink.port))
            var coded = message(2, at: Date())
            coded.subject = "Your code: 123456"
            try await storage.store.enqueue(coded)
            #expect(try await dispatcher.dispatchDue() == 1)
            let failed = try await storage.store.outboxMessages(status: .failed, limit: 10)
            #expect(failed.count == 1)
            #expect(failed.first?.lastError?.contains("550") == true)
            #expect(failed.first?.subject == "Your code: ••••••" && failed.first?.text == "")
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func dispatchersWorkingTogetherSendEachMessageOnce(_ db: TestDatabase) async throws {
        let url = try db.makeURL()
        try await Self.withStorage(url) { storage in
            // On PostgreSQL a second pool stands for a second instance of the host.
            if db == .postgres {
                try await Self.withStorage(url) { other in try await dispatchTogether(storage, other) }
            } else {
                try await dispatchTogether(storage, storage)
            }
        }
    }

    func dispatchTogether(_ storage: Storage, _ other: Storage) async throws {
        let sink = try await SMTPSink.start()
        for n in 0..<24 { try await storage.store.enqueue(message(n, at: Date())) }
        var policy = OutboxDispatcher.Policy()
        policy.batchSize = 3
        let dispatchers = [
            OutboxDispatcher(outbox: storage.store, email: try sender(port: sink.port), policy: policy),
            OutboxDispatcher(outbox: other.store, email: try sender(port: sink.port), policy: policy),
            OutboxDispatcher(outbox: other.store, email: try sender(port: sink.port), policy: policy),
        ]
        try await withThrowingTaskGroup(of: Void.self) { group in
            for dispatcher in dispatchers {
                group.addTask { while try await dispatcher.dispatchDue() > 0 {} }
            }
            try await group.waitForAll()
        }
        let recipients = try sink.messages().compactMap { ($0["rcpt_tos"] as? [String])?.first }
        #expect(recipients.count == 24)
        #expect(Set(recipients).count == 24)
        #expect(try await storage.store.outboxMessages(status: .sent, limit: 100).count == 24)
    }

    /// Runs `body` on an opened storage and shuts it down on every path: a storage dropped unclosed
    /// ends the whole test process (the database driver's pools assert it).
    static func withStorage<T: Sendable>(_ url: DatabaseURL, _ body: (Storage) async throws -> T) async throws -> T {
        let storage = try await Storage.open(url, logger: Logger(label: "test"))
        do {
            let result = try await body(storage)
            await storage.shutdown()
            return result
        } catch {
            await storage.shutdown()
            throw error
        }
    }
}
