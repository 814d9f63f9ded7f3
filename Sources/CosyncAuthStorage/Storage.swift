public import CosyncAuthCore
import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
public import Logging
import NIOCore
import NIOPosix
import SQLKit

#if canImport(Glibc)
    import Glibc
#endif

/// The host's database: opens the engine a `DatabaseURL` names, migrates it, and hands out the store.
/// Call `shutdown()` once when done.
public final class Storage: Sendable {
    public let url: DatabaseURL
    public let store: any AuthStore
    private let databases: Databases
    private let database: any Database
    private let eventLoops: MultiThreadedEventLoopGroup?
    private let readers: (any HotReaders)?

    /// Opens (creating a SQLite file when missing) and migrates the database.
    public static func open(_ url: DatabaseURL, logger: Logger) async throws -> Storage {
        try await open(url, logger: logger, statementLog: nil)
    }

    /// As `open`, sending every SQL statement the host runs, with its bound values, to `statementLog` at
    /// info: for tests that check how the database runs them (`EXPLAIN`). Never a host's own log, where
    /// the bound values (password hashes, codes) would be printed.
    @_spi(Testing) public static func open(_ url: DatabaseURL, logger: Logger, statementLog: Logger?) async throws -> Storage {
        let storage = try Storage(url: url, logger: logger, statementLog: statementLog)
        do {
            if url.engine == .sqlite, let sql = storage.database as? any SQLDatabase {
                // WAL lets the CLI read while `serve` writes; the timeout makes a second process wait for
                // the write lock instead of failing at once.
                try await sql.raw("PRAGMA journal_mode = WAL").run()
                try await sql.raw("PRAGMA busy_timeout = 5000").run()
                // Every commit is on disk before the request that made it is answered, power cut
                // included: a queued message is never lost and a revoked session never comes back.
                // NORMAL would skip that sync, keeping the file consistent but losing the last commits
                // in a power cut (not in a crash of the process).
                try await sql.raw("PRAGMA synchronous = FULL").run()
            }
            let applied = try await Migrator(database: storage.database, engine: url.engine, schema: url.schema).migrate()
            if !applied.isEmpty {
                logger.info("database migrated", metadata: ["versions": "\(applied)", "database": "\(url)"])
            }
            try await storage.readers?.start()
        } catch {
            await storage.shutdown()
            throw error
        }
        return storage
    }

    private init(url: DatabaseURL, logger hostLogger: Logger, statementLog: Logger?) throws {
        self.url = url
        // The drivers log statements with their bound values (password hashes, the codes in queued
        // messages) at debug and trace. No log level of the host may print those: the database logs at
        // info at most, and statements are never logged.
        var logger = hostLogger
        logger.logLevel = max(hostLogger.logLevel, .info)
        let statementLevel: Logger.Level? = statementLog == nil ? nil : .info
        if let statementLog { logger = statementLog }
        switch url.engine {
        case .sqlite:
            // SQLite allows one writer: a single connection on its own event loop serialises every
            // statement in-process, so writers never meet SQLITE_BUSY and transactions never interleave.
            // The database holds password hashes: made 0600 before SQLite creates it with the umask's mode
            // (its -wal and -shm files take the database file's).
            let created = Glibc.open(url.location, O_WRONLY | O_CREAT | O_EXCL, 0o600)
            if created >= 0 { Glibc.close(created) }
            let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
            eventLoops = group
            databases = Databases(threadPool: NIOThreadPool.singleton, on: group)
            databases.use(.sqlite(.file(url.location), sqlLogLevel: statementLevel), as: .sqlite)
            database = databases.database(.sqlite, logger: logger, on: group.any())!
            readers = SQLiteReaders(file: url.location, logger: logger)
        case .postgres:
            eventLoops = nil
            var configuration = try SQLPostgresConfiguration(url: url.location)
            configuration.searchPath = url.schema.map { [$0] }
            // While the database is down a request fails within seconds (503) instead of waiting for it.
            configuration.coreConfiguration.options.connectTimeout = Self.unavailableAfter
            let group = MultiThreadedEventLoopGroup.singleton
            databases = Databases(threadPool: NIOThreadPool.singleton, on: group)
            databases.use(
                .postgres(configuration: configuration, maxConnectionsPerEventLoop: 4, sqlLogLevel: statementLevel ?? .trace),
                as: .psql)
            database = databases.database(.psql, logger: logger, on: group.any())!
            readers = PostgresReaders(configuration: configuration, logger: logger)
        }
        store = FluentAuthStore(database: database, readers: readers)
    }

