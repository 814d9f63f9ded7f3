import CosyncAuthCore
import CosyncAuthCrypto
import CosyncAuthHost
import CosyncAuthStorage
import CosyncHostTestSupport
import Foundation
import Logging
import Testing

@Suite("storage")
struct StorageTests {
    let logger = Logger(label: "test")

    @Test(arguments: TestDatabase.allCases)
    func instancesStartingTogetherMigrateOnce(_ db: TestDatabase) async throws {
        let url = try db.makeURL()
        // Every opened storage is shut down whatever the others did: one dropped open ends the process.
        let opened = await withTaskGroup(of: Result<Storage, any Error>.self) { group in
            for _ in 0..<(db == .postgres ? 4 : 1) {
                group.addTask {
                    do { return .success(try await Storage.open(url, logger: logger)) } catch { return .failure(error) }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        for result in opened {
            switch result {
            case .success(let storage):
                #expect(await storage.isReachable())
                await storage.shutdown()
            case .failure(let error):
                Issue.record("an instance failed to start: \(String(reflecting: error))")
            }
        }
        let reopened = try await Storage.open(url, logger: logger)
        #expect(try await reopened.store.apps().isEmpty)
        await reopened.shutdown()
    }

    @Test(arguments: TestDatabase.allCases)
    func anotherMasterKeyIsRefused(_ db: TestDatabase) async throws {
        let url = try db.makeURL()
        let storage = try await Storage.open(url, logger: logger)
        let key = SodiumSecretSealer(masterKey: .generate())
        try await storage.checkMasterKey(key)
        try await storage.checkMasterKey(key)
        await #expect(throws: SealError.self) { try await storage.checkMasterKey(SodiumSecretSealer(masterKey: .generate())) }
        await storage.shutdown()
    }

    @Test func databaseURLs() throws {
        #expect(try DatabaseURL("sqlite:data/a.sqlite").location == "data/a.sqlite")
        let pg = try DatabaseURL("postgres://u:secret@db:5433/app?schema=auth_1&sslmode=require")
        #expect(pg.engine == .postgres && pg.schema == "auth_1")
        #expect(pg.location == "postgres://u:secret@db:5433/app?sslmode=require")
        #expect(!pg.description.contains("secret"))
        #expect(try DatabaseURL("postgresql://u@db/app").schema == "cosync_auth")
        for bad in ["mysql://x", "sqlite:", "postgres://db/app", "postgres://u@db/app?schema=Bad-Name", ""] {
            #expect(throws: DatabaseURL.Invalid.self, "\(bad)") { try DatabaseURL(bad) }
        }
    }
}

@Suite("storage: housekeeping")
struct HousekeepingTests {
    @Test(arguments: TestDatabase.allCases)
    func spentAndOldRecordsGoFreshOnesStay(_ db: TestDatabase) async throws {
        try await TestHost.run(db, settings: [("signupFlow", "none")]) { t async throws in
            let store = t.host.storage.store
            _ = try await t.signUp("keeper@example.com")
            let user = try #require(try await store.user(appId: t.app.id, handle: "keeper@example.com"))
            let now = Date()
            let day: TimeInterval = 86_400
            try await store.save(
                LoginChallenge(digest: "spent", userId: user.id, appId: t.app.id, factor: .authenticator, codeDigest: nil, expiresAt: now - 1))
            try await store.save(
                LoginChallenge(digest: "live", userId: user.id, appId: t.app.id, factor: .authenticator, codeDigest: nil, expiresAt: now + 300))
            try await store.save(
                PendingSignup(
                    appId: t.app.id, handle: "old@example.com", passwordHash: "h", metadata: .emptyObject, locale: "EN", codeDigest: "d",
                    createdAt: now - 100 * day, expiresAt: now - 98 * day))
            try await store.save(
                PendingSignup(
                    appId: t.app.id, handle: "recent@example.com", passwordHash: "h", metadata: .emptyObject, locale: "EN", codeDigest: "d",
                    createdAt: now - 3 * day, expiresAt: now - 1 * day))
            var sent = OutboxMessage(
                appId: t.app.id, recipient: "a@example.com", subject: "s", text: "t", html: nil, nextAttemptAt: now, createdAt: now - 100 * day)
            sent.status = .sent
            let waiting = OutboxMessage(
                appId: t.app.id, recipient: "b@example.com", subject: "s", text: "t", html: nil, nextAttemptAt: now, createdAt: now - 100 * day)
            try await store.enqueue(sent)
            try await store.enqueue(waiting)
            try await store.insert(
                AccessTokenRecord(digest: "expired-token", userId: user.id, appId: t.app.id, createdAt: now - 31 * day, expiresAt: now - 1))

            let removed = try await store.pruneExpired(now: now, cutoff: now - 90 * day)
            #expect(removed == 4)
            #expect(try await store.accessToken(digest: "expired-token") == nil, "expired access tokens go")
            #expect(try await store.loginChallenge(digest: "spent") == nil)
            #expect(try await store.loginChallenge(digest: "live") != nil)
            #expect(try await store.pendingSignup(appId: t.app.id, handle: "old@example.com") == nil)
            #expect(try await store.pendingSignup(appId: t.app.id, handle: "recent@example.com") != nil, "an operator still sees it expired")
            let left = try await store.outboxMessages(status: nil, limit: 100).map(\.recipient)
            #expect(left.contains("b@example.com") && !left.contains("a@example.com"), "a message not yet delivered is never pruned")
        }
    }

    /// Without an SMTP server emails cannot go; after a while they fail, codes erased, instead of
    /// reaching people with stale codes once a server is configured. Text messages are not touched.
    @Test(arguments: TestDatabase.allCases)
    func emailsWaitingWithoutSMTPFailAfterAWhile(_ db: TestDatabase) async throws {
        try await TestHost.run(db) { t async throws in
            let store = t.host.storage.store
            let now = Date()
            let old = OutboxMessage(
                appId: t.app.id, recipient: "old@example.com", subject: "s", text: "code 123456", html: "<p>123456</p>", nextAttemptAt: now,
                createdAt: now - 7_200)
            let fresh = OutboxMessage(
                appId: t.app.id, recipient: "fresh@example.com", subject: "s", text: "code 654321", html: nil, nextAttemptAt: now, createdAt: now - 60
            )
            let sms = OutboxMessage(
                appId: t.app.id, recipient: "+14155550123", subject: "SMS", text: "code 111111", html: nil, nextAttemptAt: now,
                createdAt: now - 7_200, channel: .sms)
            for message in [old, fresh, sms] { try await store.enqueue(message) }
            #expect(try await store.failUndelivered(channel: .email, createdBefore: now - 3_600, reason: "no SMTP") == 1)
            let all = try await store.outboxMessages(status: nil, limit: 10)
            let failed = try #require(all.first { $0.recipient == "old@example.com" })
            #expect(failed.status == .failed && failed.lastError == "no SMTP" && !failed.text.contains("123456") && failed.html == nil)
            #expect(all.first { $0.recipient == "fresh@example.com" }?.status == .pending)
            #expect(all.first { $0.recipient == "+14155550123" }?.status == .pending)
        }
    }
}

/// The read every access-token call makes is plain SQL beside the models: it must answer exactly what
/// the models read, every column of a user and an app, or a new column would be silently left out.
@Suite("storage: access token with its owner")
struct TokenOwnerTests {
    @Test(arguments: TestDatabase.allCases)
    func theJoinedReadMatchesTheModels(_ db: TestDatabase) async throws {
        try await TestHost.run(db, settings: [("realmAppId", "realm-1"), ("maxLoginAttempts", "3")]) { t async throws in
            let store = t.host.storage.store
            let now = Date()
            let user = User(
                appId: t.app.id, handle: "full@example.com", userName: "full_user", passwordHash: "hash", status: .active, locale: "FR",
                metadata: .object(["team": .string("blue"), "n": .number(3)]), loginProvider: .apple, socialUserId: "apple-sub-1",
                phone: "+14155550123", phoneVerified: true, twoFactorPhoneVerification: true, twoFactorGoogleVerification: false,
                createdAt: now - 3_600, updatedAt: now - 60, lastLogin: now - 30, failedLogins: 2, lockedUntil: now + 600)
            try await store.insert(user)
            let record = AccessTokenRecord(digest: "digest-full", userId: user.id, appId: t.app.id, createdAt: now, expiresAt: now + 86_400)
            try await store.insert(record)
            let joined = try #require(try await store.accessTokenWithOwner(digest: "digest-full"))
            #expect(joined.token == (try await store.accessToken(digest: "digest-full")))
            #expect(joined.user == (try await store.user(id: user.id)))
            #expect(joined.app == (try await store.app(id: t.app.id)))
            #expect(joined.app.settings.realmAppId == "realm-1" && joined.user.userName == "full_user")
            #expect(try await store.accessTokenWithOwner(digest: "no-such-digest") == nil)
        }
    }
}
