import Foundation

/// Where the host keeps its data: `sqlite:PATH` (the embedded default) or
/// `postgres://user:password@host:port/database?schema=NAME` (tables in their own schema).
public struct DatabaseURL: Sendable, Equatable, CustomStringConvertible {
    public enum Engine: Sendable, Equatable {
        case sqlite
        case postgres
    }

    public static let defaultValue = "sqlite:cosync-auth.sqlite"
    public static let defaultSchema = "cosync_auth"

    public let engine: Engine
    /// SQLite: the file path. PostgreSQL: the URL without our own `schema` parameter.
    public let location: String
    /// PostgreSQL only.
    public let schema: String?

    public init(_ text: String) throws(Invalid) {
        if text.hasPrefix("sqlite:") {
            var path = String(text.dropFirst("sqlite:".count))
            if path.hasPrefix("//") { path.removeFirst(2) }
            guard !path.isEmpty else { throw Invalid(text: text, reason: "sqlite: needs a file path, e.g. sqlite:cosync-auth.sqlite") }
            engine = .sqlite
            location = path
            schema = nil
        } else if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            guard var components = URLComponents(string: text), components.host?.isEmpty == false,
                components.user?.isEmpty == false
            else { throw Invalid(text: text, reason: "expected postgres://user:password@host:port/database") }
            var items = components.queryItems ?? []
            let schemaName = items.last(where: { $0.name == "schema" })?.value ?? Self.defaultSchema
            items.removeAll { $0.name == "schema" }
            components.queryItems = items.isEmpty ? nil : items
            guard Self.isValidSchemaName(schemaName) else {
                throw Invalid(text: text, reason: "schema must be lower-case letters, digits and _, starting with a letter or _")
            }
            guard let stripped = components.string else { throw Invalid(text: text, reason: "malformed URL") }
            engine = .postgres
            location = stripped
            schema = schemaName
        } else {
            throw Invalid(text: text, reason: "use sqlite:PATH or postgres://user:password@host:port/database")
        }
    }

    static func isValidSchemaName(_ name: String) -> Bool {
        guard let first = name.first, name.count <= 63, first == "_" || (first.isASCII && first.isLowercase) else { return false }
        return name.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isLowercase || $0.isNumber)) }
    }

    /// For logs: the password is never shown.
    public var description: String {
        switch engine {
        case .sqlite: return "sqlite:\(location)"
        case .postgres:
            guard var components = URLComponents(string: location) else { return "postgres://…" }
            if components.password != nil { components.password = "***" }
            return (components.string ?? "postgres://…") + " (schema \(schema ?? Self.defaultSchema))"
        }
    }

    public struct Invalid: Error, CustomStringConvertible {
        public let text: String
        public let reason: String
        public var description: String { "invalid database URL: \(reason)" }
    }
}
