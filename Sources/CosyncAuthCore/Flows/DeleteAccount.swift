/// POST deleteAccount: the caller proves it once more. With handle and password (the handle may be the
/// user's name where the app has user names); anonymous users have no password, their access token and
/// handle suffice; users of Apple or Google send a fresh ID token of their own.
extension AccountService {
    /// Chooses the proof by the caller's way in: a user of Apple or Google sends `token`; anyone else
    /// `handle` and `password` (a token alone from a password user is answered 602, saying so).
    public func deleteAccount(_ caller: AuthenticatedUser, handle: String?, password: String?, token: String?) async throws {
        let social = caller.user.loginProvider == .apple || caller.user.loginProvider == .google
        if let token, social || handle == nil {
            try await deleteSocialAccount(caller, idToken: token)
        } else {
            guard let handle, !handle.isEmpty else { throw AuthError.missing("handle") }
            try await deleteAccount(caller, handle: handle, password: password)
        }
    }

    func deleteAccount(_ caller: AuthenticatedUser, handle rawHandle: String, password rawPassword: String?) async throws {
        try await audit.around(.deleteAccount, app: caller.app.id, actor: caller.user.handle) {
            let user = caller.user
            let anonymous = user.loginProvider == .anonymous
            guard Self.names(user, rawHandle, app: caller.app) else { throw AuthError.invalidCredentials }
            if !anonymous {
                guard let hash = user.passwordHash else { throw AuthError.noPassword(user.loginProvider) }
                guard let rawPassword, let password = PasswordDigest.normalized(rawPassword),
                    try await passwords.verify(password, against: hash)
                else { throw AuthError.invalidCredentials }
            }
            try await store.deleteUser(id: user.id)
        }
    }

    /// deleteAccount with `token`: an ID token of the caller's provider whose subject is the caller's.
    func deleteSocialAccount(_ caller: AuthenticatedUser, idToken: String) async throws {
        try await audit.around(.deleteAccount, app: caller.app.id, actor: caller.user.handle) {
            let user = caller.user
            guard let provider = SocialProvider(rawValue: user.loginProvider.rawValue) else {
                throw AuthError.invalid("this account signs in with a password; send handle and password")
            }
            let identity = try await identityTokens.verify(
                idToken, provider: provider, audiences: try Self.audiences(of: provider, app: caller.app))
            guard identity.subject == user.socialUserId else { throw AuthError.invalidSocialToken }
            try await store.deleteUser(id: user.id)
        }
    }

    /// Whether `raw` names the user: its handle, or its user name where the app has user names.
    static func names(_ user: User, _ raw: String, app: App) -> Bool {
        if user.loginProvider == .anonymous { return Handle.anonymous(raw) == user.handle }
        guard let handle = Handle.normalized(raw) else { return false }
        if handle == user.handle { return true }
        return app.settings.userNamesEnabled && user.userName != nil && UserName.normalized(handle) == user.userName
    }
}
