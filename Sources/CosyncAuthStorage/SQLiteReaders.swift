import FluentSQLiteDriver
import Logging
import NIOCore
import NIOPosix
import SQLiteNIO
import Synchronization

/// SQLite's read connections, one per core beside the single writer, for reads outside any transaction
/// (every token check): in WAL mode they read the last commit while the writer writes, in parallel with
/// each other, instead of queueing on the writer's one connection. Measured A/B on getUser: 8,300 and
/// 8,000 req/s against 6,800 and 6,900 with those reads on the writer.
///
/// They are SQLiteNIO's connections used through its async API, not a Fluent pool: a read goes from
/// the request's task to a thread-pool thread and back, where the pool's futures also passed through an
/// event loop on the way there and once per row on the way back. Measured A/B on getUser, alternated
/// runs of one build each: 11,452 / 7,882 / 10,912 req/s against 6,922 / 5,708 / 6,855 through the pool.
final class SQLiteReaders: HotReaders {
    private let file: String
    private let logger: Logger
    private let connections = Mutex<[SQLiteConnection]>([])
    private let turn = Atomic<Int>(0)

    init(file: String, logger: Logger) {
        self.file = file
        self.logger = logger
    }

    /// Opens the connections, once the database is migrated.
    func start() async throws {
        var opened: [SQLiteConnection] = []
        do {
            for _ in 0..<max(2, System.coreCount) {
                let connection = try await SQLiteConnection.open(
                    storage: .file(path: file), threadPool: .singleton, logger: logger, on: MultiThreadedEventLoopGroup.singleton.any())
                opened.append(connection)
                // A reader never writes; a lock held longer than the writer's own timeout fails the read
                // (503), where SQLiteNIO's own handler would retry without end.
                _ = try await connection.query("PRAGMA query_only = ON")
                _ = try await connection.query("PRAGMA busy_timeout = 5000")
            }
        } catch {
            for connection in opened { try? await connection.close() }
            throw error
        }
        connections.withLock { $0 = opened }
    }

    /// A reader, taken in turn.
    private func next() throws -> SQLiteConnection {
        let reader = connections.withLock { all in
            all.isEmpty ? nil : all[(turn.wrappingAdd(1, ordering: .relaxed).oldValue & Int.max) % all.count]
        }
        // Storage starts its readers before it answers any read.
        guard let reader else { throw ReadersNotOpen() }
        return reader
    }

    func firstRow<Statement: HotStatement>(_ statement: Statement) async throws -> (any RowColumns)? {
        let rows = try await next().query(Statement.sql, statement.parameters.map(\.sqlite))
        return rows.first.map(SQLiteColumns.init)
    }

    func shutdown() async {
        let all = connections.withLock { all in
            defer { all = [] }
            return all
        }
        for connection in all { try? await connection.close() }
    }
}

/// A read before `SQLiteReaders.start()`: Storage opens them before it serves anything.
struct ReadersNotOpen: Error, CustomStringConvertible {
    var description: String { "SQLite's read connections are not open" }
}
