/// The providers a user can sign in with instead of a password.
public enum SocialProvider: String, Sendable, CaseIterable {
    case apple
    case google

    public var loginProvider: LoginProvider {
        switch self {
        case .apple: .apple
        case .google: .google
        }
    }
}

/// Who a provider's ID token says the user is, once its signature and claims have been checked.
public struct ProviderIdentity: Sendable, Equatable {
    /// The provider's stable id of the user (`sub`): an email can change hands, this cannot.
    public var subject: String
    public var email: String?

    public init(subject: String, email: String?) {
        self.subject = subject
        self.email = email
    }
}

/// Checks a provider's ID token: its signature against the provider's published keys, its issuer, its
/// audience (one of the app's ids at that provider), its expiry and issue time.
public protocol IdentityTokenVerifier: Sendable {
    /// Throws `AuthError.invalidSocialToken` when the token is not valid for `audiences`, and
    /// `AuthError.unavailable` when the provider's keys cannot be had (never fetched, provider down).
    func verify(_ idToken: String, provider: SocialProvider, audiences: [String]) async throws -> ProviderIdentity
}
