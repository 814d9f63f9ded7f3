import CosyncAuthCore
import CosyncTestSupport
import Foundation
import Testing

/// Two-factor login through the real binary: by authenticator, and by SMS through a local stand-in of
/// Twilio's API that the test starts (and stops, for an outage).
@Suite("two-factor login end to end")
struct TwoFactorEndToEndTests {
    func environment(_ dir: URL) -> [String: String] {
        let inherited = ProcessInfo.processInfo.environment
        return ["PATH": inherited["PATH"] ?? "/usr/bin:/bin", "HOME": inherited["HOME"] ?? "/root", "COSYNC_OUTBOX_RETRY_SECONDS": "1"]
    }

    func waitForSMS(_ standIn: TwilioStandIn, count: Int, seconds: Double = 30) async throws -> [[String: Any]] {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let messages = try standIn.messages()
            if messages.count >= count { return messages }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("no \(count) SMS within \(seconds) s")
        throw CancellationError()
    }

    func code(_ message: [String: Any]) throws -> String {
        let body = try #require(message["body"] as? String)
        return String(try #require(body.firstMatch(of: /\b\d{6}\b/)).output)
    }

    @Test func loginBySMSCodeSurvivesAProviderOutage() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cosync-sms-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let standIn = try await TwilioStandIn.start()
        var env = environment(dir)
        env["COSYNC_TWILIO_URL"] = standIn.baseURL
        let secret = try #require(try await Binary.run(["init", "--json"], environment: env, in: dir).json?["serverSecret"] as? String)
        let created = try await Binary.run(["app", "create", "SMS App", "--json"], environment: env, in: dir)
        let token = try #require(created.json?["appToken"] as? String)
        for (name, value) in [
            ("signupFlow", "none"), ("twoFactorVerification", "phone"), ("twilioAccountSid", standIn.sid),
            ("twilioToken", standIn.token), ("twilioPhoneNumber", "+14155550100"),
        ] {
            let set = try await Binary.run(["app", "set", "SMS App", name, value], environment: env, in: dir)
            #expect(set.status == 0, "\(set.stderr)")
        }
        let shown = try await Binary.run(["app", "show", "SMS App", "--json"], environment: env, in: dir)
        #expect(!shown.stdout.contains(standIn.token), "the SMS token is never shown")

        let host = try HostProcess(environment: env, in: dir)
        try await host.waitUntilHealthy()
        let api = APIClient(baseURL: host.baseURL, appToken: token)
        let session = try #require(
            try await api.swiftForm("/api/appuser/signup", [("handle", "sms@example.com"), ("password", md5("pw"))])["access-token"])
        let other = try #require(
            try await api.swiftForm("/api/appuser/signup", [("handle", "other@example.com"), ("password", md5("pw"))])["access-token"])

        // The phone: malformed refused, proven by the SMS code, then unavailable to others.
        #expect(try await api.swiftForm("/api/appuser/setPhone", [("phone", "0612345678")], accessToken: session).code == 602)
        #expect(try await api.swiftForm("/api/appuser/setTwoFactorPhoneVerification", [("twoFactor", "true")], accessToken: session).code == 410)
        #expect(try await api.swiftForm("/api/appuser/setPhone", [("phone", "+33 6 12 34 56 78")], accessToken: session).text == "true")
        let first = try await waitForSMS(standIn, count: 1)
        #expect(first[0]["to"] as? String == "+33612345678")
        #expect(try await api.swiftForm("/api/appuser/verifyPhone", [("code", try code(first[0]))], accessToken: session).text == "true")
        // Another user setting the same number is answered as anyone is (nothing tells them it is taken);
        // only the number's owner, answering its code, hears that it is.
        #expect(try await api.swiftForm("/api/appuser/setPhone", [("phone", "+33612345678")], accessToken: other).text == "true")
        let toOwner = try await waitForSMS(standIn, count: 2)
        #expect(try await api.swiftForm("/api/appuser/verifyPhone", [("code", try code(toOwner[1]))], accessToken: other).code == 412)
        let enabled = try await api.swiftForm("//api/appuser/setTwoFactorPhoneVerification", [("twoFactor", "true")], accessToken: session)
        #expect(enabled.text == "true", "the Kotlin client reads this body as a boolean: \(enabled.text)")
        let recovery = try await api.swiftForm("/api/appuser/regenerateRecoveryCodes", [], accessToken: session)
        let recoveryCodes = try #require(recovery.object["recoveryCodes"] as? [String])
        #expect(recoveryCodes.count == 10)

        // Login by SMS code.
        let login = try await api.json("/api/appuser/login", ["handle": "sms@example.com", "password": md5("pw")])
        let loginToken = try #require(login["login-token"], "\(login.text)")
        let second = try await waitForSMS(standIn, count: 3)
        #expect(try await api.json("/api/appuser/loginComplete", ["loginToken": loginToken, "code": "000000"]).code == 600)
        let done = try await api.json("/api/appuser/loginComplete", ["loginToken": loginToken, "code": try code(second[2])])
        #expect(done.status == .ok && done["access-token"] != nil, "\(done.text)")

        // The provider down: the code waits in the outbox and arrives once it is back.
        standIn.stop()
        let duringOutage = try await api.json("/api/appuser/login", ["handle": "sms@example.com", "password": md5("pw")])
        let outageToken = try #require(duringOutage["login-token"])
        try await Task.sleep(for: .seconds(2))
        let back = try await TwilioStandIn.start(port: standIn.port, sid: standIn.sid, token: standIn.token)
        defer { back.stop() }
        let delayed = try await waitForSMS(back, count: 1, seconds: 60)
        let late = try await api.json("/api/appuser/loginComplete", ["loginToken": outageToken, "code": try code(delayed[0])])
        #expect(late.status == .ok, "\(late.text)")

        // A recovery code stands in for the SMS code, once.
        let lost = try await api.json("/api/appuser/login", ["handle": "sms@example.com", "password": md5("pw")])
        let lostToken = try #require(lost["login-token"])
        #expect(try await api.json("/api/appuser/loginComplete", ["loginToken": lostToken, "code": recoveryCodes[0]]).status == .ok)
        _ = try await waitForSMS(back, count: 2)

        // The operator's test message, remotely.
        let test = try await Binary.run(
            ["app", "test-sms", "SMS App", "--to", "+33700000000", "--host", host.baseURL, "--secret", secret], environment: env, in: dir)
        #expect(test.status == 0, "\(test.stderr)")
        #expect(try await waitForSMS(back, count: 3).last?["to"] as? String == "+33700000000")
        #expect(try await host.terminate() == 0)
    }

    @Test func aRefusingProviderLeavesTheReasonForTheOperator() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cosync-sms-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let standIn = try await TwilioStandIn.start(mode: "reject")
        defer { standIn.stop() }
        var env = environment(dir)
        env["COSYNC_TWILIO_URL"] = standIn.baseURL
        _ = try await Binary.run(["init"], environment: env, in: dir)
        let token = try #require(
            try await Binary.run(["app", "create", "Refused", "--json"], environment: env, in: dir).json?["appToken"] as? String)
        for (name, value) in [
            ("signupFlow", "none"), ("twoFactorVerification", "phone"), ("twilioAccountSid", standIn.sid),
            ("twilioToken", standIn.token), ("twilioPhoneNumber", "+14155550100"),
        ] {
            _ = try await Binary.run(["app", "set", "Refused", name, value], environment: env, in: dir)
        }
        let host = try HostProcess(environment: env, in: dir)
        try await host.waitUntilHealthy()
        let api = APIClient(baseURL: host.baseURL, appToken: token)
        let session = try #require(
            try await api.swiftForm("/api/appuser/signup", [("handle", "r@example.com"), ("password", md5("pw"))])["access-token"])
        #expect(try await api.swiftForm("/api/appuser/setPhone", [("phone", "+15555550123")], accessToken: session).text == "true")
        var failed = ""
        for _ in 0..<100 {
            failed = try await Binary.run(["outbox", "--status", "failed", "--json"], environment: env, in: dir).stdout
            if failed.contains("21211") { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        #expect(failed.contains("21211") && failed.contains("not a valid phone number"), "\(failed)")
        let refusedTest = try await Binary.run(["app", "test-sms", "Refused", "--to", "+15555550123"], environment: env, in: dir)
        #expect(refusedTest.status != 0 && refusedTest.stderr.contains("21211"), "\(refusedTest.stderr)")
        #expect(try await host.terminate() == 0)
    }

    @Test func loginByAuthenticatorThroughTheBinary() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cosync-totp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let env = environment(dir)
        let secret = try #require(try await Binary.run(["init", "--json"], environment: env, in: dir).json?["serverSecret"] as? String)
        let token = try #require(
            try await Binary.run(["app", "create", "TOTP App", "--json"], environment: env, in: dir).json?["appToken"] as? String)
        _ = try await Binary.run(["app", "set", "TOTP App", "signupFlow", "none"], environment: env, in: dir)
        _ = try await Binary.run(["app", "set", "TOTP App", "twoFactorVerification", "google"], environment: env, in: dir)
        let host = try HostProcess(environment: env, in: dir)
        try await host.waitUntilHealthy()
        let api = APIClient(baseURL: host.baseURL, appToken: token)
        let session = try #require(
            try await api.swiftForm("/api/appuser/signup", [("handle", "totp@example.com"), ("password", md5("pw"))])["access-token"])
        let enabled = try await api.swiftForm("//api/appuser/setTwoFactorGoogleVerification", [("twoFactor", "true")], accessToken: session)
        let key = try #require(enabled["googleSecretKey"], "\(enabled.text)")
        let totp = TOTP(secret: try #require(Base32.decode(key)))

        let login = try await api.json("/api/appuser/login", ["handle": "totp@example.com", "password": md5("pw")])
        let loginToken = try #require(login["login-token"])
        let code = totp.code(step: totp.step(at: Date()))
        #expect(try await api.json("/api/appuser/loginComplete", ["loginToken": loginToken, "code": code]).status == .ok)
        let replay = try await api.json("/api/appuser/login", ["handle": "totp@example.com", "password": md5("pw")])
        #expect(try await api.json("/api/appuser/loginComplete", ["loginToken": try #require(replay["login-token"]), "code": code]).code == 600)

        // Lost phone: the operator turns 2FA off remotely; the next login needs the password only.
        let reset = try await Binary.run(
            ["user", "reset-2fa", "TOTP App", "totp@example.com", "--host", host.baseURL, "--secret", secret], environment: env, in: dir)
        #expect(reset.status == 0, "\(reset.stderr)")
        let plain = try await api.json("/api/appuser/login", ["handle": "totp@example.com", "password": md5("pw")])
        #expect(plain["access-token"] != nil, "\(plain.text)")
        #expect(try await host.terminate() == 0)
    }
}
