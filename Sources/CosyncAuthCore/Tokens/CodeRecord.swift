public import Foundation

/// A stored record that holds a code, by its key.
public enum CodeRecord: Sendable, Equatable {
    case pendingSignup(id: UUID)
    case passwordReset(userId: UUID)
    case invite(id: UUID)
    case phoneVerification(userId: UUID)
    case loginChallenge(digest: String)
}

/// The outcome of one attempt at a code.
public enum CodeAttempt: Sendable, Equatable {
    case right
    case wrong
    /// Expired, out of attempts or already used: not compared at all.
    case spent
}
