import Foundation
import PostgresNIO
import SQLiteNIO

/// A row's columns read by name straight from the driver's cells. SQLKit's rows decode every value
/// through Codable: on PostgreSQL that was a third of the token check's time in the request's task
/// (measured with perf on getUser).
protocol RowColumns {
    func string(_ column: String) throws -> String
    func optionalString(_ column: String) throws -> String?
    func uuid(_ column: String) throws -> UUID
    func date(_ column: String) throws -> Date
    func optionalDate(_ column: String) throws -> Date?
    func bool(_ column: String) throws -> Bool
    func int(_ column: String) throws -> Int
}

/// A column missing from a row or holding a value of another type: the schema and the statement disagree.
struct ColumnMismatch: Error, CustomStringConvertible {
    let column: String
    let expected: Any.Type
    var description: String { "column \(column) does not hold a \(expected)" }
}

struct PostgresColumns: RowColumns {
    let row: PostgresRandomAccessRow

    init(_ row: PostgresRow) { self.row = PostgresRandomAccessRow(row) }

    private func value<T: PostgresDecodable>(_ column: String, as type: T.Type = T.self) throws -> T {
        guard row.contains(column) else { throw ColumnMismatch(column: column, expected: T.self) }
        return try row[column].decode(T.self)
    }

    func string(_ column: String) throws -> String { try value(column) }
    func optionalString(_ column: String) throws -> String? { try value(column) }
    func uuid(_ column: String) throws -> UUID { try value(column) }
    func date(_ column: String) throws -> Date { try value(column) }
    func optionalDate(_ column: String) throws -> Date? { try value(column) }
    func bool(_ column: String) throws -> Bool { try value(column) }
    func int(_ column: String) throws -> Int { try value(column) }
}

/// SQLite's cells converted as SQLiteKit converts them for Fluent (UUIDs are stored as text).
struct SQLiteColumns: RowColumns {
    let row: SQLiteRow

    private func data(_ column: String, _ expected: Any.Type) throws -> SQLiteData {
        guard let data = row.column(column) else { throw ColumnMismatch(column: column, expected: expected) }
        return data
    }

    private func value<T: SQLiteDataConvertible>(_ column: String, as type: T.Type = T.self) throws -> T {
        guard let value = T(sqliteData: try data(column, T.self)) else { throw ColumnMismatch(column: column, expected: T.self) }
        return value
    }

    private func optional<T: SQLiteDataConvertible>(_ column: String, as type: T.Type = T.self) throws -> T? {
        if case .null = try data(column, T.self) { return nil }
        return try value(column, as: T.self)
    }

    func string(_ column: String) throws -> String { try value(column) }
    func optionalString(_ column: String) throws -> String? { try optional(column) }
    func date(_ column: String) throws -> Date { try value(column) }
    func optionalDate(_ column: String) throws -> Date? { try optional(column) }
    func bool(_ column: String) throws -> Bool { try value(column) }
    func int(_ column: String) throws -> Int { try value(column) }

    func uuid(_ column: String) throws -> UUID {
        guard case .text(let text) = try data(column, UUID.self), let uuid = UUID(uuidString: text) else {
            throw ColumnMismatch(column: column, expected: UUID.self)
        }
        return uuid
    }
}
