public import Foundation

/// The end-user API's logic, one file per flow (`Login.swift`, `Signup.swift`, ...). It speaks in domain
/// values and `AuthError`s; the HTTP adapter only parses parameters and renders answers.
public struct AccountService: Sendable {
    public let store: any AuthStore
    public let passwords: any PasswordHasher
    public let signer: any UserJWTSigner
    public let codes: any CodeHasher
    /// Seals authenticator secrets at rest.
    public let sealer: any SecretSealer
    public let qrCodes: any QRCodeRenderer
    /// Checks Sign in with Apple and Google ID tokens.
    public let identityTokens: any IdentityTokenVerifier
    public let policy: Policy
    /// The per-address request counts of this instance.
    let addressCounter: WindowCounter
    public let now: @Sendable () -> Date

    /// Lifetimes and limits that are the host's rather than an app's.
    public struct Policy: Sendable {
        /// Wrong codes a pending signup or reset survives; the next wrong one kills it.
        public var maxCodeAttempts = 5
        /// How long `maxLoginAttempts` consecutive failures lock an account.
        public var lockoutDuration: TimeInterval = 15 * 60
        public var rateLimits = RateLimits()
        /// How long a login token waits for its second factor.
        public var loginTokenLifetime: TimeInterval = 5 * 60
        /// How long an SMS code proves a phone.
        public var phoneCodeLifetime: TimeInterval = 10 * 60
        /// The address users and emails see, for links (`--public-url`).
        public var publicURL = "http://127.0.0.1:8080"
        public init() {}
    }

    public init(
        store: any AuthStore, passwords: any PasswordHasher, signer: any UserJWTSigner, codes: any CodeHasher,
        sealer: any SecretSealer, qrCodes: any QRCodeRenderer, identityTokens: any IdentityTokenVerifier,
        policy: Policy = Policy(), addressCounter: WindowCounter = WindowCounter(),
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.addressCounter = addressCounter
        self.sealer = sealer
        self.qrCodes = qrCodes
        self.identityTokens = identityTokens
        self.store = store
        self.passwords = passwords
        self.signer = signer
        self.codes = codes
        self.policy = policy
        self.now = now
    }
}

extension AccountService {
    var mailer: Mailer { Mailer(templates: store) }
    var audit: AuditTrail { AuditTrail(log: store, now: now) }

    /// A handle as the audit log names the actor: normalized, or marked malformed (a client may have
    /// put anything there, even a password, so nothing unrecognisable is kept).
    static func auditActor(_ rawHandle: String, app: App) -> String {
        Handle.auditable(rawHandle, userNames: app.settings.userNamesEnabled) ?? "(malformed handle)"
    }

    /// A code equals a stored digest; compared in constant time.
    func codeMatches(_ code: String, digest: String, salt: UUID) -> Bool {
        RandomToken.constantTimeEquals(codes.digest(CodeText.normalized(code), salt: salt), digest)
    }

    /// One attempt at a stored code. The attempt is counted before the comparison, in one conditional
    /// statement, so however many guesses arrive at once, at most `maxCodeAttempts` are ever compared.
    func attemptCode(_ code: String, record: CodeRecord, digest: String, salt: UUID) async throws -> CodeAttempt {
        guard try await store.takeCodeAttempt(record, maxAttempts: policy.maxCodeAttempts, now: now()) else { return .spent }
        return codeMatches(code, digest: digest, salt: salt) ? .right : .wrong
    }
}

/// A caller authenticated by an access token.
public struct AuthenticatedUser: Sendable {
    public var app: App
    public var user: User
    /// The digest of the access token used, so a flow can keep this session while revoking others.
    public var tokenDigest: String
}
