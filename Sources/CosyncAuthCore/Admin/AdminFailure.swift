/// Why the administration API refused a call: one type for every admin service (apps, users, pending
/// records, secrets, imports), so the HTTP adapter maps each reason to one status and the CLI prints the
/// message as it is. The user API has its own, `AuthError`, with the protocol's numeric codes.
public struct AdminFailure: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        /// No such app, user or item: 404.
        case notFound
        /// A name in use or a change that collides: 409.
        case conflict
        /// A parameter or an uploaded file is wrong: 400.
        case invalid
    }

    /// Where in an imported archive the fault is.
    public struct Location: Sendable, Equatable {
        public var file: String
        public var line: Int?
    }

    public var reason: Reason
    public var message: String
    public var location: Location?

    public init(_ reason: Reason, _ message: String, location: Location? = nil) {
        self.reason = reason
        self.message = message
        self.location = location
    }

    public var description: String {
        guard let location else { return message }
        return location.line.map { "\(location.file) line \($0): \(message)" } ?? "\(location.file): \(message)"
    }

    public static func appNotFound(_ app: String) -> Self { Self(.notFound, "no app with id or name '\(app)'") }
    public static func userNotFound(_ user: String) -> Self { Self(.notFound, "no user '\(user)' in this app") }
    public static func notFound(_ message: String) -> Self { Self(.notFound, message) }
    public static func nameTaken(_ name: String) -> Self { Self(.conflict, "an app named '\(name)' already exists") }
    public static func conflict(_ message: String) -> Self { Self(.conflict, message) }
    public static func invalidSetting(_ message: String) -> Self { Self(.invalid, message) }

    public static func invalidSecretName(_ name: String) -> Self {
        Self(.invalid, "'\(name)' is not a secret name: use 1 to 64 lower-case letters, digits, - and _")
    }
    public static func secretExists(_ name: String) -> Self { Self(.conflict, "a secret named '\(name)' exists; revoke it first") }
    public static func secretNotFound(_ name: String) -> Self { Self(.notFound, "no secret named '\(name)'") }

    /// A refusal of an import, naming the archive's file and line at fault.
    public static func archive(file: String, line: Int?, _ message: String) -> Self {
        Self(.invalid, message, location: Location(file: file, line: line))
    }
}
