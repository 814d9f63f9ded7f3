public import Foundation

/// A user's authenticator secret, sealed with the host's master key, and the last time step a code
/// was accepted for (so each code works once).
public struct TOTPEnrollment: Sendable, Equatable {
    public var userId: UUID
    public var sealedSecret: String
    public var lastUsedStep: Int64?
    public var createdAt: Date

    public init(userId: UUID, sealedSecret: String, lastUsedStep: Int64? = nil, createdAt: Date) {
        self.userId = userId
        self.sealedSecret = sealedSecret
        self.lastUsedStep = lastUsedStep
        self.createdAt = createdAt
    }
}

/// A login waiting for its second factor, named by the digest of its login token. Single-use, bound
/// to one user and app, short-lived.
public struct LoginChallenge: Sendable, Equatable {
    public enum Factor: String, Sendable { case authenticator, sms }

    public var digest: String
    public var userId: UUID
    public var appId: UUID
    public var factor: Factor
    /// The keyed digest of the SMS code; nil for the authenticator.
    public var codeDigest: String?
    public var failedAttempts: Int
    public var expiresAt: Date

    public init(digest: String, userId: UUID, appId: UUID, factor: Factor, codeDigest: String?, failedAttempts: Int = 0, expiresAt: Date) {
        self.digest = digest
        self.userId = userId
        self.appId = appId
        self.factor = factor
        self.codeDigest = codeDigest
        self.failedAttempts = failedAttempts
        self.expiresAt = expiresAt
    }
}

/// A code sent by SMS to prove a phone number; one per user.
public struct PhoneVerification: Sendable, Equatable {
    public var userId: UUID
    public var phone: String
    public var codeDigest: String
    public var failedAttempts: Int
    public var expiresAt: Date

    public init(userId: UUID, phone: String, codeDigest: String, failedAttempts: Int = 0, expiresAt: Date) {
        self.userId = userId
        self.phone = phone
        self.codeDigest = codeDigest
        self.failedAttempts = failedAttempts
        self.expiresAt = expiresAt
    }
}
