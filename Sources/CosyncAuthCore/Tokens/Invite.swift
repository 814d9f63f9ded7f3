public import Foundation

/// An invitation waiting for its invitee to register with the emailed code; one per handle and app.
public struct Invite: Sendable, Equatable {
    public var id: UUID
    public var appId: UUID
    public var handle: String
    /// Nil when the operator sent the invitation.
    public var senderUserId: UUID?
    public var senderHandle: String
    /// The invite metadata (the app's `metaDataInvite` fields), copied into the new user's metadata.
    public var metadata: JSONValue
    public var codeDigest: String
    /// The code sealed with the master key, so the same invitation can be sent again; nil when imported.
    public var sealedCode: String?
    public var failedAttempts: Int
    public var createdAt: Date
    public var expiresAt: Date

    public init(
        id: UUID = UUID(), appId: UUID, handle: String, senderUserId: UUID?, senderHandle: String, metadata: JSONValue,
        codeDigest: String, sealedCode: String? = nil, failedAttempts: Int = 0, createdAt: Date, expiresAt: Date
    ) {
        self.id = id
        self.appId = appId
        self.handle = handle
        self.senderUserId = senderUserId
        self.senderHandle = senderHandle
        self.metadata = metadata
        self.codeDigest = codeDigest
        self.sealedCode = sealedCode
        self.failedAttempts = failedAttempts
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}
