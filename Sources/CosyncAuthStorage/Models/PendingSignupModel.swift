import CosyncAuthCore
import FluentKit
import Foundation

/// Row of `pending_signups`; one per (app_id, handle).
final class PendingSignupModel: Model, @unchecked Sendable {
    static let schema = "pending_signups"

    @ID(key: .id) var id: UUID?
    @Field(key: "app_id") var appId: UUID
    @Field(key: "handle") var handle: String
    @Field(key: "password_hash") var passwordHash: String
    @Field(key: "metadata") var metadata: String
    @Field(key: "locale") var locale: String
    @Field(key: "code_digest") var codeDigest: String
    @OptionalField(key: "sealed_code") var sealedCode: String?
    @Field(key: "failed_attempts") var failedAttempts: Int
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date

    init() {}

    init(_ s: PendingSignup) {
        id = s.id
        appId = s.appId
        handle = s.handle
        passwordHash = s.passwordHash
        metadata = s.metadata.jsonText
        locale = s.locale
        codeDigest = s.codeDigest
        sealedCode = s.sealedCode
        failedAttempts = s.failedAttempts
        createdAt = s.createdAt
        expiresAt = s.expiresAt
    }

    func domain() throws -> PendingSignup {
        PendingSignup(
            id: try requireID(), appId: appId, handle: handle, passwordHash: passwordHash,
            metadata: JSONValue(jsonText: metadata) ?? .emptyObject, locale: locale, codeDigest: codeDigest,
            sealedCode: sealedCode, failedAttempts: failedAttempts, createdAt: createdAt, expiresAt: expiresAt)
    }
}
