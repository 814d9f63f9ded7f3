import CosyncAuthCore
import CosyncAuthHost
import CosyncHostTestSupport
import Foundation
import Synchronization
import Testing

/// Opens once; everyone waiting, and everyone who comes later, goes on.
final class Latch: Sendable {
    private let state = Mutex<(open: Bool, waiting: [CheckedContinuation<Void, Never>])>((false, []))

    func wait() async {
        await withCheckedContinuation { continuation in
            let now = state.withLock { state in
                if state.open { return true }
                state.waiting.append(continuation)
                return false
            }
            if now { continuation.resume() }
        }
    }

    func open() {
        let waiting = state.withLock { state in
            state.open = true
            defer { state.waiting = [] }
            return state.waiting
        }
        for continuation in waiting { continuation.resume() }
    }
}

/// A password check that stops half-way until the test lets it go: the window in which a slow login
/// races an administrator.
struct HeldPasswordCheck: PasswordHasher {
    let base: any PasswordHasher
    let checking = Latch()
    let release = Latch()

    var decoyHash: String { base.decoyHash }
    func needsRehash(_ hash: String) -> Bool { base.needsRehash(hash) }
    func hash(_ password: String) async throws -> String { try await base.hash(password) }
    func verify(_ password: String, against hash: String) async throws -> Bool {
        checking.open()
        await release.wait()
        return try await base.verify(password, against: hash)
    }
}

/// What lands while a login is hashing is never undone by it, and a second signup or invitation never
/// replaces the first.
@Suite("user API: concurrent changes")
struct ConcurrentChangeTests {
    /// The host's account service, with a password check the test holds.
    func heldLogin(_ t: TestHost) -> (AccountService, HeldPasswordCheck) {
        let a = t.host.accounts
        let held = HeldPasswordCheck(base: a.passwords)
        return (
            AccountService(
                store: a.store, passwords: held, signer: a.signer, codes: a.codes, sealer: a.sealer, qrCodes: a.qrCodes,
                identityTokens: a.identityTokens,
                policy: a.policy), held
        )
    }

