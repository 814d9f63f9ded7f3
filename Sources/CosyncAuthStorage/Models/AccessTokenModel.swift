import CosyncAuthCore
import FluentKit
import Foundation

/// Row of `access_tokens`, keyed by the token's digest.
final class AccessTokenModel: Model, @unchecked Sendable {
    static let schema = "access_tokens"

    @ID(custom: "digest", generatedBy: .user) var id: String?
    @Field(key: "user_id") var userId: UUID
    @Field(key: "app_id") var appId: UUID
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date

    init() {}

    init(_ t: AccessTokenRecord) {
        id = t.digest
        userId = t.userId
        appId = t.appId
        createdAt = t.createdAt
        expiresAt = t.expiresAt
    }

    func domain() throws -> AccessTokenRecord {
        AccessTokenRecord(digest: try requireID(), userId: userId, appId: appId, createdAt: createdAt, expiresAt: expiresAt)
    }
}
