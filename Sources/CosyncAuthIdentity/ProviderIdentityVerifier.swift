public import AsyncHTTPClient
public import CosyncAuthCore
public import Foundation
import JWTKit
public import Logging

/// Verifies Sign in with Apple and Google ID tokens. The signature is checked against the provider's
/// published keys (RS256 only, whatever the token's header asks for: an `alg: none` token or an HS256
/// token "signed" with a public key is refused before any key is looked at), then the issuer, the
/// audience (one of the app's ids at the provider), the expiry and the issue time.
public struct ProviderIdentityVerifier: IdentityTokenVerifier {
    public struct Endpoints: Sendable {
        public var appleKeysURL: String
        public var googleKeysURL: String

        public static let providers = Endpoints(
            appleKeysURL: "https://appleid.apple.com/auth/keys",
            googleKeysURL: "https://www.googleapis.com/oauth2/v3/certs")

        public init(appleKeysURL: String, googleKeysURL: String) {
            self.appleKeysURL = appleKeysURL
            self.googleKeysURL = googleKeysURL
        }
    }

    let apple: ProviderKeySet
    let google: ProviderKeySet
    let now: @Sendable () -> Date

    /// How far a token's times may be off the host's clock (the providers' and ours both drift).
    static let clockSkew: TimeInterval = 60
    /// A bound on what is parsed before the signature is checked.
    static let largestToken = 16 * 1024

    public init(
        endpoints: Endpoints = .providers, http: HTTPClient = .shared, refetchInterval: TimeInterval = 30,
        logger: Logger, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        apple = ProviderKeySet(url: endpoints.appleKeysURL, http: http, refetchInterval: refetchInterval, logger: logger, now: now)
        google = ProviderKeySet(url: endpoints.googleKeysURL, http: http, refetchInterval: refetchInterval, logger: logger, now: now)
        self.now = now
    }

    /// The issuers each provider signs as.
    static func issuers(_ provider: SocialProvider) -> Set<String> {
        switch provider {
        case .apple: ["https://appleid.apple.com"]
        case .google: ["https://accounts.google.com", "accounts.google.com"]
        }
    }

    public func verify(_ idToken: String, provider: SocialProvider, audiences: [String]) async throws -> ProviderIdentity {
        guard idToken.utf8.count <= Self.largestToken, let header = Self.header(of: idToken),
            header.alg == "RS256", let kid = header.kid, !kid.isEmpty, kid.utf8.count <= 256
        else { throw AuthError.invalidSocialToken }
        let keySet = provider == .apple ? apple : google
        let keys: JWTKeyCollection?
        do {
            keys = try await keySet.keys(for: kid)
        } catch {
            throw AuthError.unavailable(retryAfter: 30)
        }
        guard let keys, let claims = try? await keys.verify(idToken, as: IDTokenClaims.self) else {
            throw AuthError.invalidSocialToken
        }
        let time = now().timeIntervalSince1970
        guard Self.issuers(provider).contains(claims.iss),
            claims.aud.contains(where: { audiences.contains($0) }),
            claims.exp + Self.clockSkew > time,
            claims.iat - Self.clockSkew <= time,
            !claims.sub.isEmpty
        else { throw AuthError.invalidSocialToken }
        return ProviderIdentity(subject: claims.sub, email: claims.verifiedEmail)
    }

    struct Header: Decodable {
        var alg: String?
        var kid: String?
    }

    static func header(of token: String) -> Header? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let data = Data(base64URLEncoded: parts[0]) else { return nil }
        return try? JSONDecoder().decode(Header.self, from: data)
    }
}

/// The claims of an ID token this host reads. Times and audiences are checked by the verifier, against
/// its clock and the app's settings.
struct IDTokenClaims: JWTPayload {
    var iss: String
    var sub: String
    var aud: [String]
    var exp: TimeInterval
    var iat: TimeInterval
    var email: String?
    var emailVerified: Bool

    /// The email, if the provider vouches for it (Apple sends `email_verified` as a string).
    var verifiedEmail: String? { emailVerified ? email : nil }

    enum CodingKeys: String, CodingKey {
        case iss, sub, aud, exp, iat, email
        case emailVerified = "email_verified"
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        iss = try c.decode(String.self, forKey: .iss)
        sub = try c.decode(String.self, forKey: .sub)
        if let one = try? c.decode(String.self, forKey: .aud) {
            aud = [one]
        } else {
            aud = try c.decode([String].self, forKey: .aud)
        }
        exp = try c.decode(TimeInterval.self, forKey: .exp)
        iat = try c.decode(TimeInterval.self, forKey: .iat)
        email = try c.decodeIfPresent(String.self, forKey: .email)
        if let flag = try? c.decode(Bool.self, forKey: .emailVerified) {
            emailVerified = flag
        } else {
            emailVerified = (try? c.decode(String.self, forKey: .emailVerified)) == "true"
        }
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(iss, forKey: .iss)
        try c.encode(sub, forKey: .sub)
        try c.encode(aud, forKey: .aud)
        try c.encode(exp, forKey: .exp)
        try c.encode(iat, forKey: .iat)
        try c.encodeIfPresent(email, forKey: .email)
        try c.encode(emailVerified, forKey: .emailVerified)
    }

    /// Times are checked by the verifier, against its own clock.
    func verify(using algorithm: some JWTAlgorithm) throws {}
}
