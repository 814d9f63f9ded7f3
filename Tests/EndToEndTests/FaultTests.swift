import CosyncTestSupport
import Foundation
import Testing

/// What the host does when its parts fail: the database goes away under load, or the host itself is
/// killed in the middle of a burst of signups.
@Suite("faults")
struct FaultTests {
    struct Sample: Sendable {
        let status: UInt
        let seconds: Double
    }

    /// PostgreSQL stopped for 20 seconds under steady load: every request meanwhile answers 503 within
    /// seconds (never a hang, never the 4xx a client takes as "log out"), /ready says not ready, and
    /// the host recovers alone; a message queued before the outage is sent once.
    @Test func aDatabaseOutageIsAFast503AndTheHostRecoversAlone() async throws {
        let postgres = try await PrivatePostgres()
        do {
            try await outage(postgres)
            await postgres.remove()
        } catch {
            await postgres.remove()
            throw error
        }
    }

    private func outage(_ postgres: PrivatePostgres) async throws {
        let dir = try TestEnvironment.directory("cosync-fault")
        let sink = try await SMTPSink.start()
        var env = mailEnvironment(sink)
        env["COSYNC_DATABASE_URL"] = postgres.url
        env["COSYNC_MASTER_KEY"] = TestEnvironment.masterKey()
        #expect(try await Binary.run(["init"], environment: env, in: dir).status == 0)
        let token = try #require(try await Binary.run(["app", "create", "Outage", "--json"], environment: env, in: dir).json?["appToken"] as? String)
        #expect(try await Binary.run(["app", "set", "Outage", "signupFlow", "none"], environment: env, in: dir).status == 0)
        let host = try HostProcess(environment: env, in: dir)
        try await host.waitUntilHealthy()
        let api = APIClient(baseURL: host.baseURL, appToken: token)
        let session = try #require(
            try await api.swiftForm("/api/appuser/signup", [("handle", "steady@example.com"), ("password", md5("pw"))])["access-token"])

        // A reset email waits in the outbox (the mail server is down too) when the database goes.
        sink.stop()
        #expect(try await api.swiftForm("/api/appuser/forgotPassword", [("handle", "steady@example.com")]).text == "true")
        try await postgres.stop()
        let outageEnds = Date().addingTimeInterval(20)
        var during: [Sample] = []
        var readiness: [UInt] = []
        while Date() < outageEnds {
            during.append(try await timed { try await api.get("/api/appuser/getUser", accessToken: session).status.code })
            during.append(
                try await timed { try await api.json("/api/appuser/login", ["handle": "steady@example.com", "password": md5("pw")]).status.code })
            readiness.append(try await api.send("/ready", method: .GET, headers: [:], body: nil).status.code)
            try await Task.sleep(for: .milliseconds(250))
        }
        #expect(during.count >= 8, "a steady load, however busy the machine")
        #expect(during.allSatisfy { $0.status == 503 }, "\(during.map(\.status))")
        #expect(during.allSatisfy { $0.seconds < 5 }, "slowest answer \(during.map(\.seconds).max() ?? 0) s")
        #expect(readiness.allSatisfy { $0 == 503 })

        let restarted = try await SMTPSink.start(port: sink.port)
        try await postgres.start()
        let deadline = Date().addingTimeInterval(30)
        var back = false
        while !back && Date() < deadline {
            back = try await api.get("/api/appuser/getUser", accessToken: session).status == .ok
            if !back { try await Task.sleep(for: .milliseconds(250)) }
        }
        #expect(back, "the host answers again without a restart")
        #expect(try await api.send("/ready", method: .GET, headers: [:], body: nil).status == .ok)
        #expect(try await api.json("/api/appuser/login", ["handle": "steady@example.com", "password": md5("pw")]).status == .ok)

