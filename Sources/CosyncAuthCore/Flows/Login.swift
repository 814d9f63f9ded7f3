/// POST login: by handle, or by user name when the app enables user names.
extension AccountService {
    public func login(app: App, handle rawHandle: String, password rawPassword: String) async throws -> LoginOutcome {
        try await audit.around(.login, app: app.id, actor: Self.auditActor(rawHandle)) {
            guard let handle = Handle.normalized(rawHandle) else { throw AuthError.invalidCredentials }
            try await throttle(policy.rateLimits.login, "login:\(app.id):\(handle)")
            let found: User?
            if handle.contains("@") {
                found = try await store.user(appId: app.id, handle: handle)
            } else {
                guard app.settings.userNamesEnabled else { throw AuthError.userNamesNotSupported }
                found = try await store.user(appId: app.id, userName: handle)
            }
            let password = PasswordDigest.normalized(rawPassword)
            guard let user = found, let hash = user.passwordHash, let password else {
                // Spend the same time as a real check, so response times do not tell which handles exist.
                _ = try await passwords.verify(password ?? rawPassword, against: passwords.decoyHash)
                if found == nil, try await store.pendingSignup(appId: app.id, handle: handle) != nil {
                    throw AuthError.accountNotVerified
                }
                throw AuthError.invalidCredentials
            }
            let lockoutOn = app.settings.maxLoginAttempts > 0
            // While locked, even the right password gets the answer a wrong one gets.
            if lockoutOn, let lockedUntil = user.lockedUntil, lockedUntil > now() { throw AuthError.invalidCredentials }
            guard try await passwords.verify(password, against: hash) else {
                if lockoutOn {
                    let locked = try await store.recordFailedLogin(
                        userId: user.id, lockAfter: app.settings.maxLoginAttempts, lockUntil: now().addingTimeInterval(policy.lockoutDuration))
                    if locked { await audit.record(.lockout, app: app.id, actor: user.handle, detail: "after \(app.settings.maxLoginAttempts) failed logins") }
                }
                throw AuthError.invalidCredentials
            }
            guard user.status == .active else { throw AuthError.userSuspended }
            // The password is known only now: an old or imported (bcrypt) hash is replaced here, whether or
            // not a second factor follows.
            var updated = user
            if passwords.needsRehash(hash) {
                updated.passwordHash = try await passwords.hash(password)
            }
            if let factor = twoFactorFactor(for: user, app: app) {
                if updated.passwordHash != user.passwordHash { try await store.update(updated) }
                return .secondFactor(loginToken: try await startSecondFactor(factor, app: app, user: user))
            }
            updated.lastLogin = now()
            updated.failedLogins = 0
            updated.lockedUntil = nil
            let loggedIn = updated
            let (session, record) = try await newSession(app: app, user: loggedIn)
            try await store.transaction { store in
                try await store.update(loggedIn)
                try await store.insert(record)
            }
            return .session(session)
        }
    }

}
