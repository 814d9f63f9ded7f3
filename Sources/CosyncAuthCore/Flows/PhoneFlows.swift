import Foundation

/// setPhone, verifyPhone and setTwoFactorPhoneVerification: a phone number proven by an SMS code, then
/// usable as a second factor.
extension AccountService {
    /// Stores the number (unverified) and sends it a code. The answer is the same whether or not another
    /// user holds the number: only its owner, answering the code, learns that (verifyPhone's 412).
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
            // SMS cost the app's owner money: limited per number, per user and per app and day.
            try await throttle(policy.rateLimits.messages, "msg:\(app.id):\(phone)")
            try await throttle(policy.rateLimits.messages, "sms:\(user.id)")
            try await throttleSMS(app)
            let code = RandomToken.digits(6)
            let verification = PhoneVerification(
                userId: user.id, phone: phone, codeDigest: codes.digest(code, salt: user.id),
                expiresAt: now().addingTimeInterval(policy.phoneCodeLifetime))
            let sms = try await mailer.composeSMS(app: app, to: phone, locale: user.locale, code: code, now: now())
            let updated = user
            try await store.transaction { store in
                try await store.update(updated, from: caller.user)
                try await store.save(verification)
                try await store.enqueue(sms)
            }
        }
    }

    public func verifyPhone(_ caller: AuthenticatedUser, code: String) async throws {
        try await audit.around(.phoneVerify, app: caller.app.id, actor: caller.user.handle) {
            let missing = AuthError.invalid("no code is waiting for this phone number; set it again")
            try await throttle(policy.rateLimits.codeAttempts, "code:\(caller.user.id)")
            guard let pending = try await store.phoneVerification(userId: caller.user.id), pending.phone == caller.user.phone
            else { throw missing }
            switch try await attemptCode(code, record: .phoneVerification(userId: caller.user.id), digest: pending.codeDigest, salt: caller.user.id) {
            case .spent: throw missing
            case .wrong: throw AuthError.invalid("wrong code")
            case .right: break
            }
            var user = caller.user
            user.phoneVerified = true
            user.updatedAt = now()
            let updated = user
            do {
                try await store.transaction { store in
                    guard try await store.consumeCodeRecord(.phoneVerification(userId: updated.id)) else { throw missing }
                    try await store.update(updated, from: caller.user)
                }
            } catch StoreConflict.phone {
                // A number is unique among verified ones; its owner, who just proved it, may know.
                throw AuthError.phoneInUse
            }
        }
    }

    /// The app's daily SMS quota (`smsDailyLimit`; 0 sends none).
    func throttleSMS(_ app: App) async throws {
        guard app.settings.smsDailyLimit > 0 else { throw AuthError.tooManyRequests(retryAfter: 86_400) }
        try await throttle(.init(requests: app.settings.smsDailyLimit, window: 86_400), "sms:\(app.id)")
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
                try await store.update(updated, from: caller.user)
                try await store.replaceRecoveryCodes(userId: updated.id, digests: [])
            }
        }
    }
}
