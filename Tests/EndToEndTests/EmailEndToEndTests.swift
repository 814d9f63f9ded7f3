import CosyncTestSupport
import Foundation
import Testing

/// The real binary with a real SMTP server on loopback: codes arrive by email, and an SMTP outage plus
/// a SIGKILL of the host loses no message and sends none twice.
@Suite("email end to end")
struct EmailEndToEndTests {
    @Test func signupByEmailedCodeSurvivesAnOutageAndSIGKILL() async throws {
        let dir = try temporaryDirectory()
        let sink = try await SMTPSink.start()
        var env = baseEnvironment()
        env["COSYNC_SMTP_URL"] = "smtp://127.0.0.1:\(sink.port)?tls=none"
        env["COSYNC_EMAIL_FROM"] = "Test App <noreply@example.com>"
        env["COSYNC_OUTBOX_RETRY_SECONDS"] = "1"
        // The kill may land while the host holds a message it is trying to send: its lease must lapse
        // within the test's wait.
        env["COSYNC_OUTBOX_LEASE_SECONDS"] = "5"
        let token = try await createApp(env: env, in: dir)

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
        let restarted = try await SMTPSink.start(port: sink.port)
        host = try HostProcess(environment: env, in: dir)
        try await host.waitUntilHealthy()
        api = APIClient(baseURL: host.baseURL, appToken: token)
        let delivered = try await waitForMail(restarted, to: "outage@example.com", count: 1, seconds: 60)
        try await Task.sleep(for: .seconds(3))
        #expect(try restarted.messages().filter { ($0["rcpt_tos"] as? [String]) == ["outage@example.com"] }.count == 1)
        #expect(extractCode(delivered[0]) != nil)
        #expect(try await host.terminate() == 0)
    }

    @Test func postgresOutageAndSIGKILLWithTwoInstances() async throws {
        let dir = try temporaryDirectory()
        let sink = try await SMTPSink.start()
        var env = postgresEnvironment(sink: sink)
        env["COSYNC_OUTBOX_RETRY_SECONDS"] = "1"
        env["COSYNC_OUTBOX_LEASE_SECONDS"] = "5"
        let token = try await createApp(env: env, in: dir)
        let first = try HostProcess(environment: env, in: dir)
        let second = try HostProcess(environment: env, in: dir)
        try await first.waitUntilHealthy()
        try await second.waitUntilHealthy()

        sink.stop()
        for n in 0..<4 {
            let api = APIClient(baseURL: first.baseURL, appToken: token)
            #expect(try await api.swiftForm("/api/appuser/signup", [("handle", "down\(n)@example.com"), ("password", md5("pw"))]).text == "true")
        }
        try await Task.sleep(for: .milliseconds(1500))
        first.kill()
        second.kill()

        let restarted = try await SMTPSink.start(port: sink.port)
        let third = try HostProcess(environment: env, in: dir)
        let fourth = try HostProcess(environment: env, in: dir)
        try await third.waitUntilHealthy()
        try await fourth.waitUntilHealthy()
        // Four failed attempts back off to 8 s and more between tries: allow for that on a busy machine.
        do {
            for n in 0..<4 { _ = try await waitForMail(restarted, to: "down\(n)@example.com", count: 1, seconds: 60) }
        } catch {
            // What the outbox says (attempts, leases, last errors) is what explains a wait.
            let outbox = try await Binary.run(["outbox", "--json"], environment: env, in: dir)
            Issue.record("outbox: \(outbox.stdout) \(outbox.stderr)\nhost logs:\n\(third.log)\n\(fourth.log)")
            throw error
        }
        try await Task.sleep(for: .seconds(3))
        let recipients = try restarted.messages().compactMap { ($0["rcpt_tos"] as? [String])?.first }
        #expect(recipients.sorted() == (0..<4).map { "down\($0)@example.com" })
        #expect(try await third.terminate() == 0)
        #expect(try await fourth.terminate() == 0)
    }

    func postgresEnvironment(sink: SMTPSink) -> [String: String] {
        var env = baseEnvironment()
        let schema = "mail_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        env["COSYNC_DATABASE_URL"] = EndToEndTests.postgresURL(schema: schema)
        env["COSYNC_MASTER_KEY"] = TestEnvironment.masterKey()
        env["COSYNC_SMTP_URL"] = "smtp://127.0.0.1:\(sink.port)?tls=none"
        env["COSYNC_EMAIL_FROM"] = "noreply@example.com"
        return env
    }

    @Test func twoPostgresInstancesSendEachEmailOnce() async throws {
        let dir = try temporaryDirectory()
        let sink = try await SMTPSink.start()
        var env = postgresEnvironment(sink: sink)
        let token = try await createApp(env: env, in: dir)
        // The PostgreSQL driver logs statements and their values at trace: the host must not let it.
        env["COSYNC_LOG_LEVEL"] = "trace"
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
        let codes = try sink.messages().compactMap { ($0["text"] as? String)?.firstMatch(of: /\b\d{6}\b/).map { String($0.output) } }
        #expect(codes.count == 12)
        for secret in codes + [md5("pw"), "$argon2id$", token] {
            #expect(!first.log.contains(secret) && !second.log.contains(secret), "a log holds \(secret)")
        }
    }

