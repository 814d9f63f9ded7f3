/// completeSignup (POST with the emailed code, or GET from the emailed link): the pending signup becomes
/// a user, logged in. A wrong code counts against the signup; too many kill it.
extension AccountService {
    public func completeSignup(app: App, handle rawHandle: String, code: String) async throws -> (Session, User) {
        try await audit.around(.completeSignup, app: app.id, actor: Self.auditActor(rawHandle)) {
            guard let handle = Handle.normalized(rawHandle) else { throw AuthError.invalid("handle") }
            guard let pending = try await store.pendingSignup(appId: app.id, handle: handle) else {
                if try await store.user(appId: app.id, handle: handle) != nil { throw AuthError.handleAlreadyRegistered }
                throw AuthError.invalid("no signup is waiting for this handle")
            }
            guard pending.expiresAt > now() else { throw AuthError.expiredSignupCode }
            guard pending.failedAttempts < policy.maxCodeAttempts else {
                throw AuthError.invalid("too many wrong codes; sign up again")
            }
            guard codeMatches(code, digest: pending.codeDigest, salt: pending.id) else {
                var counted = pending
                counted.failedAttempts += 1
                try await store.save(counted)
                throw AuthError.invalid("wrong code")
            }
            let created = now()
            let user = User(
                appId: app.id, handle: handle, passwordHash: pending.passwordHash, locale: pending.locale,
                metadata: pending.metadata, loginProvider: .email, createdAt: created, updatedAt: created, lastLogin: created)
            let session = try await createAccount(user, app: app) { store in
                // Deleting first makes a second use of the same code find nothing, even when two arrive at once.
                guard try await store.pendingSignup(appId: app.id, handle: handle)?.id == pending.id else {
                    throw AuthError.invalid("no signup is waiting for this handle")
                }
                try await store.deletePendingSignup(id: pending.id)
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
