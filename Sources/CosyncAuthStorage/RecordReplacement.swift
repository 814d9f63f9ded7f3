import FluentKit
import SQLKit

/// Records that exist at most once per key (a user's password reset, a handle's pending signup or
/// invite, a user's authenticator enrollment...) are replaced by deleting and inserting in one
/// transaction. Two replacements of one key at once (two instances behind a balancer, a double-tapped
/// button) would both find nothing to delete under PostgreSQL's read-committed isolation, and the
/// second insert would fail the unique key: a 500 for a valid request. So on PostgreSQL the
/// transaction first takes a lock on the key, held until the transaction ends (the caller's, when the
/// replacement is part of a larger one); the second replacement waits, then deletes the first's record.
/// SQLite runs one writing transaction at a time already.
extension FluentAuthStore {
    func replacing(_ key: String, _ work: @escaping @Sendable (any Database) async throws -> Void) async throws {
        try await database.transaction { tx in
            if let sql = tx as? any SQLDatabase, sql.dialect.name == "postgresql" {
                try await sql.raw("SELECT pg_advisory_xact_lock(hashtextextended(\(bind: key), 0))").run()
            }
            try await work(tx)
        }
    }
}
