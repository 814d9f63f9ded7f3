import Foundation

/// setPhone, verifyPhone and setTwoFactorPhoneVerification: a phone number proven by an SMS code, then
/// usable as a second factor.
extension AccountService {
    /// Stores the number (unverified) and sends it a code. A number another user of the app holds is
    /// refused, by the database's unique index rather than a prior read.
    public func setPhone(_ caller: AuthenticatedUser, phone raw: String) async throws {
        let app = caller.app
        try await audit.around(.phoneSet, app: app.id, actor: caller.user.handle) {
            guard app.settings.twoFactorVerification == .phone else { throw AuthError.phoneNotSupported }
            guard let phone = E164.normalized(raw) else { throw AuthError.invalid("phone must be an E.164 number such as +14155550123") }
            var user = caller.user
            if user.phone != phone {
                user.phone = phone
                user.phoneVerified = false
                user.twoFactorPhoneVerification = false
            }
            user.updatedAt = now()
            try await throttle(policy.rateLimits.messages, "msg:\(app.id):\(phone)")
            let code = RandomToken.digits(6)
            let verification = PhoneVerification(
                userId: user.id, phone: phone, codeDigest: codes.digest(code, salt: user.id),
                expiresAt: now().addingTimeInterval(policy.phoneCodeLifetime))
            let sms = try await mailer.composeSMS(app: app, to: phone, locale: user.locale, code: code, now: now())
            let updated = user
            do {
                try await store.transaction { store in
                    try await store.update(updated)
                    try await store.save(verification)
                    try await store.enqueue(sms)
                }
            } catch StoreConflict.phone {
                throw AuthError.phoneInUse
            }
        }
    }

    public func verifyPhone(_ caller: AuthenticatedUser, code: String) async throws {
        try await audit.around(.phoneVerify, app: caller.app.id, actor: caller.user.handle) {
            guard let pending = try await store.phoneVerification(userId: caller.user.id), pending.phone == caller.user.phone,
                  pending.expiresAt > now(), pending.failedAttempts < policy.maxCodeAttempts
            else { throw AuthError.invalid("no code is waiting for this phone number; set it again") }
            guard codeMatches(code, digest: pending.codeDigest, salt: caller.user.id) else {
                var counted = pending
                counted.failedAttempts += 1
                try await store.save(counted)
                throw AuthError.invalid("wrong code")
            }
            var user = caller.user
            user.phoneVerified = true
            user.updatedAt = now()
            let updated = user
            try await store.transaction { store in
                try await store.update(updated)
                try await store.deletePhoneVerification(userId: updated.id)
            }
        }
    }

    /// Turns SMS as second factor on (a verified number is required) or off. Turning it off, or on
    /// again, drops recovery codes made before; new ones come from `regenerateRecoveryCodes`.
    public func setPhoneTwoFactor(_ caller: AuthenticatedUser, enabled: Bool) async throws {
        let app = caller.app
        try await audit.around(.twoFactorChange, app: app.id, actor: caller.user.handle, detail: "phone \(enabled ? "on" : "off")") {
            guard app.settings.twoFactorVerification == .phone else { throw AuthError.phoneNotSupported }
            var user = caller.user
            if enabled { guard user.phone != nil, user.phoneVerified else { throw AuthError.phoneNotVerified } }
            user.twoFactorPhoneVerification = enabled
            user.updatedAt = now()
            let updated = user
            try await store.transaction { store in
                try await store.update(updated)
                try await store.replaceRecoveryCodes(userId: updated.id, digests: [])
            }
        }
    }
}
