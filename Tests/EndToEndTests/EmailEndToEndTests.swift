import CosyncTestSupport
import Foundation
import Testing

/// The real binary with a real SMTP server on loopback: codes arrive by email, and an SMTP outage plus
/// a SIGKILL of the host loses no message and sends none twice.
@Suite("email end to end")
struct EmailEndToEndTests {
    @Test func signupByEmailedCodeSurvivesAnOutageAndSIGKILL() async throws {
        let dir = try temporaryDirectory()
        let sink = try SMTPSink()
        var env = baseEnvironment()
        env["COSYNC_SMTP_URL"] = "smtp://127.0.0.1:\(sink.port)?tls=none"
        env["COSYNC_EMAIL_FROM"] = "Test App <noreply@example.com>"
        env["COSYNC_OUTBOX_RETRY_SECONDS"] = "1"
        let token = try createApp(env: env, in: dir)

        var host = try HostProcess(environment: env, in: dir)
        try await host.waitUntilHealthy()
        var api = APIClient(baseURL: host.baseURL, appToken: token)

        // Signup by code: the code comes from the email the SMTP server received.
        #expect(try await api.swiftForm("/api/appuser/signup", [("handle", "Mail+1@Example.com"), ("password", md5("pw"))]).text == "true")
        let first = try await waitForMail(sink, to: "mail+1@example.com", count: 1)
        let code = try #require(extractCode(first[0]))
        let done = try await api.swiftForm("/api/appuser/completeSignup", [("handle", "mail+1@example.com"), ("code", code)])
        #expect(done.status == .ok, "\(done.text)")
        let welcome = try await waitForMail(sink, to: "mail+1@example.com", count: 2)
        #expect(welcome[1]["subject"] as? String == "Welcome to E2E Mail")

        // The SMTP server goes down; a signup still answers at once; the host dies without warning.
        sink.stop()
        let started = Date()
        #expect(try await api.swiftForm("/api/appuser/signup", [("handle", "outage@example.com"), ("password", md5("pw"))]).text == "true")
        #expect(Date().timeIntervalSince(started) < 5, "signup must not wait for SMTP")
        try await Task.sleep(for: .milliseconds(1500))
        host.kill()

        // Both come back: the email arrives exactly once.
        let restarted = try SMTPSink(port: sink.port)
        host = try HostProcess(environment: env, in: dir)
        try await host.waitUntilHealthy()
        api = APIClient(baseURL: host.baseURL, appToken: token)
        let delivered = try await waitForMail(restarted, to: "outage@example.com", count: 1)
        try await Task.sleep(for: .seconds(3))
        #expect(try restarted.messages().filter { ($0["rcpt_tos"] as? [String]) == ["outage@example.com"] }.count == 1)
        #expect(extractCode(delivered[0]) != nil)
        #expect(try await host.terminate() == 0)
    }

    @Test func twoPostgresInstancesSendEachEmailOnce() async throws {
        let dir = try temporaryDirectory()
        let sink = try SMTPSink()
        var env = baseEnvironment()
        let schema = "mail_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        env["COSYNC_DATABASE_URL"] = EndToEndTests.postgresURL + (EndToEndTests.postgresURL.contains("?") ? "&" : "?") + "schema=\(schema)"
        env["COSYNC_MASTER_KEY"] = Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
        env["COSYNC_SMTP_URL"] = "smtp://127.0.0.1:\(sink.port)?tls=none"
        env["COSYNC_EMAIL_FROM"] = "noreply@example.com"
        let token = try createApp(env: env, in: dir)
        let first = try HostProcess(environment: env, in: dir)
        let second = try HostProcess(environment: env, in: dir)
        try await first.waitUntilHealthy()
        try await second.waitUntilHealthy()
        for n in 0..<12 {
            let api = APIClient(baseURL: (n % 2 == 0 ? first : second).baseURL, appToken: token)
            #expect(try await api.json("/api/appuser/signup", ["handle": "pg\(n)@example.com", "password": md5("pw")]).text == "true")
        }
        let deadline = Date().addingTimeInterval(30)
        while try sink.messages().count < 12 && Date() < deadline { try await Task.sleep(for: .milliseconds(200)) }
        try await Task.sleep(for: .seconds(3))
        let recipients = try sink.messages().compactMap { ($0["rcpt_tos"] as? [String])?.first }
        #expect(recipients.count == 12)
        #expect(Set(recipients) == Set((0..<12).map { "pg\($0)@example.com" }))
        #expect(try await first.terminate() == 0)
        #expect(try await second.terminate() == 0)
    }

    // MARK: Helpers

    func createApp(env: [String: String], in dir: URL) throws -> String {
        #expect(try Binary.run(["init"], environment: env, in: dir).status == 0)
        let created = try Binary.run(["app", "create", "E2E Mail", "--json"], environment: env, in: dir)
        #expect(created.status == 0, "\(created.stderr)")
        return try #require(created.json?["appToken"] as? String)
    }

    func waitForMail(_ sink: SMTPSink, to recipient: String, count: Int, seconds: Double = 20) async throws -> [[String: Any]] {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let mail = try sink.messages().filter { ($0["rcpt_tos"] as? [String]) == [recipient] }
            if mail.count >= count { return mail }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("no \(count) message(s) to \(recipient) within \(seconds) s")
        throw CancellationError()
    }

    func extractCode(_ message: [String: Any]) -> String? {
        (message["text"] as? String).flatMap { $0.firstMatch(of: /\b\d{6}\b/) }.map { String($0.output) }
    }

    func baseEnvironment() -> [String: String] {
        let inherited = ProcessInfo.processInfo.environment
        return ["PATH": inherited["PATH"] ?? "/usr/bin:/bin", "HOME": inherited["HOME"] ?? "/root", "COSYNC_LOG_LEVEL": "info"]
    }

    func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cosync-mail-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }
}
