import Foundation

/// setTwoFactorGoogleVerification: an authenticator app as second factor. Enabling answers the secret
/// (base32) and its QR code, with ten recovery codes; the email that follows says 2FA was turned on but
/// never carries the secret, so a read mailbox cannot clone the authenticator.
extension AccountService {
    public struct AuthenticatorSetup: Sendable {
        public var secretBase32: String
        /// `data:image/png;base64,...` of the otpauth URI.
        public var qrDataImage: String
        public var otpauthURI: String
        public var recoveryCodes: [String]
    }

    public func setAuthenticator(_ caller: AuthenticatedUser, enabled: Bool) async throws -> AuthenticatorSetup? {
        let app = caller.app
        return try await audit.around(.twoFactorChange, app: app.id, actor: caller.user.handle, detail: "authenticator \(enabled ? "on" : "off")") {
            guard app.settings.twoFactorVerification == .google else { throw AuthError.authenticatorNotSupported }
            var user = caller.user
            user.updatedAt = now()
            guard enabled else {
                user.twoFactorGoogleVerification = false
                let updated = user
                try await store.transaction { store in
                    try await store.update(updated, from: caller.user)
                    try await store.deleteTOTPEnrollment(userId: updated.id)
                    try await store.replaceRecoveryCodes(userId: updated.id, digests: [])
                }
                return nil
            }
            let secret = TOTP.newSecret()
            let uri = OTPAuthURI.make(issuer: app.name, account: user.handle, secret: secret)
            let png = try qrCodes.png(for: uri)
            let enrollment = TOTPEnrollment(userId: user.id, sealedSecret: try sealer.seal(Base32.encode(secret)), createdAt: now())
            let recovery = RecoveryCodes.make()
            user.twoFactorGoogleVerification = true
            let updated = user
            let email = try await mailer.compose(.qrCode, app: app, to: user.handle, locale: user.locale, now: now())
            try await store.transaction { store in
                try await store.update(updated, from: caller.user)
                try await store.save(enrollment)
                try await store.replaceRecoveryCodes(
                    userId: updated.id, digests: recovery.map { RecoveryCodes.digest($0, user: updated.id, codes: codes) })
                try await store.enqueue(email)
            }
            return AuthenticatorSetup(
                secretBase32: Base32.encode(secret), qrDataImage: "data:image/png;base64," + Data(png).base64EncodedString(),
                otpauthURI: uri, recoveryCodes: recovery)
        }
    }

    /// A new set of recovery codes for a user with 2FA on; the old set stops working.
    public func regenerateRecoveryCodes(_ caller: AuthenticatedUser) async throws -> [String] {
        try await audit.around(.twoFactorChange, app: caller.app.id, actor: caller.user.handle, detail: "recovery codes renewed") {
            guard twoFactorFactor(for: caller.user, app: caller.app) != nil else {
                throw AuthError.invalid("two-factor login is not on for this account")
            }
            let recovery = RecoveryCodes.make()
            try await store.replaceRecoveryCodes(
                userId: caller.user.id, digests: recovery.map { RecoveryCodes.digest($0, user: caller.user.id, codes: codes) })
            return recovery
        }
    }

    /// Which second factor a login of this user needs now, if any.
    func twoFactorFactor(for user: User, app: App) -> LoginChallenge.Factor? {
        switch app.settings.twoFactorVerification {
        case .google: user.twoFactorGoogleVerification ? .authenticator : nil
        case .phone: user.twoFactorPhoneVerification && user.phoneVerified && user.phone != nil ? .sms : nil
        case .none: nil
        }
    }
}

/// Ten single-use codes that stand in for the second factor when the phone is lost. Stored as keyed
/// digests; shown once.
enum RecoveryCodes {
    static let count = 10
    static let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")

    /// `xxxx-xxxx`: 40 bits each from the CSPRNG, without look-alike characters.
    static func make() -> [String] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in
            let characters = (0..<8).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
            return String(characters[0..<4]) + "-" + String(characters[4..<8])
        }
    }

    /// What a person typed, as stored: lower-case, without spaces or dashes; nil when it cannot be one.
    static func normalized(_ typed: String) -> String? {
        let code = typed.lowercased().filter { $0 != "-" && !$0.isWhitespace }
        guard code.count == 8, code.allSatisfy({ alphabet.contains($0) }) else { return nil }
        return code
    }

    static func digest(_ code: String, user: UUID, codes: any CodeHasher) -> String {
        codes.digest(normalized(code) ?? code, salt: user)
    }
}
