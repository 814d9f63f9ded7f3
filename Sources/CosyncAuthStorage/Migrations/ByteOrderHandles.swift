import FluentKit
import SQLKit

/// Version 13: on PostgreSQL, users' handles and user names compare byte by byte (`COLLATE "C"`), as
/// SQLite's always have. An operator's prefix search is then a range of the index that holds exactly
/// the names with that prefix; under a language's collation (a database created `en_US.UTF-8`) the
/// range would also hold names that merely sort nearby, punctuation being weighed last. Equality, and so
/// uniqueness and every login lookup, is unchanged; lists by handle now sort the same on both engines.
enum ByteOrderHandles {
    @Sendable static func apply(_ db: any Database) async throws {
        guard let sql = db as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
        try await sql.raw(
            """
            ALTER TABLE users ALTER COLUMN handle TYPE TEXT COLLATE "C", ALTER COLUMN user_name TYPE TEXT COLLATE "C"
            """
        ).run()
    }
}
