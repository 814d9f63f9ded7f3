import CosyncAuthCore
import CosyncAuthHost
import CosyncHostTestSupport
import Foundation
import Testing

/// The React Native client, once it holds an access token, sends it *instead of* the app token on every
/// app-token call, and keeps sending it after it expired, was revoked or was pruned. The token names its
/// app, so those calls work; it never authenticates a user once dead.
@Suite("user API: an access token in place of the app token")
struct AccessTokenForAppTests {
    enum State: String, CaseIterable, Sendable { case live, expired, revoked, pruned, olderForm }

    /// An access token of the app in `state`.
    func token(_ state: State, _ t: TestHost) async throws -> String {
        let store = t.host.storage.store
        switch state {
        case .live:
            return try await t.signUp("live-\(UUID().uuidString.prefix(8))@example.com")
        case .expired, .olderForm:
            let holder = try await t.signUp("holder-\(UUID().uuidString.prefix(8))@example.com")
            let user = try await t.host.accounts.authenticateUser(accessToken: holder).user
            let token = state == .expired ? AccessTokenText.make(appId: t.app.id) : RandomToken.make(prefix: "at_")
            let expires = state == .expired ? Date().addingTimeInterval(-60) : Date().addingTimeInterval(3600)
            try await store.insert(
                AccessTokenRecord(
                    digest: RandomToken.digest(token), userId: user.id, appId: t.app.id, createdAt: Date().addingTimeInterval(-7200),
                    expiresAt: expires))
            return token
        case .revoked:
            let token = try await t.signUp("revoked-\(UUID().uuidString.prefix(8))@example.com")
            let user = try await t.host.accounts.authenticateUser(accessToken: token).user
            try await store.deleteAccessTokens(userId: user.id, keeping: nil)
            return token
        case .pruned:
            return AccessTokenText.make(appId: t.app.id)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func everyAppTokenCallTakesTheAppOfTheAccessToken(_ db: TestDatabase) async throws {
        try await TestHost.run(
            db,
            settings: [
                ("signupFlow", "none"), ("anonymousLoginEnabled", "true"), ("invitationEnabled", "true"),
            ]
        ) { t async throws in
            try await t.signUp("rn@example.com")
            for state in State.allCases { try await check(state, t) }
        }
    }

    /// Every app-token call, with the access token of `state` in place of the app token.
    func check(_ state: State, _ t: TestHost) async throws {
        let token = try await token(state, t)
        func call(_ path: String, _ params: [(String, String)]) async throws -> TestHost.Answer {
            try await t.form(path, params, accessToken: token)
        }
        let login = try await call("/api/appuser/login", [("handle", "rn@example.com"), ("password", md5("pass1234"))])
        #expect(login["access-token"] != nil, "login: \(login.text)")
        let signup = try await call("/api/appuser/signup", [("handle", "new-\(state.rawValue)@example.com"), ("password", md5("pw"))])
        #expect(signup["access-token"] != nil, "signup: \(signup.text)")
        #expect(try await call("/api/appuser/loginAnonymous", [("handle", "ANON_\(state.rawValue)")])["access-token"] != nil)
        #expect(try await call("/api/appuser/forgotPassword", [("handle", "rn@example.com")]).text == "true")
        // The app was found: these fail on their own merits (602), not as an unknown app (400).
        let reset = try await call("/api/appuser/resetPassword", [("handle", "rn@example.com"), ("password", md5("x")), ("code", "000000")])
        #expect(reset.code == 602, "resetPassword: \(reset.text)")
        #expect(try await call("/api/appuser/completeSignup", [("handle", "none@example.com"), ("code", "000000")]).code == 602)
        #expect(try await call("/api/appuser/register", [("handle", "none@example.com"), ("password", md5("x")), ("code", "000000")]).code == 602)
        #expect(try await t.get("/api/appuser/getApplication", accessToken: token).status == .ok)
        #expect(try await call("/api/appuser/socialLogin", [("token", "x"), ("provider", "apple")]).code == 415, "Apple is off in this app")
        #expect(try await call("/api/appuser/socialSignup", [("token", "x"), ("provider", "google"), ("handle", "g@example.com")]).code == 416)
        // It is no user's credential unless alive.
        let asUser = try await t.get("/api/appuser/getUser", accessToken: token)
        #expect(state == .live || state == .olderForm ? asUser.status == .ok : asUser.code == 405, "\(state)")
    }

    /// The Kotlin client's resetPassword sends the *app* token in the `access-token` header.
    @Test(arguments: TestDatabase.allCases)
    func anAppTokenInTheAccessTokenHeaderNamesItsApp(_ db: TestDatabase) async throws {
        try await TestHost.run(db, settings: [("signupFlow", "none")]) { t async throws in
            try await t.signUp("kotlin@example.com")
            #expect(try await t.form("/api/appuser/forgotPassword", [("handle", "kotlin@example.com")], appToken: t.token).text == "true")
            let code = try await t.code(sentTo: "kotlin@example.com")
            let reset = try await t.json(
                "/api/appuser/resetPassword",
                .object(["handle": .string("kotlin@example.com"), "password": .string(md5("newpass1")), "code": .string(code)]),
                accessToken: t.token)
            #expect(reset.text == "true", "\(reset.text)")
            #expect(try await t.get("/api/appuser/getUser", accessToken: t.token).code == 405, "an app token is no user's credential")
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func aTokenThatNamesNoAppIsAnInvalidAppToken(_ db: TestDatabase) async throws {
        try await TestHost.run(db) { t async throws in
            for token in ["at_garbage", AccessTokenText.make(appId: UUID()), "at_" + String(repeating: "z", count: 32) + "_x"] {
                let answer = try await t.form("/api/appuser/login", [("handle", "a@example.com"), ("password", md5("pw"))], accessToken: token)
                #expect(answer.code == 400, "\(token): \(answer.text)")
            }
            #expect(try await t.form("/api/appuser/login", [("handle", "a@example.com"), ("password", md5("pw"))]).code == 400)
        }
    }
}
