import CosyncAuthCore
import CosyncAuthHost
import CosyncHostTestSupport
import Testing

@Suite("changePassword and deleteAccount")
struct PasswordAndDeletionTests {
    @Test(arguments: TestDatabase.allCases)
    func changePasswordRevokesOtherSessions(_ db: TestDatabase) async throws {
        try await TestHost.run(db, settings: [("signupFlow", "none")]) { t async throws in
            let current = try await t.signUp("pw@example.com", password: "old")
            let other = try #require(
                try await t.form("/api/appuser/login", [("handle", "pw@example.com"), ("password", md5("old"))], appToken: t.token)["access-token"])

            #expect(
                try await t.form("/api/appuser/changePassword", [("password", md5("wrong")), ("newPassword", md5("new"))], accessToken: current).code
                    == 602, "as the original: a wrong current password is 602")
            #expect(
                try await t.form("/api/appuser/changePassword", [("password", md5("old")), ("newPassword", "new")], accessToken: current).code == 602)
            #expect(try await t.form("/api/appuser/changePassword", [("password", md5("old"))], accessToken: current).code == 403)
            #expect(try await t.get("/api/appuser/getUser", accessToken: other).status == .ok)

            #expect(
                try await t.form("/api/appuser/changePassword", [("password", md5("old")), ("newPassword", md5("new"))], accessToken: current).text
                    == "true")
            #expect(try await t.get("/api/appuser/getUser", accessToken: other).code == 405)
            #expect(try await t.get("/api/appuser/getUser", accessToken: current).status == .ok)
            #expect(try await t.form("/api/appuser/login", [("handle", "pw@example.com"), ("password", md5("old"))], appToken: t.token).code == 600)
            #expect(
                try await t.form("/api/appuser/login", [("handle", "pw@example.com"), ("password", md5("new"))], appToken: t.token).status == .ok)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func deleteAccountNeedsThePassword(_ db: TestDatabase) async throws {
        try await TestHost.run(db, settings: [("signupFlow", "none")]) { t async throws in
            let token = try await t.signUp("gone@example.com")
            #expect(
                try await t.form("/api/appuser/deleteAccount", [("handle", "gone@example.com"), ("password", md5("bad"))], accessToken: token).code
                    == 600)
            #expect(
                try await t.form("/api/appuser/deleteAccount", [("handle", "other@example.com"), ("password", md5("pass1234"))], accessToken: token)
                    .code == 600)
            #expect(try await t.get("/api/appuser/getUser", accessToken: token).status == .ok)

            #expect(
                try await t.form("/api/appuser/deleteAccount", [("handle", "gone@example.com"), ("password", md5("pass1234"))], accessToken: token)
                    .text == "true")
            #expect(try await t.get("/api/appuser/getUser", accessToken: token).code == 405)
            #expect(
                try await t.form("/api/appuser/login", [("handle", "gone@example.com"), ("password", md5("pass1234"))], appToken: t.token).code == 600
            )
            // The handle is free again.
            try await t.signUp("gone@example.com")
        }
    }

    /// The original also takes the user's name as `handle` where the app has user names.
    @Test(arguments: TestDatabase.allCases)
    func deleteAccountTakesTheUserName(_ db: TestDatabase) async throws {
        try await TestHost.run(db, settings: [("signupFlow", "none"), ("userNamesEnabled", "true")]) { t async throws in
            let token = try await t.signUp("named@example.com")
            let other = try await t.signUp("other@example.com")
            #expect(try await t.form("/api/appuser/setUserName", [("userName", "Named")], accessToken: token).text == "true")
            #expect(try await t.form("/api/appuser/setUserName", [("userName", "someone")], accessToken: other).text == "true")
            #expect(
                try await t.form("/api/appuser/deleteAccount", [("handle", "someone"), ("password", md5("pass1234"))], accessToken: token).code == 600
            )
            #expect(
                try await t.form("/api/appuser/deleteAccount", [("handle", "NAMED"), ("password", md5("pass1234"))], accessToken: token).text
                    == "true")
            #expect(try await t.host.storage.store.user(appId: t.app.id, handle: "named@example.com") == nil)
            #expect(try await t.host.storage.store.user(appId: t.app.id, handle: "other@example.com") != nil)
        }
    }
}
