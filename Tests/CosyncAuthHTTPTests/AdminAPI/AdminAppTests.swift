import CosyncAuthCore
import CosyncAuthHost
import CosyncHostTestSupport
import Foundation
import HTTPTypes
import Testing

extension TestHost {
    /// An admin call with the host's server secret (or the one given).
    func admin(
        _ path: String, method: HTTPRequest.Method = .get, json body: JSONValue? = nil, secret: String? = nil
    ) async throws -> Answer {
        var headers = HTTPFields()
        headers[HTTPField.Name("server-secret")!] = secret ?? adminSecret
        if body != nil { headers[.contentType] = "application/json" }
        return try await send(path, method: method, headers: headers, body: body?.jsonText)
    }
}

@Suite("admin API: apps")
struct AdminAppTests {
    /// A NUL character (which PostgreSQL refuses in text) is the client's mistake in any parameter, in a
    /// form, a JSON body, a query or a path: 400, never 500. Found by the fuzzer.
    @Test(arguments: TestDatabase.allCases)
    func nulCharactersAreRefusedAsBadInput(_ db: TestDatabase) async throws {
        try await TestHost.run(db) { t async throws in
            let form = try await t.send(
                "/api/app/resetUserTwoFactor", method: .post,
                headers: [.init("server-secret")!: t.adminSecret, .contentType: "application/x-www-form-urlencoded"],
                body: "userId=a&appId=%C2%B4%00Z")
            #expect(form.status == .badRequest, "\(form.text)")
            let json = try await t.admin("/api/app/update", method: .post, json: .object(["appId": .string("x\u{0}y"), "name": .string("n")]))
            #expect(json.status == .badRequest, "\(json.text)")
            #expect(try await t.admin("/api/app/appId/a%00b").status == .badRequest)
            #expect(try await t.admin("/api/app/secrets/a%00b", method: .delete).status == .badRequest)
            let user = try await t.form("/api/appuser/login", [("handle", "a\u{0}@example.com"), ("password", md5("x"))], appToken: t.token)
            #expect(user.status == .badRequest && user.code == 602, "\(user.text)")
            let query = try await t.get("/api/appuser/userNameAvailable?userName=a%00b", appToken: t.token)
            #expect(query.status == .badRequest, "\(query.text)")
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func everyCallNeedsAServerSecret(_ db: TestDatabase) async throws {
        try await TestHost.run(db) { t async throws in
            let missing = try await t.send("/api/app/allApps", method: .get, headers: [:], body: nil)
            let wrong = try await t.admin("/api/app/allApps", secret: "ss_wrong")
            let appToken = try await t.send("/api/app/allApps", method: .get, headers: [.init("server-secret")!: t.token], body: nil)
            for answer in [missing, wrong, appToken] {
                #expect(answer.status == .unauthorized)
                #expect(answer.object["status"] == .string("Fails"))
                #expect(answer["message"] == "invalid server secret")
            }
            #expect(try await t.admin("/api/app/", method: .post, json: .object(["name": .string("Sneaky")]), secret: "nope").status == .unauthorized)
            #expect(try await t.host.apps.listApps().count == 1)

            // A revoked secret stops working at once.
            let other = try await t.host.serverSecrets.create(name: "temporary")
            #expect(try await t.admin("/api/app/allApps", secret: other).status == .ok)
            try await t.host.serverSecrets.revoke(name: "temporary")
            #expect(try await t.admin("/api/app/allApps", secret: other).status == .unauthorized)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func createListGetSearchUpdateDelete(_ db: TestDatabase) async throws {
        try await TestHost.run(db) { t async throws in
            let created = try await t.admin("/api/app/", method: .post, json: .object(["name": .string("Portal App")]))
            #expect(created.status == .ok, "\(created.text)")
            let appId = try #require(created["appId"])
            #expect(created["appSecret"]?.hasPrefix("as_") == true)
            #expect(created["publicKey"]?.contains("BEGIN PUBLIC KEY") == true)
            #expect(try await t.admin("/api/app/", method: .post, json: .object(["name": .string("Portal App")])).status == .conflict)
            #expect(try await t.admin("/api/app/", method: .post, json: .object([:])).status == .badRequest)

            let all = try await t.admin("/api/app/allApps")
            #expect(all.json?.arrayCount == 2)
            #expect(!all.text.contains("as_"), "secrets never listed")
            #expect(try await t.admin("/api/app/appId/\(appId)")["name"] == "Portal App")
            #expect(try await t.admin("/api/app/appId/00000000-0000-0000-0000-000000000000").status == .notFound)
            let search = try await t.admin("/api/app/search?name=portal")
            #expect(search.json?.arrayCount == 1)

            let bad = try await t.admin(
                "/api/app/update", method: .post,
                json: .object([
                    "appId": .string(appId), "signupFlow": .string("none"), "maxLoginAttempts": .string("lots"),
                ]))
            #expect(bad.status == .badRequest && bad["message"]?.contains("maxLoginAttempts") == true)
            #expect(try await t.host.apps.findApp(appId).settings.signupFlow == .code, "nothing half-applied")
            let good = try await t.admin(
                "/api/app/update", method: .post,
                json: .object([
                    "appId": .string(appId), "signupFlow": .string("none"), "maxLoginAttempts": .number(3),
                    "invitationEnabled": .bool(true),
                ]))
            #expect(good.status == .ok, "\(good.text)")
            let settings = try await t.host.apps.findApp(appId).settings
            #expect(settings.signupFlow == .none && settings.maxLoginAttempts == 3 && settings.invitationEnabled)

            let token = try #require(created["appToken"])
            #expect(try await t.admin("/api/app/\(appId)", method: .delete).text == "true")
            #expect(try await t.get("/api/appuser/getApplication", appToken: token).code == 400)
            #expect(try await t.admin("/api/app/\(appId)", method: .delete).status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func deletingAnAppTakesItsUsersWithIt(_ db: TestDatabase) async throws {
        try await TestHost.run(db, settings: [("signupFlow", "none")]) { t async throws in
            let session = try await t.signUp("gone-with-app@example.com")
            #expect(try await t.admin("/api/app/\(t.app.id.uuidString)", method: .delete).text == "true")
            #expect(try await t.get("/api/appuser/getUser", accessToken: session).code == 405)
            #expect(try await t.host.storage.store.user(appId: t.app.id, handle: "gone-with-app@example.com") == nil)
        }
    }
}

extension JSONValue {
    var arrayCount: Int? {
        if case .array(let items) = self { return items.count }
        return nil
    }
}
