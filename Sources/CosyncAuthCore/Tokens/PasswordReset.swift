public import Foundation

/// A password reset waiting for its code; at most one per user. The code itself is never stored.
public struct PasswordReset: Sendable, Equatable {
    public var userId: UUID
    public var codeDigest: String
    public var failedAttempts: Int
    public var createdAt: Date
    public var expiresAt: Date

    public init(userId: UUID, codeDigest: String, failedAttempts: Int = 0, createdAt: Date, expiresAt: Date) {
        self.userId = userId
        self.codeDigest = codeDigest
        self.failedAttempts = failedAttempts
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}
