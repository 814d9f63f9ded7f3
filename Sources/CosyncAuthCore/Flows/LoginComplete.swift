import Foundation

/// The second half of a login with two factors: login answered a login token (and, for a phone, sent a
/// code by SMS); loginComplete takes that token with the code from the authenticator, the SMS, or a
/// recovery code, and answers TOK. A login token works once, for its user and app, for five minutes;
/// wrong codes count toward the account's lockout.
extension AccountService {
    public enum LoginOutcome: Sendable {
        case session(Session)
        case secondFactor(loginToken: String)
    }

    /// Starts the second step: stores the challenge and, for SMS, queues the code.
    func startSecondFactor(_ factor: LoginChallenge.Factor, app: App, user: User) async throws -> String {
        let loginToken = RandomToken.make(prefix: "lt_")
        var codeDigest: String?
        var message: OutboxMessage?
        if factor == .sms, let phone = user.phone {
            try await throttle(policy.rateLimits.messages, "msg:\(app.id):\(phone)")
            try await throttleSMS(app)
            let code = RandomToken.digits(6)
            codeDigest = codes.digest(code, salt: user.id)
            message = try await mailer.composeSMS(app: app, to: phone, locale: user.locale, code: code, now: now())
        }
        let challenge = LoginChallenge(
            digest: RandomToken.digest(loginToken), userId: user.id, appId: app.id, factor: factor, codeDigest: codeDigest,
            expiresAt: now().addingTimeInterval(policy.loginTokenLifetime))
        let sms = message
        try await store.transaction { store in
            try await store.save(challenge)
            if let sms { try await store.enqueue(sms) }
        }
        return loginToken
    }

    /// The app is the login token's. An `app-token`, when the client sends one, must be that app's; the
    /// React Native client may send its old access token instead, which is not a credential here.
    public func loginComplete(appToken: String?, loginToken: String, code rawCode: String) async throws -> Session {
        let unknown = AuthError.invalid("the login token is unknown, used or expired")
        let digest = RandomToken.digest(loginToken)
        guard loginToken.utf8.count <= 512, let challenge = try await store.loginChallenge(digest: digest) else { throw unknown }
        let app: App
        if let appToken, !appToken.isEmpty {
            app = try await authenticateApp(token: appToken)
            guard app.id == challenge.appId else { throw unknown }
        } else {
            guard let found = try await store.app(id: challenge.appId) else { throw unknown }
            try Self.checkUsable(found)
            app = found
        }
        return try await audit.around(.loginComplete, app: app.id, actor: nil) {
            guard challenge.expiresAt > now() else { throw unknown }
            guard let user = try await store.user(id: challenge.userId), user.appId == app.id else {
                throw AuthError.invalidCredentials
            }
            guard user.status == .active else { throw AuthError.userSuspended }
            if isLockedOut(app: app, user: user) { throw AuthError.invalidCredentials }
            // Counted per user across challenges, whatever the app's lockout: a password holder cannot
            // grind authenticator codes by asking for fresh login tokens.
            try await throttle(policy.rateLimits.codeAttempts, "code:\(user.id)")
            guard try await store.takeCodeAttempt(.loginChallenge(digest: digest), maxAttempts: policy.maxCodeAttempts, now: now()) else {
                throw unknown
            }
            guard try await secondFactorAccepted(rawCode, challenge: challenge, user: user) else {
                try await countFailedLogin(app: app, user: user, reason: "after wrong second-factor codes")
                throw AuthError.invalidCredentials
            }
            // Only one request may turn this token into a session.
            guard try await store.consumeCodeRecord(.loginChallenge(digest: digest)) else { throw unknown }
            let session = try await finishLogin(app: app, user: user, verifiedHash: nil)
            await audit.record(.login, app: app.id, actor: user.handle, detail: "second factor")
            return session
        }
    }

    /// A recovery code (used up), or the factor's own code: the authenticator's (each time step once)
    /// or the SMS code of this challenge.
    private func secondFactorAccepted(_ rawCode: String, challenge: LoginChallenge, user: User) async throws -> Bool {
        if RecoveryCodes.normalized(rawCode) != nil {
            return try await store.consumeRecoveryCode(userId: user.id, digest: RecoveryCodes.digest(rawCode, user: user.id, codes: codes))
        }
        switch challenge.factor {
        case .authenticator:
            guard let enrollment = try await store.totpEnrollment(userId: user.id),
                let secret = Base32.decode(try sealer.open(enrollment.sealedSecret))
            else { return false }
            guard let step = TOTP(secret: secret).match(CodeText.normalized(rawCode), at: now(), after: enrollment.lastUsedStep) else { return false }
            return try await store.advanceTOTPStep(userId: user.id, to: step)
        case .sms:
            guard let expected = challenge.codeDigest else { return false }
            return codeMatches(rawCode, digest: expected, salt: user.id)
        }
    }
}
