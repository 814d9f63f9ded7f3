import FluentKit
import Foundation
import SQLKit

/// Brings a database to the newest schema version at start-up. Every step runs in one transaction with
/// its version record, so a crash leaves the schema at a known version. On PostgreSQL an advisory lock
/// makes instances that start together take turns: the first migrates, the others find it done.
struct Migrator {
    let database: any Database
    let engine: DatabaseURL.Engine
    /// The PostgreSQL schema the tables live in, created when missing.
    let schema: String?

    /// Applies what is missing; answers the versions it applied.
    @discardableResult
    func migrate() async throws -> [Int] {
        let engine = engine
        let schema = schema
        return try await database.transaction { tx in
            guard let sql = tx as? any SQLDatabase else { throw MigrationError.notSQL }
            if engine == .postgres {
                try await sql.raw("SELECT pg_advisory_xact_lock(\(literal: Self.lockKey(schema: schema)))").run()
                if let schema {
                    try await sql.raw("CREATE SCHEMA IF NOT EXISTS \(ident: schema)").run()
                }
            }
            try await sql.raw(
                """
                CREATE TABLE IF NOT EXISTS schema_versions (
                    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)
                """
            ).run()
            let applied = Set(
                try await sql.raw("SELECT version FROM schema_versions").all().map {
                    try $0.decode(column: "version", as: Int.self)
                })
            if let newest = applied.max(), newest > (SchemaMigrations.all.map(\.version).max() ?? 0) {
                throw MigrationError.newerSchema(newest)
            }
            var done: [Int] = []
            for step in SchemaMigrations.all where !applied.contains(step.version) {
                try await step.apply(tx)
                let now = ISO8601DateFormatter().string(from: Date())
                try await sql.raw(
                    """
                    INSERT INTO schema_versions (version, name, applied_at)
                    VALUES (\(bind: step.version), \(bind: step.name), \(bind: now))
                    """
                ).run()
                done.append(step.version)
            }
            return done
        }
    }

    /// The advisory lock for one schema's migrations: hosts on other schemas of the same database never
    /// wait for each other. FNV-1a of the schema's name, so every instance computes the same key.
    static func lockKey(schema: String?) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "cosync-auth migrations \(schema ?? "public")".utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return Int64(bitPattern: hash)
    }
}

enum MigrationError: Error, CustomStringConvertible {
    case notSQL
    case newerSchema(Int)

    var description: String {
        switch self {
        case .notSQL: "the database driver does not speak SQL"
        case .newerSchema(let v): "the database schema is at version \(v), newer than this cosync-auth knows; upgrade cosync-auth"
        }
    }
}
