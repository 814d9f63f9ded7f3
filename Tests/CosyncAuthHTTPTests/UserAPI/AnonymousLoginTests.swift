import CosyncAuthCore
import CosyncAuthHost
import CosyncHostTestSupport
import Testing

@Suite("loginAnonymous")
struct AnonymousLoginTests {
    @Test(arguments: TestDatabase.allCases)
    func createsTheUserOnFirstUseOnly(_ db: TestDatabase) async throws {
        try await TestHost.run(
            db,
            settings: [
                ("anonymousLoginEnabled", "true"),
                ("metaData", #"[{"path":"user_data.name","fieldName":"name"}]"#),
            ]
        ) { t async throws in
            let first = try await t.form("/api/appuser/loginAnonymous", [("handle", "ANON_1234-abcd")], appToken: t.token)
            #expect(first.status == .ok, "\(first.text)")
            let claims = try await verifiedClaims(try #require(first["jwt"]), publicKeyPEM: t.app.publicKeyPEM)
            #expect(claims["user_data"] == .object(["name": .string("ANON_name")]))
            #expect(claims["sub"] == .string("ANON_1234-abcd"))
            let second = try await t.form("/api/appuser/loginAnonymous", [("handle", "ANON_1234-abcd")], appToken: t.token)
            #expect(second.status == .ok)
            let user = try #require(try await t.host.storage.store.user(appId: t.app.id, handle: "ANON_1234-abcd"))
            #expect(user.loginProvider == .anonymous)
            let accessToken = try #require(second["access-token"])
            let me = try await t.get("/api/appuser/getUser", accessToken: accessToken)
            #expect(me["loginProvider"] == "anonymous")
            #expect(try await t.form("/api/appuser/deleteAccount", [("handle", "ANON_other")], accessToken: accessToken).code == 600)
            #expect(try await t.form("/api/appuser/deleteAccount", [("handle", "ANON_1234-abcd")], accessToken: accessToken).text == "true")
            #expect(try await t.get("/api/appuser/getUser", accessToken: accessToken).code == 405)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func refusedWhenOffOrWithoutMarker(_ db: TestDatabase) async throws {
        try await TestHost.run(db) { t async throws in
            #expect(try await t.form("/api/appuser/loginAnonymous", [("handle", "ANON_x")], appToken: t.token).code == 414)
            _ = try await t.host.apps.setSetting(app: t.app.name, name: "anonymousLoginEnabled", value: "true")
            #expect(try await t.form("/api/appuser/loginAnonymous", [("handle", "someone")], appToken: t.token).code == 600)
            #expect(try await t.form("/api/appuser/loginAnonymous", [], appToken: t.token).code == 403)
        }
    }
}
