import CosyncAuthCore
import CosyncAuthHost
import CosyncHostTestSupport
import Foundation
import Testing

/// Attackers send guesses in parallel. Every code (signup, reset, invitation, phone, second factor) is
/// compared at most five times however many guesses arrive at once, and the right code is dead after.
/// The per-handle limit is lifted here so that only the per-record limit is under test.
@Suite("user API: codes under parallel guessing")
struct ParallelCodeTests {
    static let guesses = 200
    static let unthrottled: @Sendable (inout HostConfiguration) -> Void = { $0.codeAttemptsPerHour = 0 }

    /// `count` calls, `width` at a time.
    static func inParallel(
        _ count: Int = guesses, width: Int = 32, _ call: @escaping @Sendable (Int) async throws -> TestHost.Answer
    ) async throws -> [TestHost.Answer] {
        try await withThrowingTaskGroup(of: TestHost.Answer.self) { group in
            var answers: [TestHost.Answer] = []
            for i in 0..<count {
                if i >= width, let answer = try await group.next() { answers.append(answer) }
                group.addTask { try await call(i) }
            }
            for try await answer in group { answers.append(answer) }
            return answers
        }
    }

    /// Six-digit codes that are not `right`, one per guess.
    static func wrongCode(_ i: Int, not right: String) -> String {
        let code = String(format: "%06d", (i * 7919 + 13) % 1_000_000)
        return code == right ? String(format: "%06d", (i * 7919 + 14) % 1_000_000) : code
    }

