import CosyncAuthCore
import FluentKit
import Foundation

/// Row of `invites`; one per (app_id, handle).
final class InviteModel: Model, @unchecked Sendable {
    static let schema = "invites"

    @ID(key: .id) var id: UUID?
    @Field(key: "app_id") var appId: UUID
    @Field(key: "handle") var handle: String
    @Field(key: "sender_user_id") var senderUserId: UUID
    @Field(key: "sender_handle") var senderHandle: String
    @Field(key: "metadata") var metadata: String
    @Field(key: "code_digest") var codeDigest: String
    @OptionalField(key: "sealed_code") var sealedCode: String?
    @Field(key: "failed_attempts") var failedAttempts: Int
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date

    /// The column predates operator invitations and is NOT NULL; the nil UUID stands for "the operator".
    static let operatorSender = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))

    init() {}

    init(_ i: Invite) {
        id = i.id
        appId = i.appId
        handle = i.handle
        senderUserId = i.senderUserId ?? Self.operatorSender
        senderHandle = i.senderHandle
        metadata = i.metadata.jsonText
        codeDigest = i.codeDigest
        sealedCode = i.sealedCode
        failedAttempts = i.failedAttempts
        createdAt = i.createdAt
        expiresAt = i.expiresAt
    }

    func domain() throws -> Invite {
        Invite(
            id: try requireID(), appId: appId, handle: handle, senderUserId: senderUserId == Self.operatorSender ? nil : senderUserId,
            senderHandle: senderHandle,
            metadata: JSONValue(jsonText: metadata) ?? .emptyObject, codeDigest: codeDigest, sealedCode: sealedCode,
            failedAttempts: failedAttempts, createdAt: createdAt, expiresAt: expiresAt)
    }
}
