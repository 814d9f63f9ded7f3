import CosyncAuthCore
import FluentKit
import Foundation

/// Row of `totp_enrollments`, keyed by the user.
final class TOTPEnrollmentModel: Model, @unchecked Sendable {
    static let schema = "totp_enrollments"

    @ID(custom: "user_id", generatedBy: .user) var id: UUID?
    @Field(key: "sealed_secret") var sealedSecret: String
    @OptionalField(key: "last_used_step") var lastUsedStep: Int64?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(_ e: TOTPEnrollment) {
        id = e.userId
        sealedSecret = e.sealedSecret
        lastUsedStep = e.lastUsedStep
        createdAt = e.createdAt
    }

    func domain() throws -> TOTPEnrollment {
        TOTPEnrollment(userId: try requireID(), sealedSecret: sealedSecret, lastUsedStep: lastUsedStep, createdAt: createdAt)
    }
}

/// Row of `recovery_codes`: one digest per code.
final class RecoveryCodeModel: Model, @unchecked Sendable {
    static let schema = "recovery_codes"

    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userId: UUID
    @Field(key: "digest") var digest: String

    init() {}

    init(userId: UUID, digest: String) {
        id = UUID()
        self.userId = userId
        self.digest = digest
    }
}

/// Row of `login_challenges`, keyed by the login token's digest.
final class LoginChallengeModel: Model, @unchecked Sendable {
    static let schema = "login_challenges"

    @ID(custom: "digest", generatedBy: .user) var id: String?
    @Field(key: "user_id") var userId: UUID
    @Field(key: "app_id") var appId: UUID
    @Field(key: "factor") var factor: String
    @OptionalField(key: "code_digest") var codeDigest: String?
    @Field(key: "failed_attempts") var failedAttempts: Int
    @Field(key: "expires_at") var expiresAt: Date

    init() {}

    init(_ c: LoginChallenge) {
        id = c.digest
        userId = c.userId
        appId = c.appId
        factor = c.factor.rawValue
        codeDigest = c.codeDigest
        failedAttempts = c.failedAttempts
        expiresAt = c.expiresAt
    }

    func domain() throws -> LoginChallenge {
        LoginChallenge(
            digest: try requireID(), userId: userId, appId: appId, factor: LoginChallenge.Factor(rawValue: factor) ?? .authenticator,
            codeDigest: codeDigest, failedAttempts: failedAttempts, expiresAt: expiresAt)
    }
}

/// Row of `phone_verifications`, keyed by the user.
final class PhoneVerificationModel: Model, @unchecked Sendable {
    static let schema = "phone_verifications"

    @ID(custom: "user_id", generatedBy: .user) var id: UUID?
    @Field(key: "phone") var phone: String
    @Field(key: "code_digest") var codeDigest: String
    @Field(key: "failed_attempts") var failedAttempts: Int
    @Field(key: "expires_at") var expiresAt: Date

    init() {}

    init(_ v: PhoneVerification) {
        id = v.userId
        phone = v.phone
        codeDigest = v.codeDigest
        failedAttempts = v.failedAttempts
        expiresAt = v.expiresAt
    }

    func domain() throws -> PhoneVerification {
        PhoneVerification(userId: try requireID(), phone: phone, codeDigest: codeDigest, failedAttempts: failedAttempts, expiresAt: expiresAt)
    }
}