    /// How long connecting to the database may take before a request is answered "unavailable". A server
    /// that is down refuses at once; this bounds an unreachable one. (3 s was tried: on a busy machine,
    /// where connecting and authenticating itself waits for a core, healthy connections timed out.)
    static let unavailableAfter = TimeAmount.seconds(10)

    /// Whether `error` means the database could not be reached (down, restarting, out of connections)
    /// rather than refusing a statement: the same request may succeed later, so it is a 503, not a 500.
    public static func isUnavailable(_ error: any Error) -> Bool {
        if let error = error as? PSQLError {
            return [.connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .poolClosed]
                .contains(error.code)
                // 57P01..57P03 (shutting down, cannot connect now) and 53300 (too many connections).
                || ["57P01", "57P02", "57P03", "53300"].contains(error.serverInfo?[.sqlState] ?? "")
        }
        if error is ConnectionPoolTimeoutError || error is IOError || error is ChannelError { return true }
        if let error = error as? SQLiteError { return [.busy, .locked, .cantOpen, .ioError].contains(error.reason) }
        return false
    }

    /// Whether the database answers (for `/ready`).
    public func isReachable() async -> Bool {
        guard let sql = database as? any SQLDatabase else { return false }
        return (try? await sql.raw("SELECT 1 AS one").first()) != nil
    }

    public func shutdown() async {
        await databases.shutdownAsync()
        await readers?.shutdown()
        try? await eventLoops?.shutdownGracefully()
    }
}

extension Storage {
    static let masterKeyCheckName = "master_key_check"

    /// Refuses a master key other than the one this database's secrets were sealed with, at start-up
    /// rather than at the first login. The first start records a check value sealed with the key.
    public func checkMasterKey(_ sealer: any SecretSealer) async throws {
        let store = FluentAuthStore(database: database)
        if let check = try await store.hostValue(Self.masterKeyCheckName) {
            _ = try sealer.open(check)
            return
        }
        do {
            try await store.insertHostValue(Self.masterKeyCheckName, try sealer.seal("cosync-auth"))
        } catch {
            guard (error as? any DatabaseError)?.isConstraintFailure == true else { throw error }
            // Another instance starting at the same moment recorded its key first: ours must match it.
            guard let check = try await store.hostValue(Self.masterKeyCheckName) else { throw error }
            _ = try sealer.open(check)
        }
    }
}

extension Storage {
    /// How the database would run `sql` (a statement captured through `statementLog`), one line per plan
    /// step. PostgreSQL is told to avoid sequential scans and to plan for any parameter values, so a
    /// `Seq Scan` left in its plan means no index can serve the statement, however small the table.
    @_spi(Testing) public func queryPlan(of sql: String) async throws -> [String] {
        guard let database = database as? any SQLDatabase else { return [] }
        switch url.engine {
        case .sqlite:
            return try await database.raw("EXPLAIN QUERY PLAN \(unsafeRaw: sql)").all().map { try $0.decode(column: "detail", as: String.self) }
        case .postgres:
            let parameters = (sql.matches(of: /\$(\d+)/).compactMap { Int($0.output.1) }.max() ?? 0)
            let values = Array(repeating: "NULL", count: parameters).joined(separator: ", ")
            return try await database.withSession { session in
                try await session.raw("SET enable_seqscan = off").run()
                try await session.raw("SET plan_cache_mode = force_generic_plan").run()
                try await session.raw("PREPARE plan_check AS \(unsafeRaw: sql)").run()
                let plan = try await session.raw("EXPLAIN EXECUTE plan_check\(unsafeRaw: parameters == 0 ? "" : "(\(values))")").all()
                    .map { try $0.decode(column: "QUERY PLAN", as: String.self) }
                try await session.raw("DEALLOCATE plan_check").run()
                try await session.raw("RESET enable_seqscan").run()
                try await session.raw("RESET plan_cache_mode").run()
                return plan
            }
        }
    }
}