        // The message queued before the outage arrives, once.
        let mailDeadline = Date().addingTimeInterval(60)
        while try restarted.messages().isEmpty && Date() < mailDeadline { try await Task.sleep(for: .milliseconds(200)) }
        try await Task.sleep(for: .seconds(3))
        let resets = try restarted.messages().filter {
            ($0["rcpt_tos"] as? [String]) == ["steady@example.com"] && ($0["subject"] as? String)?.contains("reset") == true
        }
        #expect(resets.count == 1, "\(resets.count) reset emails")
        #expect(try await host.terminate() == 0, "\(host.log)")
    }

    /// `kill -9` in the middle of a burst of signups: every signup is all there (pending, with its
    /// email, sent once after the restart) or not there at all.
    @Test func aKillDuringASignupBurstLeavesNothingHalfDone() async throws {
        let dir = try TestEnvironment.directory("cosync-fault")
        let sink = try await SMTPSink.start()
        var env = mailEnvironment(sink)
        TestEnvironment.usePostgres(&env, schemaPrefix: "kill")
        #expect(try await Binary.run(["init"], environment: env, in: dir).status == 0)
        let token = try #require(try await Binary.run(["app", "create", "Burst", "--json"], environment: env, in: dir).json?["appToken"] as? String)
        // Nothing is sent before the kill, so that what arrives afterwards was sent by the restarted host.
        sink.stop()
        let host = try HostProcess(environment: env, in: dir)
        try await host.waitUntilHealthy()
        let api = APIClient(baseURL: host.baseURL, appToken: token)
        let handles = (0..<80).map { "burst\($0)@example.com" }
        let answered = try await withThrowingTaskGroup(of: String?.self) { group in
            for handle in handles {
                group.addTask {
                    let answer = try? await api.swiftForm("/api/appuser/signup", [("handle", handle), ("password", md5("pw"))])
                    return answer?.text == "true" ? handle : nil
                }
            }
            try await Task.sleep(for: .milliseconds(150))
            host.kill()
            return try await group.reduce(into: Set<String>()) { if let handle = $1 { $0.insert(handle) } }
        }

        let restartedSink = try await SMTPSink.start(port: sink.port)
        let again = try HostProcess(environment: env, in: dir)
        try await again.waitUntilHealthy()
        let listed = try await Binary.run(["signup", "list", "Burst", "--json", "--limit", "500"], environment: env, in: dir)
        #expect(listed.status == 0, "\(listed.stderr)")
        let pending = Set(
            ((try? JSONSerialization.jsonObject(with: Data(listed.stdout.utf8))) as? [[String: Any]] ?? []).compactMap { $0["handle"] as? String })
        #expect(answered.isSubset(of: pending), "every signup answered true survived the kill")
        let deadline = Date().addingTimeInterval(60)
        while try restartedSink.messages().count < pending.count && Date() < deadline { try await Task.sleep(for: .milliseconds(200)) }
        try await Task.sleep(for: .seconds(3))
        let recipients = try restartedSink.messages().compactMap { ($0["rcpt_tos"] as? [String])?.first }
        #expect(recipients.count == Set(recipients).count, "no email twice")
        #expect(Set(recipients) == pending, "an email for every pending signup, and for nothing else")
        #expect(try await again.terminate() == 0)
    }

    private func timed(_ call: () async throws -> UInt) async throws -> Sample {
        let start = Date()
        let status = try await call()
        return Sample(status: status, seconds: Date().timeIntervalSince(start))
    }

    /// Mail to the sink, retried every second, so that a test need not wait for the usual backoff.
    func mailEnvironment(_ sink: SMTPSink) -> [String: String] {
        var env = TestEnvironment.base()
        env["COSYNC_SMTP_URL"] = "smtp://127.0.0.1:\(sink.port)?tls=none"
        env["COSYNC_EMAIL_FROM"] = "noreply@example.com"
        env["COSYNC_OUTBOX_RETRY_SECONDS"] = "1"
        // A kill may land while a host holds a message it is trying to send: its lease must lapse soon.
        env["COSYNC_OUTBOX_LEASE_SECONDS"] = "5"
        return env
    }
}
