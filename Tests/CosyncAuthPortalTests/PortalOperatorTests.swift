import CosyncAuthCore
import CosyncAuthCrypto
import CosyncAuthHost
import CosyncHostTestSupport
import Foundation
import Synchronization
import Testing

/// A clock the test moves by hand, so session ends come without waiting.
final class ManualClock: Sendable {
    private let current = Mutex(Date())
    func now() -> Date { current.withLock { $0 } }
    func advance(by seconds: TimeInterval) { current.withLock { $0 += seconds } }
}

/// Portal operators on a real database: login, lockout under parallel attempts, session ends, TOTP.
@Suite("portal: operators and sessions")
struct PortalOperatorTests {
    static let password = "correct horse battery"

    /// The host's operators service, on a clock the test moves.
    static func operators(_ t: TestHost, clock: ManualClock) -> PortalOperators {
        PortalOperators(
            store: t.host.storage.store, passwords: t.host.portalOperators.passwords,
            sealer: SodiumSecretSealer(masterKey: t.host.configuration.masterKey!), now: clock.now)
    }

    @Test(arguments: TestDatabase.allCases)
    func anOperatorLogsInAndOut(_ db: TestDatabase) async throws {
        try await TestHost.run(db) { t async throws in
            let operators = t.host.portalOperators
            try await operators.add(email: " Ops@Example.com ", password: Self.password)
            await #expect(throws: PortalFailure(.conflict, "an operator ops@example.com exists", field: "email")) {
                try await operators.add(email: "ops@example.com", password: Self.password)
            }
            await #expect(throws: PortalFailure.self) { try await operators.add(email: "short@example.com", password: "short") }
            await #expect(throws: PortalFailure.self) { try await operators.add(email: "not an address", password: Self.password) }

            let login = try await operators.login(email: "OPS@example.com", password: Self.password, code: nil)
            #expect(login.token.hasPrefix("ps_") && login.session.digest != login.token, "only the digest is stored")
            let live = try #require(try await operators.session(token: login.token))
            #expect(live.operator.email == "ops@example.com" && live.session.csrfToken == login.session.csrfToken)
            #expect(try await operators.session(token: "ps_forged") == nil)

            await #expect(throws: PortalFailure.badCredentials) { try await operators.login(email: "ops@example.com", password: "wrong", code: nil) }
            await #expect(throws: PortalFailure.badCredentials) {
                try await operators.login(email: "nobody@example.com", password: Self.password, code: nil)
            }

