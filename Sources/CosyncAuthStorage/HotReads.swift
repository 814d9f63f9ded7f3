import FluentKit
import Foundation
import Logging
import PostgresNIO
import SQLKit
import SQLiteNIO

/// A read every user call makes (its app token, its access token) or every login (its user): one
/// statement with `$1`, `$2`... parameters, which both engines accept as written. PostgreSQL prepares it
/// once per connection: planning the token check's three-table join anew was 40 % of the server's time
/// per getUser (perf), and an A/B on getUser gave 4,200-4,900 req/s prepared against 2,900-3,600.
protocol HotStatement: PostgresPreparedStatement where Row == PostgresRow {
    var parameters: [HotParameter] { get }
}

/// A statement's parameter, bound as each engine stores it (Fluent keeps UUIDs as text in SQLite).
enum HotParameter {
    case text(String)
    case uuid(UUID)

    var sqlite: SQLiteData {
        switch self {
        case .text(let text): .text(text)
        case .uuid(let uuid): .text(uuid.uuidString)
        }
    }

    func bind(into bindings: inout PostgresBindings) {
        switch self {
        case .text(let text): bindings.append(text)
        case .uuid(let uuid): bindings.append(uuid)
        }
    }
}

extension HotStatement {
    func makeBindings() -> PostgresBindings {
        var bindings = PostgresBindings(capacity: parameters.count)
        for parameter in parameters { parameter.bind(into: &bindings) }
        return bindings
    }

    func decodeRow(_ row: PostgresRow) -> PostgresRow { row }
}

/// Connections of their own for the hot reads, beside the store's (SQLiteReaders, PostgresReaders).
protocol HotReaders: Sendable {
    /// Opens the connections, once the database is migrated.
    func start() async throws
    /// The first row of `statement`, read outside any transaction.
    func firstRow<Statement: HotStatement>(_ statement: Statement) async throws -> (any RowColumns)?
    func shutdown() async
}

extension FluentAuthStore {
    /// The first row of `statement`: outside a transaction on the hot readers' connections, else on the
    /// store's connection (PostgreSQL prepares the statement once per connection).
    /// Logged as SQLKit logs its statements: the query-plan tests read them from the statement log.
    func firstRow<Statement: HotStatement>(_ statement: Statement) async throws -> (any RowColumns)? {
        if let level = sql.queryLogLevel { database.logger.log(level: level, "Executing query", metadata: ["sql": .string(Statement.sql)]) }
        if let readers { return try await readers.firstRow(statement) }
        if let sqlite = database as? any SQLiteDatabase {
            let rows = try await sqlite.query(Statement.sql, statement.parameters.map(\.sqlite))
            return rows.first.map(SQLiteColumns.init)
        }
        let postgres = database as! any PostgresDatabase
        let row = try await postgres.withConnection { connection in
            connection.eventLoop.makeFutureWithTask { () async throws -> PostgresRow? in
                for try await row in try await connection.execute(statement, logger: connection.logger) { return row }
                return nil
            }
        }.get()
        return row.map(PostgresColumns.init)
    }
}
