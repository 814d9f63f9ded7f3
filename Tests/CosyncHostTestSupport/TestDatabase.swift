public import CosyncAuthStorage
import Foundation
public import Testing

/// The engines every router test runs on. PostgreSQL is not optional: when it is unreachable the
/// PostgreSQL cases fail (scripts/test starts it).
public enum TestDatabase: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite
    case postgres

    public var testDescription: String { rawValue }

    public static let postgresURL =
        ProcessInfo.processInfo.environment["COSYNC_TEST_POSTGRES_URL"]
        ?? "postgres://cosync:cosync@127.0.0.1:5432/cosync_test?sslmode=disable"

    /// A database of its own for one test: a new SQLite file, or a new PostgreSQL schema.
    public func makeURL() throws -> DatabaseURL {
        let unique = UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        switch self {
        case .sqlite:
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cosync-tests-\(unique)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            return try DatabaseURL("sqlite:\(dir.path)/auth.sqlite")
        case .postgres:
            let separator = Self.postgresURL.contains("?") ? "&" : "?"
            return try DatabaseURL("\(Self.postgresURL)\(separator)schema=t_\(unique)")
        }
    }
}
