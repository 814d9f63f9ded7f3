import CosyncAuthCore
import CosyncAuthHost
import CosyncHostTestSupport
import Foundation
import Testing

@Suite("invite, register and login lockout")
struct InviteAndLockoutTests {
    @Test(arguments: TestDatabase.allCases)
    func theInviteeGetsTheCodeAndRegisters(_ db: TestDatabase) async throws {
        try await TestHost.run(
            db,
            settings: [
                ("signupFlow", "none"),
                ("metaDataInvite", #"[{"path":"invited.team","fieldName":"team","required":true}]"#),
            ]
        ) { t async throws in
            let sender = try await t.signUp("boss@example.com")
            let params = [("handle", "New+Hire@example.com"), ("metaData", #"{"invited":{"team":"blue"}}"#), ("senderUserId", "ignored")]
            #expect(try await t.form("/api/appuser/invite", params, accessToken: sender).code == 406)
            _ = try await t.host.apps.setSetting(app: t.app.name, name: "invitationEnabled", value: "true")
            #expect(try await t.form("/api/appuser/invite", [("handle", "x@example.com"), ("metaData", "{}")], accessToken: sender).code == 604)
            #expect(try await t.form("/api/appuser/invite", params, accessToken: sender).text == "true")

            #expect(try await t.mail(to: "boss@example.com").allSatisfy { $0.subject != "You are invited to Test App" })
            let code = try await t.code(sentTo: "new+hire@example.com")
            let wrong = code == "000000" ? "111111" : "000000"
            let register = [("handle", "new+hire@example.com"), ("password", md5("pw")), ("metaData", "{}")]
            #expect(try await t.form("/api/appuser/register", register + [("code", wrong)], appToken: t.token).code == 602)
            let done = try await t.form("/api/appuser/register", register + [("code", code)], appToken: t.token)
            #expect(done.status == .ok, "\(done.text)")
            // The signed user token carries the registered claims a backend checks, as the user JWT does.
            let signed = try await verifiedClaims(try #require(done["signed-user-token"]), publicKeyPEM: t.app.publicKeyPEM)
            #expect(signed["sub"] == .string("new+hire@example.com") && signed["aud"] == .string("none"))
            if case .number(let exp)? = signed["exp"], case .number(let iat)? = signed["iat"] {
                #expect(exp - iat == 24 * 3600)
            } else {
                Issue.record("no exp or iat in \(signed)")
            }
            let claims = try await verifiedClaims(try #require(done["jwt"]), publicKeyPEM: t.app.publicKeyPEM)
            #expect(claims["invited"] == .object(["team": .string("blue")]))
            #expect(try await t.form("/api/appuser/register", register + [("code", code)], appToken: t.token).code == 601)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func failuresLockTheAccountEvenForTheRightPassword(_ db: TestDatabase) async throws {
        try await TestHost.run(db, settings: [("signupFlow", "none"), ("maxLoginAttempts", "3")]) { t async throws in
            try await t.signUp("lock@example.com", password: "right")
            let right = [("handle", "lock@example.com"), ("password", md5("right"))]
            let wrong = [("handle", "lock@example.com"), ("password", md5("wrong"))]
            #expect(try await t.form("/api/appuser/login", wrong, appToken: t.token).code == 600)
            #expect(try await t.form("/api/appuser/login", right, appToken: t.token).status == .ok, "a success clears the count")
            for _ in 0..<3 {
                #expect(try await t.form("/api/appuser/login", wrong, appToken: t.token).code == 600)
            }
            let locked = try await t.form("/api/appuser/login", right, appToken: t.token)
            #expect(locked.code == 600)
            #expect(locked.text == (try await t.form("/api/appuser/login", wrong, appToken: t.token)).text)

            // A password reset lifts the lockout.
            _ = try await t.form("/api/appuser/forgotPassword", [("handle", "lock@example.com")], appToken: t.token)
            let code = try await t.code(sentTo: "lock@example.com")
            #expect(
                try await t.form(
                    "/api/appuser/resetPassword", [("handle", "lock@example.com"), ("password", md5("right")), ("code", code)], appToken: t.token
                ).text == "true")
            #expect(try await t.form("/api/appuser/login", right, appToken: t.token).status == .ok)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func concurrentFailuresAreAllCounted(_ db: TestDatabase) async throws {
        try await TestHost.run(db, settings: [("signupFlow", "none"), ("maxLoginAttempts", "10")]) { t async throws in
            try await t.signUp("count@example.com", password: "right")
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<10 {
                    group.addTask {
                        _ = try await t.form("/api/appuser/login", [("handle", "count@example.com"), ("password", md5("x"))], appToken: t.token)
                    }
                }
                try await group.waitForAll()
            }
            let user = try #require(try await t.host.storage.store.user(appId: t.app.id, handle: "count@example.com"))
            #expect(user.failedLogins == 10)
            #expect(user.lockedUntil != nil)
        }
    }
}
