import CosyncAuthCore
import CosyncAuthHost
import CosyncHostTestSupport
import Crypto
import Foundation
import HTTPTypes
import Testing

extension TestHost {
    /// The current code of an authenticator holding `secret` (base32), `offset` steps from now.
    func totp(_ secret: String, offset: Int64 = 0) throws -> String {
        let totp = TOTP(secret: try #require(Base32.decode(secret)))
        return totp.code(step: totp.step(at: Date()) + offset)
    }
}

@Suite("user API: two-factor login")
struct TwoFactorLoginTests {
    static let settings = [("signupFlow", "none"), ("twoFactorVerification", "google"), ("maxLoginAttempts", "4")]

    /// Signs up and turns the authenticator on; answers the secret and the recovery codes.
    func enroll(_ t: TestHost, _ handle: String) async throws -> (secret: String, recovery: [String]) {
        let session = try await t.signUp(handle)
        let answer = try await t.form("//api/appuser/setTwoFactorGoogleVerification", [("twoFactor", "true")], accessToken: session)
        #expect(answer.status == .ok, "\(answer.text)")
        let secret = try #require(answer["googleSecretKey"])
        #expect(secret.count == 32, "160 bits in base32")
        #expect(answer["QRDataImage"]?.hasPrefix("data:image/png;base64,") == true)
        guard case .array(let codes)? = answer.object["recoveryCodes"] else {
            Issue.record("no recovery codes")
            return (secret, [])
        }
        #expect(codes.count == 10)
        return (secret, codes.compactMap(\.stringValue))
    }

    func login(_ t: TestHost, _ handle: String) async throws -> String {
        let answer = try await t.form("/api/appuser/login", [("handle", handle), ("password", md5("pass1234"))], appToken: t.token)
        #expect(answer.status == .ok, "\(answer.text)")
        #expect(answer["access-token"] == nil && answer["jwt"] == nil, "no session before the second factor")
        return try #require(answer["login-token"])
    }

    func complete(_ t: TestHost, _ loginToken: String, _ code: String) async throws -> TestHost.Answer {
        try await t.form("/api/appuser/loginComplete", [("loginToken", loginToken), ("code", code)], appToken: t.token)
    }

