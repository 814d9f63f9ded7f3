import Logging
import NIOCore
import NIOPosix
import PostgresKit
import PostgresNIO
import Synchronization

/// PostgreSQL's connections for the hot reads outside any transaction (every token check, every login's
/// user), one per core, used in turn: PostgreSQL runs the queries queued on one connection one after the
/// other, so a few connections kept busy serve as many requests as a pool checking one out per read,
/// without the pool's futures and event-loop hops. getUser measured 26 % of the no-op route's rate
/// (`Benchmarks/run`, 2026-12-05) against 20 % through Fluent's pool the same morning.
///
/// A connection that was lost is opened again by the next read that needs it, one attempt at a time per
/// connection: while the server is down every read fails at once or within the connect timeout (503),
/// and no flood of connection attempts follows a flood of requests.
final class PostgresReaders: HotReaders {
    private let configuration: SQLPostgresConfiguration
    private let logger: Logger
    private let slots: [Slot]
    private let turn = Atomic<Int>(0)

    init(configuration: SQLPostgresConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        self.slots = (0..<max(2, System.coreCount)).map { Slot(id: $0) }
    }

    /// Opens every connection now rather than on the first requests.
    func start() async throws {
        for slot in slots { _ = try await slot.connection { try await self.connect(id: slot.id) } }
    }

    func firstRow<Statement: HotStatement>(_ statement: Statement) async throws -> (any RowColumns)? {
        let slot = slots[(turn.wrappingAdd(1, ordering: .relaxed).oldValue & Int.max) % slots.count]
        let connection = try await slot.connection { try await self.connect(id: slot.id) }
        for try await row in try await connection.execute(statement, logger: logger) { return PostgresColumns(row) }
        return nil
    }

    private func connect(id: Int) async throws -> PostgresConnection {
        let connection = try await PostgresConnection.connect(
            on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration.coreConfiguration, id: id, logger: logger)
        if let searchPath = configuration.searchPath {
            do {
                try await connection.sql(queryLogLevel: nil).raw("SET search_path TO \(idents: searchPath, joinedBy: ",")").run()
            } catch {
                try? await connection.close()
                throw error
            }
        }
        return connection
    }

    func shutdown() async {
        for slot in slots { await slot.close() }
    }

    /// One connection, or the attempt under way to open it.
    private final class Slot: Sendable {
        let id: Int
        private let state = Mutex<Task<PostgresConnection, any Error>?>(nil)

        init(id: Int) { self.id = id }

        func connection(opening open: @escaping @Sendable () async throws -> PostgresConnection) async throws -> PostgresConnection {
            let task = state.withLock { current in
                if let current { return current }
                let task = Task { try await open() }
                current = task
                return task
            }
            let connection: PostgresConnection
            do {
                connection = try await task.value
            } catch {
                forget(task)
                throw error
            }
            guard connection.isClosed else { return connection }
            // Lost since (the server restarted, the network broke): this read opens another.
            forget(task)
            return try await self.connection(opening: open)
        }

        /// Drops `task` unless another has replaced it already.
        private func forget(_ task: Task<PostgresConnection, any Error>) {
            state.withLock { current in
                if current == task { current = nil }
            }
        }

        func close() async {
            let task = state.withLock { current in
                defer { current = nil }
                return current
            }
            if let connection = try? await task?.value { try? await connection.close() }
        }
    }
}
