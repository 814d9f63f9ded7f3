/// POST changePassword: the current password proves the caller; other sessions are revoked. The calling
/// session stays valid because the clients keep using their access token after this call.
extension AccountService {
    public func changePassword(_ caller: AuthenticatedUser, password rawPassword: String, newPassword rawNew: String) async throws {
        try await audit.around(.changePassword, app: caller.app.id, actor: caller.user.handle) {
            guard let password = PasswordDigest.normalized(rawPassword), let newPassword = PasswordDigest.normalized(rawNew) else {
                throw AuthError.invalid("passwords must be the MD5 hex of the password")
            }
            guard let hash = caller.user.passwordHash else { throw AuthError.noPassword(caller.user.loginProvider) }
            // 602 for a wrong current password, as the original answered (clients map that code here).
            guard try await passwords.verify(password, against: hash) else {
                throw AuthError.invalid("the current password is wrong")
            }
            var user = caller.user
            user.passwordHash = try await passwords.hash(newPassword)
            user.updatedAt = now()
            let updated = user
            try await store.transaction { store in
                try await store.update(updated, from: caller.user)
                try await store.deleteAccessTokens(userId: updated.id, keeping: caller.tokenDigest)
            }
        }
    }
}