    @Test func linkResetInviteAndLockoutThroughTheRealBinary() async throws {
        let dir = try temporaryDirectory()
        let sink = try await SMTPSink.start()
        var env = baseEnvironment()
        env["COSYNC_SMTP_URL"] = "smtp://127.0.0.1:\(sink.port)?tls=none"
        env["COSYNC_EMAIL_FROM"] = "noreply@example.com"
        let token = try await createApp(env: env, in: dir)
        for (setting, value) in [("signupFlow", "link"), ("invitationEnabled", "true"), ("maxLoginAttempts", "2")] {
            #expect(try await Binary.run(["app", "set", "E2E Mail", setting, value], environment: env, in: dir).status == 0)
        }
        // At the most talkative level: no level may print a secret.
        env["COSYNC_LOG_LEVEL"] = "trace"
        let host = try HostProcess(environment: env, in: dir)
        try await host.waitUntilHealthy()
        let api = APIClient(baseURL: host.baseURL, appToken: token)

        // Signup by link: open the emailed link.
        #expect(try await api.swiftForm("/api/appuser/signup", [("handle", "link+me@example.com"), ("password", md5("pw"))]).text == "true")
        let linkMail = try await waitForMail(sink, to: "link+me@example.com", count: 1)
        let link = String(try #require((linkMail[0]["text"] as? String)?.firstMatch(of: /https?:\/\/\S+/)).output)
        let pathAndQuery = String(link[try #require(link.range(of: "/api/appuser")).lowerBound...])
        let page = try await api.send(pathAndQuery, method: .GET, headers: [:], body: nil)
        #expect(page.status == .ok && page.text.contains("link+me@example.com"))
        let confirmed = try await api.send(
            "/api/appuser/completeSignup", method: .POST, headers: ["Content-Type": "application/x-www-form-urlencoded"],
            body: HTMLForm.body(HTMLForm.hiddenFields(in: page.text)))
        #expect(confirmed.status == .ok && confirmed.text.contains("link+me@example.com"))
        let login = try await api.json("/api/appuser/login", ["handle": "link+me@example.com", "password": md5("pw")])
        #expect(login.status == .ok, "\(login.text)")
        let accessToken = try #require(login["access-token"])

        // Reset.
        #expect(try await api.swiftForm("/api/appuser/forgotPassword", [("handle", "link+me@example.com")]).text == "true")
        let resetMail = try await waitForMail(sink, to: "link+me@example.com", count: 3)
        let resetCode = try #require(extractCode(resetMail[2]))
        #expect(
            try await api.swiftForm("/api/appuser/resetPassword", [("handle", "link+me@example.com"), ("password", md5("pw2")), ("code", resetCode)])
                .text == "true")
        #expect(try await api.get("/api/appuser/getUser", accessToken: accessToken).code == 405)
        let relogin = try await api.json("/api/appuser/login", ["handle": "link+me@example.com", "password": md5("pw2")])
        #expect(relogin.status == .ok)

        // Invite and register: the invitee gets the code.
        let sender = try #require(relogin["access-token"])
        #expect(
            try await api.swiftForm(
                "/api/appuser/invite", [("handle", "friend@example.com"), ("metaData", "{}"), ("senderUserId", "x")], accessToken: sender
            ).text == "true")
        let inviteMail = try await waitForMail(sink, to: "friend@example.com", count: 1)
        let inviteCode = try #require(extractCode(inviteMail[0]))
        let registered = try await api.swiftForm(
            "/api/appuser/register", [("handle", "friend@example.com"), ("password", md5("fpw")), ("code", inviteCode), ("metaData", "{}")])
        #expect(registered.status == .ok, "\(registered.text)")

        // Lockout after two failures: the right password is refused too.
        for _ in 0..<2 {
            #expect(try await api.swiftForm("/api/appuser/login", [("handle", "friend@example.com"), ("password", md5("nope"))]).code == 600)
        }
        #expect(try await api.swiftForm("/api/appuser/login", [("handle", "friend@example.com"), ("password", md5("fpw"))]).code == 600)

        // The operator sees what was sent.
        _ = try await waitForMail(sink, to: "friend@example.com", count: 2)
        let outbox = try await Binary.run(["outbox", "--status", "sent", "--json"], environment: env, in: dir)
        #expect(outbox.status == 0, "\(outbox.stderr)")
        let sent = try JSONSerialization.jsonObject(with: Data(outbox.stdout.utf8)) as? [[String: Any]]
        #expect((sent?.count ?? 0) >= 5)
        #expect(try await host.terminate() == 0)

        // Codes, the link's query and passwords never reach the log.
        let code = try #require(link.firstMatch(of: /code=(\d{6})/)).output.1
        #expect(host.log.contains("completeSignup"))
        for secret in [String(code), resetCode, inviteCode, md5("pw"), md5("pw2"), md5("fpw"), token, accessToken, "$argon2id$"] {
            #expect(!host.log.contains(secret), "the log holds \(secret)")
        }
    }

    // MARK: Helpers

    func createApp(env: [String: String], in dir: URL) async throws -> String {
        #expect(try await Binary.run(["init"], environment: env, in: dir).status == 0)
        let created = try await Binary.run(["app", "create", "E2E Mail", "--json"], environment: env, in: dir)
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
