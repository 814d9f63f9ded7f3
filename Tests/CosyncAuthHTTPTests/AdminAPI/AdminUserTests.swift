import CosyncAuthCore
import CosyncAuthHost
import CosyncHostTestSupport
import Foundation
import Testing

@Suite("admin API: users")
struct AdminUserTests {
    @Test(arguments: TestDatabase.allCases)
    func suspensionCutsOffALiveAccessToken(_ db: TestDatabase) async throws {
        try await TestHost.run(db, settings: [("signupFlow", "none")]) { t async throws in
            let session = try await t.signUp("live@example.com")
            #expect(try await t.get("/api/appuser/getUser", accessToken: session).status == .ok)
            let found = try await t.admin("/api/app/searchUser?appId=\(t.app.id.uuidString)&value=live")
            let userId = try #require(found.json.flatMap { if case .array(let a) = $0 { a.first?.objectValue?["userId"]?.stringValue } else { nil } })

            let suspended = try await t.admin(
                "/api/app/user", method: .post,
                json: .object([
                    "appId": .string(t.app.id.uuidString), "userId": .string(userId), "status": .string("suspend"),
                ]))
            #expect(suspended["status"] == "suspended")
            #expect(try await t.get("/api/appuser/getUser", accessToken: session).code == 405)
            #expect(
                try await t.form("/api/appuser/login", [("handle", "live@example.com"), ("password", md5("pass1234"))], appToken: t.token).code == 404
            )

            _ = try await t.admin(
                "/api/app/user", method: .post,
                json: .object([
                    "appId": .string(t.app.id.uuidString), "userId": .string(userId), "status": .string("active"),
                ]))
            #expect(
                try await t.form("/api/appuser/login", [("handle", "live@example.com"), ("password", md5("pass1234"))], appToken: t.token).status
                    == .ok)
            #expect(
                try await t.admin(
                    "/api/app/user", method: .post,
                    json: .object([
                        "appId": .string(t.app.id.uuidString), "userId": .string(userId), "status": .string("banned"),
                    ])
                ).status == .badRequest)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func addSearchResetEditAndRemove(_ db: TestDatabase) async throws {
        try await TestHost.run(db, settings: [("signupFlow", "none"), ("anonymousLoginEnabled", "true")]) { t async throws in
            let appId = t.app.id.uuidString
            let added = try await t.admin(
                "/api/app/addUser", method: .post,
                json: .object([
                    "appId": .string(appId), "handle": .string("Added@Example.com"), "password": .string(md5("first")),
                ]))
            #expect(added["handle"] == "added@example.com", "\(added.text)")
            #expect(
                try await t.admin(
                    "/api/app/addUser", method: .post,
                    json: .object([
                        "appId": .string(appId), "handle": .string("added@example.com"), "password": .string(md5("x")),
                    ])
                ).status == .conflict)
            #expect(
                try await t.admin(
                    "/api/app/addUser", method: .post,
                    json: .object([
                        "appId": .string(appId), "handle": .string("plain@example.com"), "password": .string("plaintext"),
                    ])
                ).status == .badRequest)
            _ = try await t.form("/api/appuser/loginAnonymous", [("handle", "ANON_admin-test")], appToken: t.token)

            let all = try await t.admin("/api/app/searchUser?appId=\(appId)&value=")
            #expect(all.json?.arrayCount == 2)
            #expect(try await t.admin("/api/app/searchUser?appId=\(appId)&value=&hideAnonUser=true").json?.arrayCount == 1)
            #expect(try await t.admin("/api/app/searchUser?appId=\(appId)&value=&limit=1&offset=1").json?.arrayCount == 1)
            let stat = try await t.admin("/api/app/stat?appId=\(appId)")
            #expect(stat.object["totalUser"] == .number(2) && stat.object["totalAnonUser"] == .number(1))

            let session = try #require(
                try await t.form("/api/appuser/login", [("handle", "added@example.com"), ("password", md5("first"))], appToken: t.token)[
                    "access-token"])
            #expect(
                try await t.admin(
                    "/api/app/resetUserPassword", method: .post,
                    json: .object([
                        "appId": .string(appId), "userId": .string("added@example.com"), "hashValue": .string(md5("second")),
                    ])
                ).text == "true")
            #expect(try await t.get("/api/appuser/getUser", accessToken: session).code == 405, "a password reset revokes sessions")
            #expect(
                try await t.form("/api/appuser/login", [("handle", "added@example.com"), ("password", md5("second"))], appToken: t.token).status
                    == .ok)

            #expect(
                try await t.admin(
                    "/api/app/updateAppUserMetaData", method: .post,
                    json: .object([
                        "appId": .string(appId), "handle": .string("added@example.com"), "metaData": .object(["plan": .string("pro")]),
                    ])
                ).text == "true")
            #expect(try await t.host.storage.store.user(appId: t.app.id, handle: "added@example.com")?.metadata == .object(["plan": .string("pro")]))
            #expect(
                try await t.admin(
                    "/api/app/updateAppUserMetaData", method: .post,
                    json: .object([
                        "appId": .string(appId), "handle": .string("nobody@example.com"), "metaData": .object([:]),
                    ])
                ).status == .notFound)

            #expect(
                try await t.admin(
                    "/api/app/removeUser", method: .post,
                    json: .object([
                        "appId": .string(appId), "handle": .string("added@example.com"),
                    ]))["handle"] == "added@example.com")
            #expect(try await t.host.storage.store.user(appId: t.app.id, handle: "added@example.com") == nil)
        }
    }

    /// A search finds handles and user names by their start, in any case, anonymous handles included;
    /// `match=contains` finds the text anywhere. Both engines answer the same users in the same order.
    @Test(arguments: TestDatabase.allCases)
    func searchByTheStartOfAHandleOrUserName(_ db: TestDatabase) async throws {
        let settings = [("signupFlow", "none"), ("userNamesEnabled", "true"), ("anonymousLoginEnabled", "true")]
        try await TestHost.run(db, settings: settings) { t async throws in
            for handle in ["jane@example.com", "janet@example.org", "mary.jane@example.com", "jan-e@example.com", "zed@example.com"] {
                _ = try await t.signUp(handle)
            }
            let named = try await t.form("/api/appuser/login", [("handle", "zed@example.com"), ("password", md5("pass1234"))], appToken: t.token)
            let zedToken = try #require(named["access-token"])
            #expect(try await t.form("/api/appuser/setUserName", [("userName", "JaneFan")], accessToken: zedToken).text == "true")
            #expect(try await t.form("/api/appuser/loginAnonymous", [("handle", "ANON_AB12CD")], appToken: t.token).status == .ok)

            func handles(_ query: String) async throws -> [String] {
                let answer = try await t.admin("/api/app/searchUser?appId=\(t.app.id.uuidString)&\(query)")
                #expect(answer.status == .ok, "\(query): \(answer.text)")
                return answer.items.compactMap { $0["handle"]?.stringValue }
            }
            #expect(try await handles("value=jane") == ["jane@example.com", "janet@example.org", "zed@example.com"])
            #expect(try await handles("value=%20JANE") == ["jane@example.com", "janet@example.org", "zed@example.com"])
            #expect(try await handles("value=jane@") == ["jane@example.com"])
            #expect(try await handles("value=jan-") == ["jan-e@example.com"])
            #expect(try await handles("value=janefan") == ["zed@example.com"])
            #expect(try await handles("value=example.com").isEmpty)
            #expect(try await handles("value=anon_ab") == ["ANON_AB12CD"])
            #expect(try await handles("value=ANON_AB12") == ["ANON_AB12CD"])
            #expect(try await handles("value=an") == ["ANON_AB12CD"])
            #expect(try await handles("value=anon_ab&hideAnonUser=true").isEmpty)
            #expect(
                try await handles("value=jane&match=contains")
                    == ["jane@example.com", "janet@example.org", "mary.jane@example.com", "zed@example.com"])
            #expect(try await handles("value=EXAMPLE.COM&match=contains").count == 4)
            let everyone = try await handles("value=&match=contains")
            #expect(try await handles("value=") == everyone)
            #expect(try await handles("value=").count == 6)

            let (paged, headers) = try await t.adminWithHeaders("/api/app/searchUser?appId=\(t.app.id.uuidString)&value=jan&limit=1&offset=1")
            #expect(paged.items.compactMap { $0["handle"]?.stringValue } == ["jane@example.com"])
            #expect(headers.totalCount == 4)
            let wrong = try await t.admin("/api/app/searchUser?appId=\(t.app.id.uuidString)&value=jane&match=regex")
            #expect(wrong.status == .badRequest && wrong["message"]?.contains("match is prefix or contains") == true)
        }
    }
}
