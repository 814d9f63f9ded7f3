/// forgotPassword emails a reset code; resetPassword takes it with the new password. A reset revokes
/// every session of the user.
extension AccountService {
    public func forgotPassword(app: App, handle rawHandle: String) async throws {
        try await audit.around(.forgotPassword, app: app.id, actor: Self.auditActor(rawHandle, app: app)) {
            guard let handle = Handle.normalized(rawHandle) else { throw AuthError.accountDoesNotExist }
            let user: User?
            if handle.contains("@") {
                user = try await store.user(appId: app.id, handle: handle)
            } else {
                guard app.settings.userNamesEnabled else { throw AuthError.userNamesNotSupported }
                user = try await store.user(appId: app.id, userName: handle)
            }
            guard let user, user.status == .active, user.loginProvider != .anonymous else { throw AuthError.accountDoesNotExist }
            // A user of Apple or Google has no password to reset; mailing a code would hand a password to
            // whoever reads that inbox, a second way in the user never asked for.
            guard user.passwordHash != nil else { throw AuthError.noPassword(user.loginProvider) }
            try await throttle(policy.rateLimits.messages, "msg:\(app.id):\(user.handle)")
            let code = RandomToken.digits(6)
            let created = now()
            let reset = PasswordReset(
                userId: user.id, codeDigest: codes.digest(code, salt: user.id), createdAt: created,
                expiresAt: created.addingTimeInterval(Double(app.settings.resetCodeExpiration) * 3600))
            let email = try await mailer.compose(.resetPassword, app: app, to: user.handle, locale: user.locale, code: code, now: created)
            try await store.transaction { store in
                try await store.save(reset)
                try await store.enqueue(email)
            }
        }
    }

    public func resetPassword(app: App, handle rawHandle: String, password rawPassword: String, code: String) async throws {
        try await audit.around(.resetPassword, app: app.id, actor: Self.auditActor(rawHandle, app: app)) {
            guard let password = PasswordDigest.normalized(rawPassword) else {
                throw AuthError.invalid("password must be the MD5 hex of the password")
            }
            guard let handle = Handle.normalized(rawHandle) else { throw AuthError.invalid("no reset is waiting for this handle") }
            try await throttle(policy.rateLimits.codeAttempts, "code:\(app.id):\(handle)")
            guard let user = try await store.user(appId: app.id, handle: handle),
                let reset = try await store.passwordReset(userId: user.id)
            else { throw AuthError.invalid("no reset is waiting for this handle") }
            switch try await attemptCode(code, record: .passwordReset(userId: user.id), digest: reset.codeDigest, salt: user.id) {
            case .spent: throw AuthError.invalid("the reset code has expired; ask for a new one")
            case .wrong: throw AuthError.invalid("wrong code")
            case .right: break
            }
            var updated = user
            updated.passwordHash = try await passwords.hash(password)
            updated.twoFactorPhoneVerification = false
            updated.twoFactorGoogleVerification = false
            updated.failedLogins = 0
            updated.lockedUntil = nil
            updated.updatedAt = now()
            let changed = updated
            try await store.transaction { store in
                guard try await store.consumeCodeRecord(.passwordReset(userId: user.id)) else {
                    throw AuthError.invalid("no reset is waiting for this handle")
                }
                try await store.update(changed, from: user)
                try await store.deleteAccessTokens(userId: user.id, keeping: nil)
                // As the original does: a reset turns 2FA off, with its secret and recovery codes.
                try await store.deleteTOTPEnrollment(userId: user.id)
                try await store.replaceRecoveryCodes(userId: user.id, digests: [])
            }
        }
    }
}
