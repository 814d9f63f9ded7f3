/// POST loginAnonymous: the handle names an anonymous user, created on first use.
extension AccountService {
    public func loginAnonymous(app: App, handle rawHandle: String) async throws -> Session {
        try await audit.around(.loginAnonymous, app: app.id, actor: Self.auditActor(rawHandle, app: app)) {
            guard app.settings.anonymousLoginEnabled else { throw AuthError.anonymousLoginNotSupported }
            guard let handle = Handle.anonymous(rawHandle) else {
                throw AuthError.invalidCredentials
            }
            let user: User
            if let existing = try await store.user(appId: app.id, handle: handle) {
                user = existing
            } else {
                let created = now()
                let newUser = User(
                    appId: app.id, handle: handle, passwordHash: nil, locale: Locales.fallback,
                    loginProvider: .anonymous, createdAt: created, updatedAt: created)
                do {
                    try await store.insert(newUser)
                    user = newUser
                } catch StoreConflict.handle {
                    // Another request created it first; use theirs.
                    guard let theirs = try await store.user(appId: app.id, handle: handle) else { throw AuthError.internalError }
                    user = theirs
                }
            }
            guard user.loginProvider == .anonymous else { throw AuthError.invalidCredentials }
            guard user.status == .active else { throw AuthError.userSuspended }
            return try await finishLogin(app: app, user: user, verifiedHash: nil)
        }
    }
}
