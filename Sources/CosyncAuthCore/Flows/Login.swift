/// POST login: by handle, or by user name when the app enables user names.
extension AccountService {
    /// Admitted before anything else: a login the host has no time to hash for is refused (503) without
    /// touching the database, and leaves no audit entry (the shed count is a metric).
    public func login(app: App, handle rawHandle: String, password rawPassword: String) async throws -> LoginOutcome {
        try await passwords.admitting { try await loginAdmitted(app: app, handle: rawHandle, password: rawPassword) }
    }

    /// A login request as it arrives, admitted before its first query (the lookup of its app): under a
    /// flood a refusal costs no query at all, which keeps the cores for the logins admitted. The app is
    /// checked before the parameters, as the protocol's other calls do.
    public func login(appToken: String?, accessToken: String?, handle: String?, password: String?) async throws -> LoginOutcome {
        try await passwords.admitting {
            let app = try await appOfCall(appToken: appToken, accessToken: accessToken)
            guard let handle, !handle.isEmpty else { throw AuthError.missing("handle") }
            guard let password, !password.isEmpty else { throw AuthError.missing("password") }
            return try await loginAdmitted(app: app, handle: handle, password: password)
        }
    }

    private func loginAdmitted(app: App, handle rawHandle: String, password rawPassword: String) async throws -> LoginOutcome {
        try await audit.around(.login, app: app.id, actor: Self.auditActor(rawHandle, app: app)) { success in
            guard let handle = Handle.normalized(rawHandle) else { throw AuthError.invalidCredentials }
            // The attempt is counted while its user is read (two round trips at once); a refusal by the
            // limit still comes first.
            async let counted: Void = throttle(policy.rateLimits.login, "login:\(app.id):\(handle)")
            async let lookup = user(app: app, handleOrName: handle)
            try await counted
            let found = try await lookup
            let password = PasswordDigest.normalized(rawPassword)
            guard let user = found, let hash = user.passwordHash, let password else {
                // Spend the same time as a real check, so response times do not tell which handles exist.
                _ = try await passwords.verify(password ?? rawPassword, against: passwords.decoyHash)
                if found == nil, try await store.pendingSignup(appId: app.id, handle: handle) != nil {
                    throw AuthError.accountNotVerified
                }
                throw AuthError.invalidCredentials
            }
            // While locked, even the right password gets the answer a wrong one gets, after as long.
            if isLockedOut(app: app, user: user) {
                _ = try await passwords.verify(password, against: passwords.decoyHash)
                throw AuthError.invalidCredentials
            }
            guard try await passwords.verify(password, against: hash) else {
                try await countFailedLogin(app: app, user: user, reason: "after \(app.settings.maxLoginAttempts) failed logins")
                throw AuthError.invalidCredentials
            }
            guard user.status == .active else { throw AuthError.userSuspended }
            // The password is known only now: an old or imported (bcrypt) hash is replaced here, whether or
            // not a second factor follows.
            let newHash = passwords.needsRehash(hash) ? try await passwords.hash(password) : nil
            if let factor = twoFactorFactor(for: user, app: app) {
                if let newHash { _ = try await store.replacePasswordHash(userId: user.id, from: hash, to: newHash) }
                return (.secondFactor(loginToken: try await startSecondFactor(factor, app: app, user: user)), false)
            }
            let session = try await finishLogin(app: app, user: user, verifiedHash: hash, newHash: newHash, audit: success)
            return (.session(session), true)
        }
    }

    /// The user a login names: by handle, or by user name where the app has them.
    private func user(app: App, handleOrName handle: String) async throws -> User? {
        if handle.contains("@") { return try await store.user(appId: app.id, handle: handle) }
        guard app.settings.userNamesEnabled else { throw AuthError.userNamesNotSupported }
        return try await store.user(appId: app.id, userName: handle)
    }

    /// The last step of every login (password, second factor, anonymous, Apple or Google): a session for
    /// `user`, recorded with the login.
    /// `audit`, when given, is written in the same transaction.
    func finishLogin(app: App, user: User, verifiedHash: String?, newHash: String? = nil, audit: AuditEntry? = nil) async throws -> Session {
        var loggedIn = user
        loggedIn.lastLogin = now()
        let (accessToken, record) = newAccessToken(app: app, user: loggedIn)
        // The signature (RS256, the costliest step of a login after the hash) is made while the login is
        // written, which mostly waits on the database: measured at one connection, 1.43 ms for both against
        // 1.77 ms one after the other. It stays outside the transaction (a first signature reads the app's key).
        async let jwt = signedJWT(app: app, user: loggedIn, issuedAt: record.createdAt)
        try await recordLoginAndSession(user: user, record: record, verifiedHash: verifiedHash, newHash: newHash, audit: audit)
        return Session(jwt: try await jwt, accessToken: accessToken)
    }

    /// Whether failed logins have locked the user out (only where the app has a lockout).
    func isLockedOut(app: App, user: User) -> Bool {
        guard app.settings.maxLoginAttempts > 0, let lockedUntil = user.lockedUntil else { return false }
        return lockedUntil > now()
    }

    /// A wrong password or second-factor code counts toward the app's lockout, when it has one.
    func countFailedLogin(app: App, user: User, reason: String) async throws {
        guard app.settings.maxLoginAttempts > 0 else { return }
        let locked = try await store.recordFailedLogin(
            userId: user.id, lockAfter: app.settings.maxLoginAttempts, lockUntil: now().addingTimeInterval(policy.lockoutDuration))
        if locked { await audit.record(.lockout, app: app.id, actor: user.handle, detail: reason) }
    }

    /// The login is recorded and the access token stored in one transaction, and only if the user is still
    /// active (and still has the password just checked). A suspension or a password reset that landed while
    /// the password was hashing wins; the login gets no session.
    func recordLoginAndSession(
        user: User, record: AccessTokenRecord, verifiedHash: String?, newHash: String? = nil, audit: AuditEntry? = nil
    ) async throws {
        let time = now()
        let recorded = try await store.transaction { store in
            guard try await store.recordLogin(userId: user.id, at: time, verifiedHash: verifiedHash, newHash: newHash) else { return false }
            try await store.insert(record)
            if var audit {
                audit.time = time
                try await store.append(audit)
            }
            return true
        }
        guard recorded else {
            if let current = try await store.user(id: user.id), current.status != .active { throw AuthError.userSuspended }
            throw AuthError.invalidCredentials
        }
    }
}
