/// POST deleteAccount (password variant): the caller proves it once more with handle and password.
/// Anonymous users have no password; their access token and handle suffice.
extension AccountService {
    public func deleteAccount(_ caller: AuthenticatedUser, handle rawHandle: String, password rawPassword: String?) async throws {
        try await audit.around(.deleteAccount, app: caller.app.id, actor: caller.user.handle) {
            let anonymous = caller.user.loginProvider == .anonymous
            let handle = anonymous ? Handle.anonymous(rawHandle) : Handle.normalized(rawHandle)
            guard let handle, handle == caller.user.handle else { throw AuthError.invalidCredentials }
            if !anonymous {
                guard let rawPassword, let password = PasswordDigest.normalized(rawPassword),
                      let hash = caller.user.passwordHash, try await passwords.verify(password, against: hash)
                else { throw AuthError.invalidCredentials }
            }
            try await store.deleteUser(id: caller.user.id)
        }
    }
}
