public import Foundation

/// One of an app's RSA key pairs, as backends see it: the one that signs new JWTs, or one that signed
/// before a rotation and stays published (so JWTs it signed still verify) until it retires.
public struct SigningKey: Sendable, Equatable {
    /// The key's RFC 7638 thumbprint, the `kid` of the JWTs it signs.
    public var kid: String
    public var publicKeyPEM: String
    /// Nil for the key that signs now.
    public var retiresAt: Date?

    public init(kid: String, publicKeyPEM: String, retiresAt: Date?) {
        self.kid = kid
        self.publicKeyPEM = publicKeyPEM
        self.retiresAt = retiresAt
    }
}

/// A public key replaced by a rotation, published until `retiresAt`.
public struct RetiringKey: Sendable, Equatable {
    public var publicKeyPEM: String
    public var retiresAt: Date

    public init(publicKeyPEM: String, retiresAt: Date) {
        self.publicKeyPEM = publicKeyPEM
        self.retiresAt = retiresAt
    }
}
