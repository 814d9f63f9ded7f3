/// How a list of users is sorted for an operator.
public enum UserOrder: Sendable {
    /// By handle, A to Z: the original's order.
    case handle
    /// Newest first.
    case newest
    /// Most recent login first; those who never logged in last.
    case lastLogin
}
