import CosyncAuthCore
import FluentKit
import Foundation

/// Row of `password_resets`, keyed by the user.
final class PasswordResetModel: Model, @unchecked Sendable {
    static let schema = "password_resets"

    @ID(custom: "user_id", generatedBy: .user) var id: UUID?
    @Field(key: "code_digest") var codeDigest: String
    @Field(key: "failed_attempts") var failedAttempts: Int
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date

    init() {}

    init(_ r: PasswordReset) {
        id = r.userId
        codeDigest = r.codeDigest
        failedAttempts = r.failedAttempts
        createdAt = r.createdAt
        expiresAt = r.expiresAt
    }

    func domain() throws -> PasswordReset {
        PasswordReset(userId: try requireID(), codeDigest: codeDigest, failedAttempts: failedAttempts, createdAt: createdAt, expiresAt: expiresAt)
    }
}
