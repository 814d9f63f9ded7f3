/// Why the portal refused: one type for the portal's surface, said so that an operator can act.
public struct PortalFailure: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        /// Wrong email, password or code: the same answer for each, so none of them is confirmed.
        case badCredentials
        /// Too many failed logins: the account waits.
        case locked
        /// A value in a form is wrong; `field` names it.
        case invalid
        /// No such operator or host.
        case notFound
        /// A name or address in use.
        case conflict
        /// A host did not answer, or refused its secret.
        case hostUnreachable
    }

    public var reason: Reason
    public var message: String
    /// The form field at fault, for `invalid`.
    public var field: String?

    public init(_ reason: Reason, _ message: String, field: String? = nil) {
        self.reason = reason
        self.message = message
        self.field = field
    }

    public var description: String { message }

    public static let badCredentials = Self(.badCredentials, "wrong email, password or code")
}
