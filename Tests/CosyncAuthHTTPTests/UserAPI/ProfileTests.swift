import CosyncAuthCore
import CosyncAuthHost
import CosyncHostTestSupport
import Foundation
import Testing

@Suite("getUser, getApplication and profile changes")
struct ProfileTests {
    @Test(arguments: TestDatabase.allCases)
    func getUserAnswersTheProtocolShape(_ db: TestDatabase) async throws {
        try await TestHost.run(
            db,
            settings: [
                ("signupFlow", "none"), ("metaData", #"[{"path":"user_data.name","fieldName":"name"}]"#),
            ]
        ) { t async throws in
            let accessToken = try await t.signUp("me@example.com", metaData: #"{"user_data":{"name":"Me"}}"#)
            let me = try await t.get("/api/appuser/getUser", accessToken: accessToken)
            #expect(me.status == .ok)
            #expect(me["handle"] == "me@example.com")
            #expect(me["status"] == "active")
            #expect(me["locale"] == "EN")
            #expect(me["appId"] == t.app.id.uuidString.lowercased())
            #expect(me["loginProvider"] == "email")
            #expect(me.object["metaData"] == .object(["user_data": .object(["name": .string("Me")])]))
            #expect(me.object["twoFactorGoogleVerification"] == .bool(false))
            let created = try #require(me["createdAt"])
            #expect(created.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/) != nil, "\(created)")
            #expect(me.object["passwordHash"] == nil && me.object["password"] == nil)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func accessTokenIsRequiredAndChecked(_ db: TestDatabase) async throws {
        try await TestHost.run(db) { t async throws in
            #expect(try await t.get("/api/appuser/getUser").code == 405)
            #expect(try await t.get("/api/appuser/getUser", accessToken: "at_forged").code == 405)
            #expect(try await t.form("/api/appuser/setLocale", [("locale", "EN")], accessToken: "at_forged").code == 405)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func expiredAccessTokenIsRefused(_ db: TestDatabase) async throws {
        try await TestHost.run(db, settings: [("signupFlow", "none")]) { t async throws in
            try await t.signUp("old@example.com")
            let user = try #require(try await t.host.storage.store.user(appId: t.app.id, handle: "old@example.com"))
            let token = "at_expired-token-for-test"
            try await t.host.storage.store.insert(
                AccessTokenRecord(
                    digest: RandomToken.digest(token), userId: user.id, appId: t.app.id,
                    createdAt: Date().addingTimeInterval(-7200), expiresAt: Date().addingTimeInterval(-1)))
            #expect(try await t.get("/api/appuser/getUser", accessToken: token).code == 405)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func getApplicationShowsPublicSettingsOnly(_ db: TestDatabase) async throws {
        try await TestHost.run(db, settings: [("signupFlow", "none"), ("locales", "EN,FR")]) { t async throws in
            let byAppToken = try await t.get("/api/appuser/getApplication", appToken: t.token)
            #expect(byAppToken.status == .ok)
            #expect(byAppToken["name"] == "Test App")
            #expect(byAppToken.object["locales"] == .array([.string("EN"), .string("FR")]))
            #expect(byAppToken["signupFlow"] == "none")
            for secret in [t.token, t.app.id.uuidString.lowercased(), "PUBLIC KEY", "appSecret", "appToken"] {
                #expect(!byAppToken.text.contains(secret), "getApplication leaks \(secret)")
            }
            let accessToken = try await t.signUp("app@example.com")
            let byAccessToken = try await t.get("/api/appuser/getApplication", accessToken: accessToken)
            #expect(byAccessToken.text == byAppToken.text)
            #expect(try await t.get("/api/appuser/getApplication").code == 400)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func setLocale(_ db: TestDatabase) async throws {
        try await TestHost.run(db, settings: [("signupFlow", "none"), ("locales", "EN,FR")]) { t async throws in
            let accessToken = try await t.signUp("loc@example.com")
            #expect(try await t.form("/api/appuser/setLocale", [("locale", "fr")], accessToken: accessToken).text == "true")
            #expect(try await t.get("/api/appuser/getUser", accessToken: accessToken)["locale"] == "FR")
            #expect(
                try await t.form("/api/appuser/setLocale", [("locale", "DE")], accessToken: accessToken).code == 602,
                "as the original: 602, never 609")
            #expect(try await t.form("/api/appuser/setLocale", [("locale", "french")], accessToken: accessToken).code == 602)
            #expect(try await t.form("/api/appuser/setLocale", [], accessToken: accessToken).code == 403)
            #expect(try await t.get("/api/appuser/getUser", accessToken: accessToken)["locale"] == "FR")
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func setUserMetadataReplacesEditableFieldsOnly(_ db: TestDatabase) async throws {
        try await TestHost.run(
            db,
            settings: [
                ("signupFlow", "none"),
                ("metaData", #"[{"path":"profile.name","fieldName":"name","canEdit":true,"required":true},{"path":"plan","fieldName":"plan"}]"#),
            ]
        ) { t async throws in
            let accessToken = try await t.signUp("meta@example.com", metaData: #"{"profile":{"name":"A"},"plan":"free"}"#)
            let update = #"{"profile":{"name":"B"},"plan":"pro"}"#
            #expect(try await t.json("/api/appuser/setUserMetadata", .object(["metaData": .string(update)]), accessToken: accessToken).text == "true")
            let me = try await t.get("/api/appuser/getUser", accessToken: accessToken)
            #expect(me.object["metaData"] == .object(["profile": .object(["name": .string("B")]), "plan": .string("free")]))
            // A JSON client may also send the object itself.
            #expect(
                try await t.json(
                    "/api/appuser/setUserMetadata", .object(["metaData": .object(["profile": .object(["name": .string("C")])])]),
                    accessToken: accessToken
                ).text == "true")
            #expect(try await t.form("/api/appuser/setUserMetadata", [("metaData", "nope")], accessToken: accessToken).code == 604)
            #expect(
                try await t.form("/api/appuser/setUserMetadata", [("metaData", #"{"profile":{"name":null}}"#)], accessToken: accessToken).code == 604)
            let after = try await t.get("/api/appuser/getUser", accessToken: accessToken)
            #expect(after.object["metaData"]?.value(atPath: "profile.name") == .string("C"))
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func setUserNameAndAvailability(_ db: TestDatabase) async throws {
        try await TestHost.run(db, settings: [("signupFlow", "none")]) { t async throws in
            let first = try await t.signUp("one@example.com")
            let second = try await t.signUp("two@example.com")
            #expect(try await t.form("/api/appuser/setUserName", [("userName", "taken")], accessToken: first).code == 606)
            #expect(try await t.get("/api/appuser/userNameAvailable?userName=taken", accessToken: first).code == 606)
            _ = try await t.host.apps.setSetting(app: t.app.name, name: "userNamesEnabled", value: "true")

            #expect(try await t.get("/api/appuser/userNameAvailable?userName=taken", accessToken: first).object["available"] == .bool(true))
            #expect(try await t.form("/api/appuser/setUserName", [("userName", "Taken")], accessToken: first).text == "true")
            #expect(try await t.get("/api/appuser/userNameAvailable?userName=TAKEN", accessToken: second).object["available"] == .bool(false))
            #expect(try await t.form("/api/appuser/setUserName", [("userName", "taken")], accessToken: second).code == 605)
            #expect(try await t.form("/api/appuser/setUserName", [("userName", "no@at")], accessToken: second).code == 602)
            #expect(try await t.form("/api/appuser/setUserName", [("userName", "zero\u{200B}width")], accessToken: second).code == 602)
            #expect(try await t.form("/api/appuser/setUserName", [("userName", String(repeating: "n", count: 65))], accessToken: second).code == 602)
            // What the original took: spaces, accents, a leading digit; unique whatever the case.
            #expect(try await t.form("/api/appuser/setUserName", [("userName", " 2 Ëlan Vital ")], accessToken: second).text == "true")
            #expect(try await t.get("/api/appuser/getUser", accessToken: second)["userName"] == "2 ëlan vital")
            let third = try await t.signUp("three@example.com")
            #expect(try await t.form("/api/appuser/setUserName", [("userName", "2 ËLAN VITAL")], accessToken: third).code == 605)
            let byName = try await t.form("/api/appuser/login", [("handle", "2 Ëlan Vital"), ("password", md5("pass1234"))], appToken: t.token)
            #expect(byName["access-token"] != nil, "logs in by that name: \(byName.text)")
            #expect(try await t.form("/api/appuser/setUserName", [("userName", "other")], accessToken: first).code == 602)
            #expect(try await t.get("/api/appuser/getUser", accessToken: first)["userName"] == "taken")
        }
    }
}
