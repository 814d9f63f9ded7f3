import CosyncAuthCore
import CosyncAuthHost
import CosyncHostTestSupport
import Foundation
import Testing

@Suite("login")
struct LoginTests {
    @Test(arguments: TestDatabase.allCases)
    func swiftClientFormLoginWithPlusInHandle(_ db: TestDatabase) async throws {
        try await TestHost.run(db, settings: [("signupFlow", "none")]) { t async throws in
            try await t.signUp("Jane+Test@Example.com")
            let answer = try await t.form(
                "/api/appuser/login", [("handle", "jane+test@example.com"), ("password", md5("pass1234"))], appToken: t.token)
            #expect(answer.status == .ok)
            #expect(answer["jwt"] != nil)
            #expect(answer["access-token"]?.hasPrefix("at_") == true)
            #expect(answer.object.count == 2)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func jsonClientLoginIsCaseInsensitive(_ db: TestDatabase) async throws {
        try await TestHost.run(db, settings: [("signupFlow", "none")]) { t async throws in
            try await t.signUp("kim@example.com")
            let answer = try await t.json(
                "/api/appuser/login",
                .object([
                    "handle": .string("KIM@Example.COM"), "password": .string(md5("pass1234")),
                ]), appToken: t.token)
            #expect(answer.status == .ok)
            #expect(answer["access-token"] != nil)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func doublyEscapedPlusIsReadAsPlus(_ db: TestDatabase) async throws {
        try await TestHost.run(db, settings: [("signupFlow", "none")]) { t async throws in
            try await t.signUp("a+b@example.com")
            let body = "handle=a%252Bb@example.com&password=\(md5("pass1234"))"
            let answer = try await t.send("/api/appuser/login", method: .post, headers: [.init("app-token")!: t.token], body: body)
            #expect(answer.status == .ok, "\(answer.text)")
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func wrongCredentialsAnswer600(_ db: TestDatabase) async throws {
        try await TestHost.run(db, settings: [("signupFlow", "none")]) { t async throws in
            try await t.signUp("lee@example.com")
            let wrong = try await t.form("/api/appuser/login", [("handle", "lee@example.com"), ("password", md5("nope"))], appToken: t.token)
            #expect(wrong.status == .badRequest)
            #expect(wrong.code == 600)
            #expect(wrong["message"] == "invalid login credentials")
            let unknown = try await t.form("/api/appuser/login", [("handle", "who@example.com"), ("password", md5("pass1234"))], appToken: t.token)
            #expect(unknown.code == 600)
            let notMD5 = try await t.form("/api/appuser/login", [("handle", "lee@example.com"), ("password", "pass1234")], appToken: t.token)
            #expect(notMD5.code == 600)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func missingParametersAnswer403(_ db: TestDatabase) async throws {
        try await TestHost.run(db) { t async throws in
            let noHandle = try await t.form("/api/appuser/login", [("password", md5("x"))], appToken: t.token)
            #expect(noHandle.code == 403)
            let noPassword = try await t.json("/api/appuser/login", .object(["handle": .string("a@b.c")]), appToken: t.token)
            #expect(noPassword.code == 403)
            #expect(noPassword["message"]?.contains("password") == true)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func appTokenIsRequiredAndChecked(_ db: TestDatabase) async throws {
        try await TestHost.run(db) { t async throws in
            let params = [("handle", "a@b.c"), ("password", md5("x"))]
            #expect(try await t.form("/api/appuser/login", params).code == 400)
            #expect(try await t.form("/api/appuser/login", params, appToken: "app_unknown").code == 400)
            let garbage = try await t.form("/api/appuser/login", params, appToken: String(repeating: "x", count: 5000))
            #expect(garbage.code == 400)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func suspendedAndMigratedAppsAreRefused(_ db: TestDatabase) async throws {
        try await TestHost.run(db) { t async throws in
            let params = [("handle", "a@b.c"), ("password", md5("x"))]
            _ = try await t.host.apps.setSetting(app: t.app.name, name: "status", value: "inactive")
            #expect(try await t.form("/api/appuser/login", params, appToken: t.token).code == 402)
            _ = try await t.host.apps.setSetting(app: t.app.name, name: "status", value: "migrated")
            #expect(try await t.form("/api/appuser/login", params, appToken: t.token).code == 413)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func userNameLoginNeedsTheSetting(_ db: TestDatabase) async throws {
        try await TestHost.run(db, settings: [("signupFlow", "none")]) { t async throws in
            let accessToken = try await t.signUp("sam@example.com")
            let refused = try await t.form("/api/appuser/login", [("handle", "sammy"), ("password", md5("pass1234"))], appToken: t.token)
            #expect(refused.code == 606)

            _ = try await t.host.apps.setSetting(app: t.app.name, name: "userNamesEnabled", value: "true")
            #expect(try await t.form("/api/appuser/setUserName", [("userName", "Sammy")], accessToken: accessToken).text == "true")
            let byName = try await t.form("/api/appuser/login", [("handle", "SAMMY"), ("password", md5("pass1234"))], appToken: t.token)
            #expect(byName.status == .ok)
            let claims = try await verifiedClaims(try #require(byName["jwt"]), publicKeyPEM: t.app.publicKeyPEM)
            #expect(claims["userName"] == .string("sammy"))
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func loginBeforeCompletingSignupAnswers608(_ db: TestDatabase) async throws {
        try await TestHost.run(db, settings: [("signupFlow", "code")]) { t async throws in
            let signup = try await t.form("/api/appuser/signup", [("handle", "wait@example.com"), ("password", md5("pass1234"))], appToken: t.token)
            #expect(signup.text == "true")
            let login = try await t.form("/api/appuser/login", [("handle", "wait@example.com"), ("password", md5("pass1234"))], appToken: t.token)
            #expect(login.code == 608)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func suspendedUserAnswers404(_ db: TestDatabase) async throws {
        try await TestHost.run(db, settings: [("signupFlow", "none")]) { t async throws in
            let accessToken = try await t.signUp("bad@example.com")
            let user = try #require(try await t.host.storage.store.user(appId: t.app.id, handle: "bad@example.com"))
            var suspended = user
            suspended.status = .suspended
            try await t.host.storage.store.update(suspended, from: user)
            let login = try await t.form("/api/appuser/login", [("handle", "bad@example.com"), ("password", md5("pass1234"))], appToken: t.token)
            #expect(login.code == 404)
            #expect(try await t.get("/api/appuser/getUser", accessToken: accessToken).code == 404)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func doubledSlashesReachTheRoute(_ db: TestDatabase) async throws {
        try await TestHost.run(db, settings: [("signupFlow", "none")]) { t async throws in
            try await t.signUp("slash@example.com")
            let answer = try await t.form("//api/appuser/login", [("handle", "slash@example.com"), ("password", md5("pass1234"))], appToken: t.token)
            #expect(answer.status == .ok, "\(answer.text)")
        }
    }
}