    @Test(arguments: TestDatabase.allCases)
    func anAuthenticatorCodeCompletesALoginOnce(_ db: TestDatabase) async throws {
        try await TestHost.run(db, settings: Self.settings) { t async throws in
            let (secret, _) = try await enroll(t, "totp@example.com")
            let user = try #require(try await t.host.storage.store.user(appId: t.app.id, handle: "totp@example.com"))
            #expect(user.twoFactorGoogleVerification)
            #expect(try await t.mail(to: "totp@example.com").contains { $0.subject.contains("authenticator") })
            #expect(
                try await t.mail(to: "totp@example.com").allSatisfy { !$0.text.contains(secret) && !($0.html ?? "").contains(secret) },
                "the secret never travels by email")

            let token = try await login(t, "totp@example.com")
            let code = try t.totp(secret)
            let done = try await complete(t, token, code)
            #expect(done.status == .ok, "\(done.text)")
            let session = try #require(done["access-token"])
            #expect(try await t.get("/api/appuser/getUser", accessToken: session).status == .ok)
            #expect(done["jwt"] != nil)

            // The same token again, and the same code with a new token: both refused.
            #expect(try await complete(t, token, code).code == 602)
            let second = try await login(t, "totp@example.com")
            #expect(try await complete(t, second, code).code == 600, "a code is accepted once")
            // The next step's code (a phone clock 30 s ahead) works on the same token; the React Native
            // client sends its old access token rather than the app token: the login token names the app.
            let fromReact = try await t.form(
                "/api/appuser/loginComplete", [("loginToken", second), ("code", try t.totp(secret, offset: 1))], accessToken: session)
            #expect(fromReact.status == .ok, "\(fromReact.text)")
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func loginTokensAreBoundShortLivedAndNothingElse(_ db: TestDatabase) async throws {
        try await TestHost.run(db, settings: Self.settings) { t async throws in
            let (secret, _) = try await enroll(t, "bound@example.com")
            let other = try await t.signUp("plain@example.com")
            // An access token is not a login token.
            #expect(try await complete(t, other, try t.totp(secret)).code == 602)
            #expect(try await complete(t, "lt_made-up", try t.totp(secret)).code == 602)
            #expect(try await t.form("/api/appuser/loginComplete", [("code", "123456")], appToken: t.token).code == 403)

            // Expired: a challenge whose five minutes are over.
            let user = try #require(try await t.host.storage.store.user(appId: t.app.id, handle: "bound@example.com"))
            let expired = "lt_expired-\(UUID().uuidString)"
            try await t.host.storage.store.save(
                LoginChallenge(
                    digest: RandomToken.digest(expired), userId: user.id, appId: t.app.id, factor: .authenticator, codeDigest: nil,
                    expiresAt: Date().addingTimeInterval(-1)))
            #expect(try await complete(t, expired, try t.totp(secret)).code == 602)

            // Bound to its app: another app's token cannot complete it.
            let otherApp = try await t.host.apps.createApp(name: "Other App").app
            let token = try await login(t, "bound@example.com")
            let foreign = try await t.form(
                "/api/appuser/loginComplete", [("loginToken", token), ("code", try t.totp(secret))], appToken: otherApp.appToken)
            #expect(foreign.code == 602)
            #expect(try await complete(t, token, try t.totp(secret)).status == .ok, "still usable by its own app")
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func recoveryCodesWorkOnceEachAndWrongCodesLockTheAccount(_ db: TestDatabase) async throws {
        try await TestHost.run(db, settings: Self.settings) { t async throws in
            let (secret, recovery) = try await enroll(t, "lost@example.com")
            let first = try await login(t, "lost@example.com")
            #expect(try await complete(t, first, recovery[0].uppercased()).status == .ok, "case and dashes forgiven")
            let second = try await login(t, "lost@example.com")
            #expect(try await complete(t, second, recovery[0]).code == 600, "used up")
            #expect(try await complete(t, second, recovery[1]).status == .ok)

            // Regenerating replaces the set.
            let third = try await login(t, "lost@example.com")
            let access = try #require(try await complete(t, third, try t.totp(secret, offset: 1))["access-token"])
            let renewed = try await t.form("/api/appuser/regenerateRecoveryCodes", [], accessToken: access)
            guard case .array(let fresh)? = renewed.object["recoveryCodes"] else {
                Issue.record("no codes: \(renewed.text)")
                return
            }
            let fourth = try await login(t, "lost@example.com")
            #expect(try await complete(t, fourth, recovery[2]).code == 600, "the old set is gone")
            #expect(try await complete(t, fourth, try #require(fresh.first?.stringValue)).status == .ok)

            // Four wrong codes lock the account (maxLoginAttempts 4), even for the right code after.
            let fifth = try await login(t, "lost@example.com")
            for _ in 0..<4 { #expect(try await complete(t, fifth, "000000").code == 600) }
            let locked = try await t.host.storage.store.user(appId: t.app.id, handle: "lost@example.com")
            #expect(locked?.lockedUntil != nil)
            let log = try await t.host.storage.store.auditEntries(appId: t.app.id, event: .lockout, actor: nil, after: nil, offset: 0, limit: 10)
            #expect(log.total == 1)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func turningItOffOrResettingThePasswordEndsTheSecondStep(_ db: TestDatabase) async throws {
        try await TestHost.run(db, settings: Self.settings) { t async throws in
            _ = try await enroll(t, "off@example.com")
            _ = try await login(t, "off@example.com")
            // Reset by email code: 2FA goes off, as in the original.
            #expect(try await t.form("/api/appuser/forgotPassword", [("handle", "off@example.com")], appToken: t.token).status == .ok)
            let code = try await t.code(sentTo: "off@example.com")
            let reset = try await t.form(
                "/api/appuser/resetPassword", [("handle", "off@example.com"), ("password", md5("pass1234")), ("code", code)], appToken: t.token)
            #expect(reset.status == .ok, "\(reset.text)")
            let direct = try await t.form("/api/appuser/login", [("handle", "off@example.com"), ("password", md5("pass1234"))], appToken: t.token)
            #expect(direct["access-token"] != nil, "no second step after a reset: \(direct.text)")
            let user = try #require(try await t.host.storage.store.user(appId: t.app.id, handle: "off@example.com"))
            #expect(!user.twoFactorGoogleVerification)
            #expect(try await t.host.storage.store.totpEnrollment(userId: user.id) == nil)

            // An app without 2FA refuses to turn it on, with the protocol's code.
            _ = try await t.host.apps.setSetting(app: t.app.name, name: "twoFactorVerification", value: "none")
            let access = try #require(direct["access-token"])
            #expect(try await t.form("/api/appuser/setTwoFactorGoogleVerification", [("twoFactor", "true")], accessToken: access).code == 408)
            #expect(try await t.form("/api/appuser/setTwoFactorPhoneVerification", [("twoFactor", "true")], accessToken: access).code == 409)
            #expect(try await t.form("/api/appuser/setTwoFactorGoogleVerification", [("twoFactor", "maybe")], accessToken: access).code == 602)
        }
    }

    /// An export with secrets carries the authenticator along; one without turns 2FA off rather than
    /// leave users with a second step they cannot pass.
    @Test(arguments: TestDatabase.allCases)
    func authenticatorsTravelWithExportsThatIncludeSecrets(_ db: TestDatabase) async throws {
        try await TestHost.run(db, settings: Self.settings) { t async throws in
            let (secret, _) = try await enroll(t, "moving@example.com")
            let appId = t.app.id.uuidString
            let (_, withSecrets) = try await t.bytes("/api/app/export?appId=\(appId)&includeSecrets=true")
            let (_, withoutSecrets) = try await t.bytes("/api/app/export?appId=\(appId)")
            #expect(try await t.admin("/api/app/\(appId)", method: .delete).status == .ok)

            let kept = try await t.importZip(withSecrets, name: "Kept")
            #expect(kept.status == .ok, "\(kept.text)")
            let keptToken = try #require(kept["appToken"])
            let token = try #require(
                try await t.form("/api/appuser/login", [("handle", "moving@example.com"), ("password", md5("pass1234"))], appToken: keptToken)[
                    "login-token"])
            let done = try await t.form("/api/appuser/loginComplete", [("loginToken", token), ("code", try t.totp(secret))], appToken: keptToken)
            #expect(done.status == .ok, "\(done.text)")

            let dropped = try await t.importZip(withoutSecrets, name: "Dropped")
            let direct = try await t.form(
                "/api/appuser/login", [("handle", "moving@example.com"), ("password", md5("pass1234"))], appToken: dropped["appToken"])
            #expect(direct["access-token"] != nil, "2FA off without its secret: \(direct.text)")
        }
    }
}
