import CosyncAuthCore
import CosyncAuthCrypto
import CosyncAuthHost
import CosyncHostTestSupport
import Foundation
import HTTPTypes
import NIOCore
import Testing

/// Logins past the host's capacity to hash are refused before their first query: a flood leaves no
/// per-handle count and no audit entry behind for the logins it was refused, so it cannot lock anyone
/// out or fill the log, and it costs the host no database write.
@Suite("user API: logins past capacity")
struct LoginAdmissionTests {
    @Test(arguments: TestDatabase.allCases)
    func refusedLoginsLeaveNothingBehind(_ db: TestDatabase) async throws {
        // A verification long enough (tens of ms) that the parallel logins overlap, and no queue: only
        // one login per core is admitted at a time.
        let slowHashing: (inout HostConfiguration) -> Void = {
            $0.argon2 = Argon2PasswordHasher.Cost(memoryKiB: 32 * 1024, iterations: 2)
            $0.hashQueuePerCore = 0
        }
        try await TestHost.run(db, settings: [("signupFlow", "none")], options: slowHashing) { t async throws in
            let logins = System.coreCount * 3 + 6
            let handles = (0..<logins).map { "flood\($0)@example.com" }
            for handle in handles {
                _ = try await t.formRetryingWhenBusy("/api/appuser/signup", [("handle", handle), ("password", md5("pass1234"))], appToken: t.token)
            }
            // The logins and the probes below fall in one window of the per-handle count.
            let limit = t.host.accounts.policy.rateLimits.login
            let window = try await waitForRoomInWindow(of: limit.window)
            let answers = try await withThrowingTaskGroup(of: (String, TestHost.Answer).self) { group in
                for handle in handles {
                    group.addTask {
                        (handle, try await t.form("/api/appuser/login", [("handle", handle), ("password", md5("pass1234"))], appToken: t.token))
                    }
                }
                return try await group.reduce(into: [String: TestHost.Answer]()) { $0[$1.0] = $1.1 }
            }
            let refused = Set(answers.filter { $0.value.status == .serviceUnavailable }.keys)
            let admitted = Set(answers.filter { $0.value.status == .ok }.keys)
            #expect(refused.count + admitted.count == logins, "\(answers.values.map(\.text))")
            #expect(!refused.isEmpty, "\(logins) logins at once, \(System.coreCount) admitted at a time")
            #expect(!admitted.isEmpty)
            for handle in refused {
                #expect(answers[handle]?.code == 503 && answers[handle]?.headers[HTTPField.Name("retry-after")!] != nil)
            }

            // Each admitted login counted once toward its handle's limit; a refused one never did.
            let store = t.host.storage.store
            for handle in handles {
                let (hits, _) = try await store.hit(key: "login:\(t.app.id):\(handle)", window: limit.window, now: Date())
                #expect(hits == (admitted.contains(handle) ? 2 : 1), "\(handle)")
            }
            #expect(FixedWindow.start(at: Date(), length: limit.window) == window, "the logins and probes spanned two windows")
            // One audit entry per admitted login, none for the refused.
            let audited = try await store.auditEntries(appId: t.app.id, event: .login, actor: nil, after: nil, offset: 0, limit: 1_000)
            #expect(Set(audited.entries.compactMap(\.actor)) == admitted)
            #expect(audited.total == admitted.count)
        }
    }
}
