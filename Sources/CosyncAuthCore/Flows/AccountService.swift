public import Foundation

/// The end-user API's logic, one file per flow (`Login.swift`, `Signup.swift`, ...). It speaks in domain
/// values and `AuthError`s; the HTTP adapter only parses parameters and renders answers.
public struct AccountService: Sendable {
    public let store: any AuthStore
    public let passwords: any PasswordHasher
    public let signer: any UserJWTSigner
    public let policy: Policy
    public let now: @Sendable () -> Date

    /// Lifetimes and limits that are the host's rather than an app's.
    public struct Policy: Sendable {
        public var signupCodeLifetime: TimeInterval = 48 * 3600
        public var maxCodeAttempts = 5
        public init() {}
    }

    public init(
        store: any AuthStore, passwords: any PasswordHasher, signer: any UserJWTSigner,
        policy: Policy = Policy(), now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store
        self.passwords = passwords
        self.signer = signer
        self.policy = policy
        self.now = now
    }
}

/// A caller authenticated by an access token.
public struct AuthenticatedUser: Sendable {
    public var app: App
    public var user: User
    /// The digest of the access token used, so a flow can keep this session while revoking others.
    public var tokenDigest: String
}
