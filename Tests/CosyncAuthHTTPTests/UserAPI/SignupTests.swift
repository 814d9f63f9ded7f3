import CosyncAuthCore
import CosyncAuthHost
import CosyncHostTestSupport
import Foundation
import Testing

@Suite("signup")
struct SignupTests {
    @Test(arguments: TestDatabase.allCases)
    func noneFlowAnswersTokensAndCode(_ db: TestDatabase) async throws {
        try await TestHost.run(db, settings: [("signupFlow", "none")]) { t async throws in
            let answer = try await t.form("/api/appuser/signup", [("handle", "new@example.com"), ("password", md5("pw"))], appToken: t.token)
            #expect(answer.status == .ok)
            #expect(answer["jwt"] != nil && answer["access-token"] != nil)
            guard case .number(let code)? = answer.object["code"] else {
                Issue.record("no code in \(answer.text)")
                return
            }
            #expect((100_000...999_999).contains(Int(code)))
            let user = try #require(try await t.host.storage.store.user(appId: t.app.id, handle: "new@example.com"))
            #expect(user.passwordHash?.hasPrefix("$argon2id$") == true)
            #expect(user.passwordHash?.contains(md5("pw")) == false)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func codeFlowStoresAPendingSignup(_ db: TestDatabase) async throws {
        try await TestHost.run(db) { t async throws in
            let answer = try await t.json(
                "/api/appuser/signup",
                .object([
                    "handle": .string("Later@Example.com"), "password": .string(md5("pw")), "locale": .string("en"),
                ]), appToken: t.token)
            #expect(answer.text == "true")
            let pending = try #require(try await t.host.storage.store.pendingSignup(appId: t.app.id, handle: "later@example.com"))
            #expect(pending.codeDigest.count == 64)
            #expect(pending.expiresAt.timeIntervalSince(pending.createdAt) == 48 * 3600)
            #expect(try await t.host.storage.store.user(appId: t.app.id, handle: "later@example.com") == nil)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func badInputIsRefusedAndChangesNothing(_ db: TestDatabase) async throws {
        try await TestHost.run(
            db,
            settings: [
                ("signupFlow", "none"),
                ("metaData", #"[{"path":"user_data.name","fieldName":"name","required":true}]"#),
            ]
        ) { t async throws in
            let good = #"{"user_data":{"name":"Ann"}}"#
            func signup(_ params: [(String, String)]) async throws -> Int? {
                try await t.form("/api/appuser/signup", params, appToken: t.token).code
            }
            #expect(try await signup([("handle", "x@example.com"), ("password", "plain"), ("metaData", good)]) == 602)
            #expect(try await signup([("handle", "not-an-email"), ("password", md5("pw")), ("metaData", good)]) == 602)
            #expect(try await signup([("handle", "x@example.com"), ("password", md5("pw")), ("metaData", "{not json")]) == 604)
            #expect(try await signup([("handle", "x@example.com"), ("password", md5("pw")), ("metaData", "{}")]) == 604)
            #expect(try await signup([("handle", "x@example.com"), ("password", md5("pw")), ("metaData", good), ("locale", "FR")]) == 602)
            #expect(try await signup([("password", md5("pw"))]) == 403)
            #expect(try await t.host.storage.store.user(appId: t.app.id, handle: "x@example.com") == nil)

            let malformed = try await t.send(
                "/api/appuser/signup", method: .post,
                headers: [.init("app-token")!: t.token, .contentType: "application/json"], body: #"{"handle": "#)
            #expect(malformed.code == 602)
            let oversized = try await t.send(
                "/api/appuser/signup", method: .post,
                headers: [.init("app-token")!: t.token],
                body: "handle=big@example.com&password=\(md5("pw"))&metaData=" + String(repeating: "a", count: 1_100_000))
            #expect(oversized.status == .badRequest)
            #expect(oversized.code == 602)
            #expect(try await t.host.storage.store.user(appId: t.app.id, handle: "big@example.com") == nil)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func duplicateAndDisabledSignups(_ db: TestDatabase) async throws {
        try await TestHost.run(db, settings: [("signupFlow", "none")]) { t async throws in
            try await t.signUp("dup@example.com")
            let again = try await t.form("/api/appuser/signup", [("handle", "DUP@example.com"), ("password", md5("pw"))], appToken: t.token)
            #expect(again.code == 601)
            _ = try await t.host.apps.setSetting(app: t.app.name, name: "signupEnabled", value: "false")
            let off = try await t.form("/api/appuser/signup", [("handle", "off@example.com"), ("password", md5("pw"))], appToken: t.token)
            #expect(off.code == 407)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func concurrentSignupsOfOneHandleCreateOneUser(_ db: TestDatabase) async throws {
        try await TestHost.run(db, settings: [("signupFlow", "none")]) { t async throws in
            let codes = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<12 {
                    group.addTask {
                        let answer = try await t.formRetryingWhenBusy(
                            "/api/appuser/signup", [("handle", "race@example.com"), ("password", md5("pw"))], appToken: t.token)
                        return answer.status == .ok ? 0 : (answer.code ?? -1)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(codes.filter { $0 == 0 }.count == 1, "\(codes)")
            #expect(codes.filter { $0 == 601 }.count == 11, "\(codes)")
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func onlyDeclaredMetadataIsKeptAndBecomesClaims(_ db: TestDatabase) async throws {
        try await TestHost.run(
            db,
            settings: [
                ("signupFlow", "none"), ("realmAppId", "my-realm"),
                ("metaData", #"[{"path":"user_data.name","fieldName":"name","required":true},{"path":"sub","fieldName":"sub"}]"#),
            ]
        ) { t async throws in
            let meta = #"{"user_data":{"name":"Ann","extra":1},"role":"admin","sub":"someone-else"}"#
            let answer = try await t.form(
                "/api/appuser/signup", [("handle", "ann@example.com"), ("password", md5("pw")), ("metaData", meta)], appToken: t.token)
            let claims = try await verifiedClaims(try #require(answer["jwt"]), publicKeyPEM: t.app.publicKeyPEM)
            #expect(claims["sub"] == .string("ann@example.com"))
            #expect(claims["aud"] == .string("my-realm"))
            #expect(claims["email"] == .string("ann@example.com"))
            #expect(claims["user_data"] == .object(["name": .string("Ann")]))
            #expect(claims["role"] == nil)
            guard case .number(let iat)? = claims["iat"], case .number(let exp)? = claims["exp"] else {
                Issue.record("no iat/exp")
                return
            }
            #expect(exp - iat == 24 * 3600)
            #expect(abs(iat - Date().timeIntervalSince1970) < 60)
        }
    }
}
