public import Foundation

/// The portal's operators and their browser sessions: added from the command line (never through the
/// web), logged in with email, password and an optional authenticator code, locked out after repeated
/// failures, and kept logged in by a session with an idle and an absolute end.
public struct PortalOperators: Sendable {
    public struct Policy: Sendable {
        public var minimumPasswordLength = 12
        public var lockAfterFailures = 5
        public var lockoutDuration: TimeInterval = 15 * 60
        /// A session unused this long ends.
        public var idleTimeout: TimeInterval = 30 * 60
        /// A session ends this long after login, however active.
        public var absoluteTimeout: TimeInterval = 12 * 3600
        /// The last-seen time is written at most this often, not on every page.
        public var touchInterval: TimeInterval = 60
        public init() {}
    }

    /// A session just made: the cookie's token (shown to the browser only) and the session.
    public struct NewSession: Sendable {
        public var token: String
        public var session: PortalSession
    }

    let store: any PortalRepository
    public let passwords: any PasswordHasher
    let sealer: any SecretSealer
    public let policy: Policy
    let now: @Sendable () -> Date

    public init(
        store: any PortalRepository, passwords: any PasswordHasher, sealer: any SecretSealer, policy: Policy = Policy(),
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store
        self.passwords = passwords
        self.sealer = sealer
        self.policy = policy
        self.now = now
    }

    public func list() async throws -> [PortalOperator] {
        try await store.portalOperators().sorted { $0.email < $1.email }
    }

    /// Adds an operator; with `totp`, the authenticator secret their logins must match.
    @discardableResult
    public func add(email rawEmail: String, password: String, totpSecret: [UInt8]? = nil) async throws -> PortalOperator {
        let email = try Self.email(rawEmail)
        guard password.count >= policy.minimumPasswordLength else {
            throw PortalFailure(.invalid, "the password needs at least \(policy.minimumPasswordLength) characters", field: "password")
        }
        let record = PortalOperator(
            id: UUID(), email: email, passwordHash: try await passwords.hash(password),
            sealedTOTPSecret: try totpSecret.map { try sealer.seal(Data($0).base64EncodedString()) }, createdAt: now())
        do {
            try await store.insert(record)
        } catch StoreConflict.operatorEmail {
            throw PortalFailure(.conflict, "an operator \(email) exists", field: "email")
        }
        return record
    }

    /// Removes an operator and ends their sessions.
    public func remove(email rawEmail: String) async throws {
        guard let record = try await store.portalOperator(email: try Self.email(rawEmail)) else {
            throw PortalFailure(.notFound, "no operator \(rawEmail)")
        }
        try await store.deletePortalSessions(operatorId: record.id)
        try await store.deletePortalOperator(id: record.id)
    }

    /// Checks the credentials and opens a session. Unknown address, wrong password and wrong code get the
    /// same answer, and an unknown address costs a hash like a known one.
    public func login(email rawEmail: String, password: String, code: String?) async throws -> NewSession {
        let email = rawEmail.trimmingCharacters(in: .whitespaces).lowercased()
        guard let record = try await store.portalOperator(email: email) else {
            _ = try await passwords.verify(password, against: passwords.decoyHash)
            throw PortalFailure.badCredentials
        }
        let time = now()
        if let until = record.lockedUntil, until > time { throw locked(until: until, at: time) }
        guard try await passwords.verify(password, against: record.passwordHash), try await codeMatches(code, record, at: time) else {
            let until = time.addingTimeInterval(policy.lockoutDuration)
            if try await store.recordOperatorFailure(id: record.id, lockAfter: policy.lockAfterFailures, lockUntil: until) {
                throw locked(until: until, at: time)
            }
            throw PortalFailure.badCredentials
        }
        if record.failedLogins > 0 { try await store.clearOperatorFailures(id: record.id) }
        let token = RandomToken.make(prefix: "ps_")
        let session = PortalSession(
            digest: RandomToken.digest(token), operatorId: record.id, csrfToken: RandomToken.make(), createdAt: time, lastSeenAt: time,
            expiresAt: time.addingTimeInterval(policy.absoluteTimeout))
        try await store.insert(session)
        return NewSession(token: token, session: session)
    }

    /// The live session a cookie's token names, with its operator; nil when there is none, it ended, or
    /// its operator is gone. Ended sessions are removed.
    public func session(token: String) async throws -> (session: PortalSession, operator: PortalOperator)? {
        let digest = RandomToken.digest(token)
        guard let session = try await store.portalSession(digest: digest) else { return nil }
        let time = now()
        guard time < session.expiresAt, time.timeIntervalSince(session.lastSeenAt) < policy.idleTimeout,
            let record = try await store.portalOperator(id: session.operatorId)
        else {
            try await store.deletePortalSession(digest: digest)
            return nil
        }
        if time.timeIntervalSince(session.lastSeenAt) >= policy.touchInterval {
            try await store.touchPortalSession(digest: digest, at: time)
        }
        return (session, record)
    }

    public func logout(token: String) async throws {
        try await store.deletePortalSession(digest: RandomToken.digest(token))
    }

    /// No second factor, or a code of the operator's authenticator not used before: a code seen by
    /// someone looking over a shoulder is worth nothing once it has been used.
    private func codeMatches(_ code: String?, _ record: PortalOperator, at time: Date) async throws -> Bool {
        guard let sealed = record.sealedTOTPSecret else { return true }
        guard let code, let secret = Data(base64Encoded: try sealer.open(sealed)),
            let step = TOTP(secret: [UInt8](secret)).match(code.filter(\.isNumber), at: time, after: nil)
        else { return false }
        return try await store.advanceOperatorTOTPStep(id: record.id, to: step)
    }

    private func locked(until: Date, at time: Date) -> PortalFailure {
        let minutes = max(1, Int((until.timeIntervalSince(time) / 60).rounded(.up)))
        return PortalFailure(.locked, "too many failed logins: try again in \(minutes) minute\(minutes == 1 ? "" : "s")")
    }

    static func email(_ raw: String) throws -> String {
        let email = raw.trimmingCharacters(in: .whitespaces).lowercased()
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard email.count <= 254, parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !email.contains(where: \.isWhitespace) else {
            throw PortalFailure(.invalid, "'\(raw)' is not an email address", field: "email")
        }
        return email
    }
}
