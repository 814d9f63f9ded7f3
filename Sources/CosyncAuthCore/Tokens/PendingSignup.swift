public import Foundation

/// A signup waiting for its code (the `code` and `link` flows). The code is stored as a keyed digest, and
/// sealed with the master key so that a second signup of the handle resends it instead of replacing it.
public struct PendingSignup: Sendable, Equatable {
    public var id: UUID
    public var appId: UUID
    public var handle: String
    public var passwordHash: String
    public var metadata: JSONValue
    public var locale: String
    public var codeDigest: String
    /// The code sealed with the master key; nil for signups imported from elsewhere.
    public var sealedCode: String?
    public var failedAttempts: Int
    public var createdAt: Date
    public var expiresAt: Date

    public init(
        id: UUID = UUID(), appId: UUID, handle: String, passwordHash: String, metadata: JSONValue,
        locale: String, codeDigest: String, sealedCode: String? = nil, failedAttempts: Int = 0, createdAt: Date, expiresAt: Date
    ) {
        self.id = id
        self.appId = appId
        self.handle = handle
        self.passwordHash = passwordHash
        self.metadata = metadata
        self.locale = locale
        self.codeDigest = codeDigest
        self.sealedCode = sealedCode
        self.failedAttempts = failedAttempts
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}