            try await operators.logout(token: login.token)
            #expect(try await operators.session(token: login.token) == nil)
            try await operators.remove(email: "ops@example.com")
            #expect(try await operators.list().isEmpty)
        }
    }

    /// Attempts in parallel, as an attacker sends them: the lockout holds, then even the right password
    /// is refused until it ends.
    @Test(arguments: TestDatabase.allCases)
    func parallelFailuresLockTheAccount(_ db: TestDatabase) async throws {
        try await TestHost.run(db) { t async throws in
            let clock = ManualClock()
            let operators = Self.operators(t, clock: clock)
            try await operators.add(email: "ops@example.com", password: Self.password)
            let answers = await withTaskGroup(of: PortalFailure.Reason?.self) { group in
                for _ in 0..<20 {
                    group.addTask {
                        // Refused while the host's password checks are all taken (503), an attacker tries again;
                        // a host that refused for ever would fail the expectation below, not hang the suite.
                        for _ in 0..<500 {
                            do {
                                _ = try await operators.login(email: "ops@example.com", password: "wrong password", code: nil)
                                return nil
                            } catch let failure as PortalFailure {
                                return failure.reason
                            } catch let busy as AuthError where busy.retryAfter != nil {
                                try? await Task.sleep(for: .milliseconds(10))
                            } catch {
                                return nil
                            }
                        }
                        return nil
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            #expect(answers.allSatisfy { $0 == .badCredentials || $0 == .locked }, "\(answers)")
            #expect(answers.contains(.locked))
            let stored = try #require(try await t.host.storage.store.portalOperator(email: "ops@example.com"))
            #expect(stored.failedLogins >= operators.policy.lockAfterFailures && stored.lockedUntil != nil)
            await #expect(throws: PortalFailure.self) { try await operators.login(email: "ops@example.com", password: Self.password, code: nil) }

            clock.advance(by: operators.policy.lockoutDuration + 1)
            _ = try await operators.login(email: "ops@example.com", password: Self.password, code: nil)
            #expect(try await t.host.storage.store.portalOperator(email: "ops@example.com")?.failedLogins == 0)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func sessionsEndWhenIdleAndAtTheirLimit(_ db: TestDatabase) async throws {
        try await TestHost.run(db) { t async throws in
            let clock = ManualClock()
            let operators = Self.operators(t, clock: clock)
            try await operators.add(email: "ops@example.com", password: Self.password)

            let idle = try await operators.login(email: "ops@example.com", password: Self.password, code: nil).token
            clock.advance(by: operators.policy.idleTimeout - 60)
            #expect(try await operators.session(token: idle) != nil, "used just in time")
            clock.advance(by: operators.policy.idleTimeout + 1)
            #expect(try await operators.session(token: idle) == nil, "idle too long")

            let busy = try await operators.login(email: "ops@example.com", password: Self.password, code: nil).token
            var elapsed: TimeInterval = 0
            while elapsed + 600 < operators.policy.absoluteTimeout {
                clock.advance(by: 600)
                elapsed += 600
                #expect(try await operators.session(token: busy) != nil)
            }
            clock.advance(by: 601)
            #expect(try await operators.session(token: busy) == nil, "ended at its absolute limit, however active")

            // A session never used again is removed by housekeeping once past its end.
            let forgotten = try await operators.login(email: "ops@example.com", password: Self.password, code: nil).session.digest
            let store = t.host.storage.store
            #expect(try await store.pruneExpired(now: clock.now(), cutoff: clock.now().addingTimeInterval(-86_400)) == 0)
            #expect(try await store.portalSession(digest: forgotten) != nil)
            _ = try await store.pruneExpired(now: clock.now().addingTimeInterval(operators.policy.absoluteTimeout + 1), cutoff: clock.now())
            #expect(try await store.portalSession(digest: forgotten) == nil)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func anAuthenticatorCodeIsRequiredWhenSet(_ db: TestDatabase) async throws {
        try await TestHost.run(db) { t async throws in
            let operators = t.host.portalOperators
            let secret = TOTP.newSecret()
            try await operators.add(email: "ops@example.com", password: Self.password, totpSecret: secret)
            let stored = try #require(try await t.host.storage.store.portalOperator(email: "ops@example.com"))
            #expect(stored.sealedTOTPSecret != nil && stored.sealedTOTPSecret != Data(secret).base64EncodedString(), "sealed at rest")
            await #expect(throws: PortalFailure.badCredentials) {
                try await operators.login(email: "ops@example.com", password: Self.password, code: nil)
            }
            await #expect(throws: PortalFailure.badCredentials) {
                try await operators.login(email: "ops@example.com", password: Self.password, code: "000000")
            }
            let totp = TOTP(secret: secret)
            let code = totp.code(step: totp.step(at: Date()))
            _ = try await operators.login(email: "ops@example.com", password: Self.password, code: code)
            await #expect(throws: PortalFailure.badCredentials, "a code works once") {
                try await operators.login(email: "ops@example.com", password: Self.password, code: code)
            }
            // The next code, sent by several logins at once (a code seen over a shoulder, replayed at
            // once): exactly one gets in.
            let next = totp.code(step: totp.step(at: Date()) + 1)
            let logins = await withTaskGroup(of: Bool.self) { group in
                for _ in 0..<8 {
                    group.addTask { (try? await operators.login(email: "ops@example.com", password: Self.password, code: next)) != nil }
                }
                return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(logins == 1)
        }
    }
}
