import CosyncAuthCore
import CosyncAuthHost
import CosyncHostTestSupport
import Testing

/// Records kept once per key (a handle's pending signup or invite, a user's password reset) are
/// replaced when asked for again. Asked for by several requests at once, as two instances behind a
/// balancer or a double-tapped button do, each request still succeeds and one record remains.
@Suite("one key asked for at once")
struct ConcurrentReplacementTests {
    /// Within the per-handle message limit (5 an hour), with the code the member signs up with.
    static let parallel = 4

    @Test(arguments: TestDatabase.allCases)
    func parallelRequestsForOneHandleAllSucceed(_ db: TestDatabase) async throws {
        let settings = [("signupFlow", "code"), ("invitationEnabled", "true")]
        try await TestHost.run(db, settings: settings) { t async throws in
            let password = md5("pass1234")
            let signups = try await Self.atOnce {
                try await t.formRetryingWhenBusy("/api/appuser/signup", [("handle", "twice@example.com"), ("password", password)], appToken: t.token)
            }
            #expect(signups.allSatisfy { $0.text == "true" }, "\(signups.map(\.text))")
            #expect(try await t.host.storage.store.pendingSignups(appId: t.app.id, containing: "twice", offset: 0, limit: 10).total == 1)

            let member = try await t.signUpAfterCode("member@example.com", password: password)
            let resets = try await Self.atOnce {
                try await t.formRetryingWhenBusy("/api/appuser/forgotPassword", [("handle", "member@example.com")], appToken: t.token)
            }
            #expect(resets.allSatisfy { $0.text == "true" }, "\(resets.map(\.text))")

            let invites = try await Self.atOnce {
                try await t.formRetryingWhenBusy("/api/appuser/invite", [("handle", "guest@example.com"), ("metaData", "{}")], accessToken: member)
            }
            #expect(invites.allSatisfy { $0.text == "true" }, "\(invites.map(\.text))")
            #expect(try await t.host.storage.store.invites(appId: t.app.id, containing: "guest", offset: 0, limit: 10).total == 1)
        }
    }

    static func atOnce(_ call: @escaping @Sendable () async throws -> TestHost.Answer) async throws -> [TestHost.Answer] {
        try await withThrowingTaskGroup(of: TestHost.Answer.self) { group in
            for _ in 0..<parallel { group.addTask { try await call() } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
    }
}

extension TestHost {
    /// A user signed up through the code flow, logged in: answers their access token.
    fileprivate func signUpAfterCode(_ handle: String, password: String) async throws -> String {
        #expect(try await form("/api/appuser/signup", [("handle", handle), ("password", password)], appToken: token).text == "true")
        let code = try await code(sentTo: handle)
        return try #require(try await form("/api/appuser/completeSignup", [("handle", handle), ("code", code)], appToken: token)["access-token"])
    }
}