    /// How many guesses were compared (answered "wrong code"); every other answer must be a refusal.
    static func compared(_ answers: [TestHost.Answer], wrong: (TestHost.Answer) -> Bool) -> Int {
        for answer in answers { #expect(answer.status == .badRequest, "\(answer.text)") }
        return answers.filter(wrong).count
    }

    static func saysWrongCode(_ answer: TestHost.Answer) -> Bool { answer["message"]?.hasSuffix("wrong code") == true }

    @Test(arguments: TestDatabase.allCases)
    func signupCodes(_ db: TestDatabase) async throws {
        try await TestHost.run(db, options: Self.unthrottled) { t async throws in
            _ = try await t.form("/api/appuser/signup", [("handle", "race@example.com"), ("password", md5("pw"))], appToken: t.token)
            let right = try await t.code(sentTo: "race@example.com")
            let answers = try await Self.inParallel { i in
                try await t.form(
                    "/api/appuser/completeSignup", [("handle", "race@example.com"), ("code", Self.wrongCode(i, not: right))], appToken: t.token)
            }
            let compared = Self.compared(answers, wrong: Self.saysWrongCode)
            #expect((1...5).contains(compared), "compared \(compared) of \(Self.guesses) parallel guesses")
            let late = try await t.form("/api/appuser/completeSignup", [("handle", "race@example.com"), ("code", right)], appToken: t.token)
            #expect(late.code == 602 && late["access-token"] == nil, "\(late.text)")
            #expect(try await t.host.storage.store.user(appId: t.app.id, handle: "race@example.com") == nil)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func resetCodes(_ db: TestDatabase) async throws {
        try await TestHost.run(db, settings: [("signupFlow", "none")], options: Self.unthrottled) { t async throws in
            try await t.signUp("reset@example.com")
            #expect(try await t.form("/api/appuser/forgotPassword", [("handle", "reset@example.com")], appToken: t.token).text == "true")
            let right = try await t.code(sentTo: "reset@example.com")
            let answers = try await Self.inParallel { i in
                try await t.form(
                    "/api/appuser/resetPassword",
                    [
                        ("handle", "reset@example.com"), ("password", md5("stolen")), ("code", Self.wrongCode(i, not: right)),
                    ], appToken: t.token)
            }
            let compared = Self.compared(answers, wrong: Self.saysWrongCode)
            #expect((1...5).contains(compared), "compared \(compared) of \(Self.guesses) parallel guesses")
            let late = try await t.form(
                "/api/appuser/resetPassword", [("handle", "reset@example.com"), ("password", md5("new")), ("code", right)], appToken: t.token)
            #expect(late.code == 602, "\(late.text)")
            let login = try await t.form("/api/appuser/login", [("handle", "reset@example.com"), ("password", md5("pass1234"))], appToken: t.token)
            #expect(login["access-token"] != nil, "the password is unchanged: \(login.text)")
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func invitationCodes(_ db: TestDatabase) async throws {
        try await TestHost.run(db, settings: [("signupFlow", "none"), ("invitationEnabled", "true")], options: Self.unthrottled) { t async throws in
            let sender = try await t.signUp("host@example.com")
            #expect(try await t.form("/api/appuser/invite", [("handle", "guest@example.com")], accessToken: sender).text == "true")
            let right = try await t.code(sentTo: "guest@example.com")
            let answers = try await Self.inParallel { i in
                try await t.form(
                    "/api/appuser/register",
                    [
                        ("handle", "guest@example.com"), ("password", md5("pw")), ("code", Self.wrongCode(i, not: right)),
                    ], appToken: t.token)
            }
            let compared = Self.compared(answers, wrong: Self.saysWrongCode)
            #expect((1...5).contains(compared), "compared \(compared) of \(Self.guesses) parallel guesses")
            let late = try await t.form(
                "/api/appuser/register", [("handle", "guest@example.com"), ("password", md5("pw")), ("code", right)], appToken: t.token)
            #expect(late.code == 602, "\(late.text)")
            #expect(try await t.host.storage.store.user(appId: t.app.id, handle: "guest@example.com") == nil)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func phoneCodes(_ db: TestDatabase) async throws {
        try await TestHost.run(db, settings: [("signupFlow", "none"), ("twoFactorVerification", "phone")], options: Self.unthrottled) {
            t async throws in
            let session = try await t.signUp("phone@example.com")
            #expect(try await t.form("/api/appuser/setPhone", [("phone", "+14155550123")], accessToken: session).text == "true")
            let right = try await t.code(sentTo: "+14155550123")
            let answers = try await Self.inParallel { i in
                try await t.form("/api/appuser/verifyPhone", [("code", Self.wrongCode(i, not: right))], accessToken: session)
            }
            let compared = Self.compared(answers, wrong: Self.saysWrongCode)
            #expect((1...5).contains(compared), "compared \(compared) of \(Self.guesses) parallel guesses")
            #expect(try await t.form("/api/appuser/verifyPhone", [("code", right)], accessToken: session).code == 602)
            #expect(try await t.host.storage.store.user(appId: t.app.id, handle: "phone@example.com")?.phoneVerified == false)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func secondFactorCodes(_ db: TestDatabase) async throws {
        // No lockout here: a wrong code compared answers 600, a challenge used up answers 602.
        try await TestHost.run(db, settings: [("signupFlow", "none"), ("twoFactorVerification", "google")], options: Self.unthrottled) {
            t async throws in
            let session = try await t.signUp("otp@example.com")
            let secret = try #require(
                try await t.form("//api/appuser/setTwoFactorGoogleVerification", [("twoFactor", "true")], accessToken: session)["googleSecretKey"])
            let loginToken = try #require(
                try await t.form("/api/appuser/login", [("handle", "otp@example.com"), ("password", md5("pass1234"))], appToken: t.token)[
                    "login-token"])
            let current = Set(try (-1...1).map { try t.totp(secret, offset: Int64($0)) })
            let answers = try await Self.inParallel { i in
                var code = Self.wrongCode(i, not: "")
                while current.contains(code) { code = Self.wrongCode(i + 1, not: "") }
                return try await t.form("/api/appuser/loginComplete", [("loginToken", loginToken), ("code", code)], appToken: t.token)
            }
            let compared = Self.compared(answers) { $0.code == 600 }
            #expect((1...5).contains(compared), "compared \(compared) of \(Self.guesses) parallel guesses")
            let late = try await t.form("/api/appuser/loginComplete", [("loginToken", loginToken), ("code", try t.totp(secret))], appToken: t.token)
            #expect(late.code == 602 && late["access-token"] == nil, "\(late.text)")
        }
    }

    /// Fresh login tokens do not give fresh guesses: wrong second-factor codes count per user, with or
    /// without the app's lockout.
    @Test(arguments: TestDatabase.allCases)
    func secondFactorGuessesCountAcrossLoginTokens(_ db: TestDatabase) async throws {
        try await TestHost.run(db, settings: [("signupFlow", "none"), ("twoFactorVerification", "google")]) { t async throws in
            let session = try await t.signUp("grind@example.com")
            let secret = try #require(
                try await t.form("//api/appuser/setTwoFactorGoogleVerification", [("twoFactor", "true")], accessToken: session)["googleSecretKey"])
            let current = Set(try (-1...1).map { try t.totp(secret, offset: Int64($0)) })
            var answers: [Int?] = []
            for round in 0..<3 {
                let loginToken = try #require(
                    try await t.form("/api/appuser/login", [("handle", "grind@example.com"), ("password", md5("pass1234"))], appToken: t.token)[
                        "login-token"])
                for i in 0..<5 {
                    var code = Self.wrongCode(round * 5 + i, not: "")
                    while current.contains(code) { code = Self.wrongCode(round * 5 + i + 1000, not: "") }
                    answers.append(
                        try await t.form("/api/appuser/loginComplete", [("loginToken", loginToken), ("code", code)], appToken: t.token).code)
                }
            }
            #expect(answers.prefix(10).allSatisfy { $0 == 600 }, "\(answers)")
            #expect(answers.dropFirst(10).allSatisfy { $0 == 429 }, "\(answers)")
            let fresh = try #require(
                try await t.form("/api/appuser/login", [("handle", "grind@example.com"), ("password", md5("pass1234"))], appToken: t.token)[
                    "login-token"])
            #expect(
                try await t.form("/api/appuser/loginComplete", [("loginToken", fresh), ("code", try t.totp(secret))], appToken: t.token).code == 429)
        }
    }
}