    /// Logs `handle` in with its password held half-way, lets `meanwhile` run, then lets the check go;
    /// answers what the login threw.
    func loginRacing(_ t: TestHost, _ handle: String, meanwhile: (UserAdministration) async throws -> Void) async throws -> (any Error)? {
        try await t.signUp(handle)
        let (accounts, held) = heldLogin(t)
        let app = t.app
        let login = Task { try await accounts.login(app: app, handle: handle, password: md5("pass1234")) }
        await held.checking.wait()
        try await meanwhile(t.host.users)
        held.release.open()
        do {
            _ = try await login.value
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func aSuspensionDuringALoginWins(_ db: TestDatabase) async throws {
        try await TestHost.run(db, settings: [("signupFlow", "none")]) { t async throws in
            let failure = try await loginRacing(t, "slow@example.com") {
                _ = try await $0.setStatus(app: t.app.name, user: "slow@example.com", status: .suspended)
            }
            #expect(failure as? AuthError == .userSuspended)
            #expect(try await t.host.storage.store.user(appId: t.app.id, handle: "slow@example.com")?.status == .suspended)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func aPasswordResetDuringALoginWins(_ db: TestDatabase) async throws {
        try await TestHost.run(db, settings: [("signupFlow", "none")]) { t async throws in
            let failure = try await loginRacing(t, "old@example.com") {
                _ = try await $0.setPassword(app: t.app.name, user: "old@example.com", passwordMD5: md5("new password"))
            }
            #expect(failure as? AuthError == .invalidCredentials)
            let again = try await t.form("/api/appuser/login", [("handle", "old@example.com"), ("password", md5("new password"))], appToken: t.token)
            #expect(again["access-token"] != nil, "the new password stands: \(again.text)")
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func aSecondSignupResendsTheCodeAndKeepsThePassword(_ db: TestDatabase) async throws {
        try await TestHost.run(db) { t async throws in
            #expect(
                try await t.form("/api/appuser/signup", [("handle", "mine@example.com"), ("password", md5("owner"))], appToken: t.token).text
                    == "true")
            #expect(
                try await t.form("/api/appuser/signup", [("handle", "mine@example.com"), ("password", md5("attacker"))], appToken: t.token).text
                    == "true")
            let mails = try await t.mail(to: "mine@example.com")
            #expect(mails.count == 2)
            let codes = mails.compactMap { $0.text.firstMatch(of: /\b\d{6}\b/).map { String($0.output) } }
            #expect(codes.count == 2 && codes[0] == codes[1], "the same code, sent again")
            #expect(
                try await t.form("/api/appuser/completeSignup", [("handle", "mine@example.com"), ("code", codes[0])], appToken: t.token)[
                    "access-token"] != nil)
            let theirs = try await t.form("/api/appuser/login", [("handle", "mine@example.com"), ("password", md5("attacker"))], appToken: t.token)
            #expect(theirs.code == 600)
            let mine = try await t.form("/api/appuser/login", [("handle", "mine@example.com"), ("password", md5("owner"))], appToken: t.token)
            #expect(mine["access-token"] != nil, "\(mine.text)")
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func anInvitationIsNotReplacedByAnother(_ db: TestDatabase) async throws {
        try await TestHost.run(
            db,
            settings: [
                ("signupFlow", "none"), ("invitationEnabled", "true"),
                ("metaDataInvite", #"[{"path":"team","fieldName":"team"}]"#),
            ]
        ) { t async throws in
            let first = try await t.signUp("first@example.com")
            let second = try await t.signUp("second@example.com")
            let invite = { (session: String, team: String) in
                try await t.form(
                    "/api/appuser/invite", [("handle", "guest@example.com"), ("metaData", #"{"team":"\#(team)"}"#)], accessToken: session)
            }
            #expect(try await invite(first, "red").text == "true")
            #expect(try await invite(second, "blue").code == 602, "another sender cannot replace it")
            #expect(try await invite(first, "blue").code == 602, "nor other metadata")
            #expect(try await invite(first, "red").text == "true", "the same invitation is sent again")
            let mails = try await t.mail(to: "guest@example.com")
            let codes = mails.compactMap { $0.text.firstMatch(of: /\b\d{6}\b/).map { String($0.output) } }
            #expect(codes.count == 2 && codes[0] == codes[1])
            let waiting = try await t.host.storage.store.invite(appId: t.app.id, handle: "guest@example.com")
            #expect(waiting?.metadata == JSONValue(jsonText: #"{"team":"red"}"#))
        }
    }
}

/// Counts the hashes and password checks a flow makes, and against which hash it checks.
final class CountingPasswordCheck: PasswordHasher {
    let base: any PasswordHasher
    let checked = Mutex<[String]>([])
    let hashed = Mutex(0)

    init(base: any PasswordHasher) { self.base = base }

    var decoyHash: String { base.decoyHash }
    func needsRehash(_ hash: String) -> Bool { base.needsRehash(hash) }
    func hash(_ password: String) async throws -> String {
        hashed.withLock { $0 += 1 }
        return try await base.hash(password)
    }
    func verify(_ password: String, against hash: String) async throws -> Bool {
        checked.withLock { $0.append(hash) }
        return try await base.verify(password, against: hash)
    }
}

@Suite("user API: what refused and repeated requests cost")
struct RequestCostTests {
    /// A locked account answers as a wrong password does, after a password check as costly (against the
    /// decoy hash), so response times do not tell an attacker which accounts are locked.
    @Test(arguments: TestDatabase.allCases)
    func aLockedAccountStillSpendsAPasswordCheck(_ db: TestDatabase) async throws {
        try await TestHost.run(db, settings: [("signupFlow", "none"), ("maxLoginAttempts", "1")]) { t async throws in
            try await t.signUp("locked@example.com")
            #expect(
                try await t.form("/api/appuser/login", [("handle", "locked@example.com"), ("password", md5("wrong"))], appToken: t.token).code == 600)
            let a = t.host.accounts
            let counting = CountingPasswordCheck(base: a.passwords)
            let accounts = AccountService(
                store: a.store, passwords: counting, signer: a.signer, codes: a.codes, sealer: a.sealer, qrCodes: a.qrCodes,
                identityTokens: a.identityTokens, policy: a.policy)
            await #expect(throws: AuthError.invalidCredentials) {
                try await accounts.login(app: t.app, handle: "locked@example.com", password: md5("pass1234"))
            }
            #expect(counting.checked.withLock { $0 } == [a.passwords.decoyHash], "one check, against the decoy")
        }
    }

    /// A flood of signups of one handle costs one hash: repeats resend the waiting code, and beyond the
    /// message limit they are refused before any hashing.
    @Test(arguments: TestDatabase.allCases)
    func repeatedSignupsOfOneHandleHashOnce(_ db: TestDatabase) async throws {
        try await TestHost.run(db) { t async throws in
            let a = t.host.accounts
            let counting = CountingPasswordCheck(base: a.passwords)
            let accounts = AccountService(
                store: a.store, passwords: counting, signer: a.signer, codes: a.codes, sealer: a.sealer, qrCodes: a.qrCodes,
                identityTokens: a.identityTokens, policy: a.policy)
            var refused = 0
            for n in 0..<8 {
                do {
                    _ = try await accounts.signup(app: t.app, handle: "flood@example.com", password: md5("pw\(n)"), metadata: nil, locale: nil)
                } catch let error as AuthError where error.code == 429 {
                    refused += 1
                }
            }
            #expect(refused == 3, "five messages an hour to one handle")
            #expect(counting.hashed.withLock { $0 } == 1)
        }
    }
}
