import Foundation

/// POST signup: the `none` flow creates the user at once; `code` and `link` store a pending signup whose
/// code the user receives by email.
extension AccountService {
    public enum SignupResult: Sendable, Equatable {
        /// `none` flow: the user exists and is logged in. `code` is the number the original answered
        /// beside TOK; clients ignore it.
        case created(Session, code: Int)
        /// `code`/`link` flows: the signup waits for `code`, which the email flow delivers.
        case pending(PendingSignup, code: String)
    }

    public func signup(
        app: App, handle rawHandle: String, password rawPassword: String, metadata rawMetadata: String?,
        locale rawLocale: String?
    ) async throws -> SignupResult {
        try await audit.around(.signup, app: app.id, actor: Self.auditActor(rawHandle, app: app)) {
            guard app.settings.signupEnabled else { throw AuthError.signupNotSupported }
            guard let handle = Handle.normalized(rawHandle), Handle.isEmail(handle), !Handle.isAnonymous(handle) else {
                throw AuthError.invalid("handle must be an email address")
            }
            guard let password = PasswordDigest.normalized(rawPassword) else {
                throw AuthError.invalid("password must be the MD5 hex of the password")
            }
            let locale = try Self.signupLocale(rawLocale, app: app)
            let metadata = try MetadataPolicy.forSignup(rawMetadata, fields: app.settings.metaData)
            if try await store.user(appId: app.id, handle: handle) != nil { throw AuthError.handleAlreadyRegistered }

            let created = now()
            switch app.settings.signupFlow {
            case .none:
                let user = User(
                    appId: app.id, handle: handle, passwordHash: try await passwords.hash(password), locale: locale,
                    metadata: metadata, loginProvider: .email, createdAt: created, updatedAt: created, lastLogin: created)
                let session = try await createAccount(user, app: app)
                return .created(session, code: Int.random(in: 100_000...999_999))
            case .code, .link:
                // Throttled before any hashing, so a flood of signups of one handle costs no CPU.
                try await throttle(policy.rateLimits.messages, "msg:\(app.id):\(handle)")
                if let waiting = try await store.pendingSignup(appId: app.id, handle: handle),
                    waiting.expiresAt > created, waiting.failedAttempts < policy.maxCodeAttempts
                {
                    // Someone else signing up the same handle must not replace the first password: the
                    // code goes again, to the same inbox, and the first signup is left as it was.
                    let (resent, code) = try await codeToResend(waiting)
                    try await store.enqueue(try await signupEmail(app: app, handle: handle, locale: resent.locale, code: code, now: created))
                    return .pending(resent, code: code)
                }
                let code = RandomToken.digits(6)
                let id = UUID()
                let pending = PendingSignup(
                    id: id, appId: app.id, handle: handle, passwordHash: try await passwords.hash(password), metadata: metadata,
                    locale: locale, codeDigest: codes.digest(code, salt: id), sealedCode: try sealer.seal(code), createdAt: created,
                    expiresAt: created.addingTimeInterval(Double(app.settings.signupCodeExpiration) * 3600))
                let email = try await signupEmail(app: app, handle: handle, locale: locale, code: code, now: created)
                // The pending signup and its email commit together: neither exists without the other.
                try await store.transaction { store in
                    try await store.save(pending)
                    try await store.enqueue(email)
                }
                return .pending(pending, code: code)
            }
        }
    }

    /// The code of a waiting signup, to send again. One imported from elsewhere has no sealed code: it
    /// gets a new one, and keeps everything else.
    private func codeToResend(_ waiting: PendingSignup) async throws -> (PendingSignup, String) {
        if let sealed = waiting.sealedCode { return (waiting, try sealer.open(sealed)) }
        let code = RandomToken.digits(6)
        var renewed = waiting
        renewed.codeDigest = codes.digest(code, salt: waiting.id)
        renewed.sealedCode = try sealer.seal(code)
        try await store.save(renewed)
        return (renewed, code)
    }

    private func signupEmail(app: App, handle: String, locale: String, code: String, now: Date) async throws -> OutboxMessage {
        app.settings.signupFlow == .code
            ? try await mailer.compose(.signUp, app: app, to: handle, locale: locale, code: code, now: now)
            : try await mailer.compose(
                .signUpLink, app: app, to: handle, locale: locale, code: code,
                link: completeSignupLink(app: app, handle: handle, code: code), now: now)
    }

    /// A signup's locale: EN when absent; otherwise one of the app's locales (602 as the original answers).
    static func signupLocale(_ raw: String?, app: App) throws(AuthError) -> String {
        guard let raw, !raw.isEmpty else { return Locales.fallback }
        guard let locale = Locales.normalized(raw), app.settings.locales.contains(locale) || locale == Locales.fallback else {
            throw AuthError.invalid("locale is not one of the app's locales")
        }
        return locale
    }

    /// `{publicURL}/api/appuser/completeSignup?appToken=..&handle=..&code=..`, every value escaped.
    func completeSignupLink(app: App, handle: String, code: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~@")
        func escaped(_ value: String) -> String { value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value }
        let base = policy.publicURL.hasSuffix("/") ? String(policy.publicURL.dropLast()) : policy.publicURL
        return "\(base)/api/appuser/completeSignup?appToken=\(escaped(app.appToken))&handle=\(escaped(handle))&code=\(code)"
    }
}
