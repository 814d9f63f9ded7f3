/// completeSignup (POST with the emailed code, or from the page the emailed link opens): the pending
/// signup becomes a user, logged in. A wrong code counts against the signup; too many kill it.
extension AccountService {
    public func completeSignup(app: App, handle rawHandle: String, code: String) async throws -> (Session, User) {
        try await audit.around(.completeSignup, app: app.id, actor: Self.auditActor(rawHandle, app: app)) {
            guard let handle = Handle.normalized(rawHandle) else { throw AuthError.invalid("handle") }
            try await throttle(policy.rateLimits.codeAttempts, "code:\(app.id):\(handle)")
            guard let pending = try await store.pendingSignup(appId: app.id, handle: handle) else {
                if try await store.user(appId: app.id, handle: handle) != nil { throw AuthError.handleAlreadyRegistered }
                throw AuthError.invalid("no signup is waiting for this handle")
            }
            guard pending.expiresAt > now() else { throw AuthError.expiredSignupCode }
            switch try await attemptCode(code, record: .pendingSignup(id: pending.id), digest: pending.codeDigest, salt: pending.id) {
            case .spent: throw AuthError.invalid("too many wrong codes; sign up again")
            case .wrong: throw AuthError.invalid("wrong code")
            case .right: break
            }
            let created = now()
            let user = User(
                appId: app.id, handle: handle, passwordHash: pending.passwordHash, locale: pending.locale,
                metadata: pending.metadata, loginProvider: .email, createdAt: created, updatedAt: created, lastLogin: created)
            let session = try await createAccount(user, app: app) { store in
                // Only one request may use the code, even when several arrive with it at once.
                guard try await store.consumeCodeRecord(.pendingSignup(id: pending.id)) else {
                    throw AuthError.invalid("no signup is waiting for this handle")
                }
            }
            return (session, user)
        }
    }

    /// The page a signup link opens: the app's `clickThrough` template, filled in.
    public func clickThroughPage(app: App, user: User) async throws -> String {
        let template = try await mailer.template(.clickThrough, app: app, locale: user.locale)
        return template.render(["HANDLE": user.handle, "APP_NAME": app.name]).html
    }
}
