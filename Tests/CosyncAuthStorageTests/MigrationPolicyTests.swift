@_spi(Testing) import CosyncAuthStorage
import CosyncHostTestSupport
import Foundation
import Logging
import Testing

/// During a fleet's upgrade on PostgreSQL the previous release's instances keep serving on a database
/// the new release has migrated (README, "Upgrading"). That holds while schema steps only add: every
/// statement the migrations run is put to that rule here, on both engines.
@Suite("schema migrations only add")
struct MigrationPolicyTests {
    /// Steps from before the first release that did more than add, each named with its reason.
    static let beforeTheFirstRelease: Set<String> = [
        // Version 8 replaced the unique index on phones by one on verified phones only.
        #"DROP INDEX "users_phone_key""#,
        // Version 13 made handles compare byte by byte on PostgreSQL: the columns keep their type and
        // values, so an older release's statements still run; only their sort order changed.
        #"ALTER TABLE users ALTER COLUMN handle TYPE TEXT COLLATE "C", ALTER COLUMN user_name TYPE TEXT COLLATE "C""#,
    ]

    @Test(arguments: TestDatabase.allCases)
    func everyStepOnlyAddsTablesColumnsThatMayBeEmptyAndIndexes(_ db: TestDatabase) async throws {
        let statements = StatementRecorder()
        statements.start()
        let storage = try await Storage.open(try db.makeURL(), logger: Logger(label: "test"), statementLog: statements.logger)
        await storage.shutdown()
        let recorded = statements.recorded().map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        #expect(recorded.filter { $0.uppercased().hasPrefix("CREATE TABLE") }.count >= 15, "the migrations ran: \(recorded.count) statements")
        let breaking = recorded.filter { !Self.onlyAdds($0) && !Self.beforeTheFirstRelease.contains($0) }
        #expect(breaking.isEmpty, "statements that remove or change what an older release uses:\n\(breaking.joined(separator: "\n"))")
    }

    /// Whether `sql` leaves everything an older release reads and writes as it was.
    static func onlyAdds(_ sql: String) -> Bool {
        let upper = sql.uppercased()
        for allowed in [
            "CREATE TABLE", "CREATE INDEX", "CREATE UNIQUE INDEX", "CREATE SCHEMA", "SELECT", "INSERT INTO SCHEMA_VERSIONS", "PRAGMA",
            "BEGIN", "COMMIT",
        ]
        where upper.hasPrefix(allowed) {
            return true
        }
        // A new column must take the older release's inserts, which do not name it.
        if upper.hasPrefix("ALTER TABLE"), upper.contains(" ADD ") {
            return !upper.contains("NOT NULL") || upper.contains("DEFAULT")
        }
        return false
    }

    @Test func theRuleTellsAddingFromChanging() {
        #expect(Self.onlyAdds(#"ALTER TABLE "users" ADD "locked_until" TIMESTAMPTZ"#))
        #expect(Self.onlyAdds(#"ALTER TABLE "users" ADD "failed_logins" BIGINT NOT NULL DEFAULT 0"#))
        #expect(!Self.onlyAdds(#"ALTER TABLE "users" ADD "tenant" TEXT NOT NULL"#))
        #expect(!Self.onlyAdds(#"ALTER TABLE "users" DROP COLUMN "phone""#))
        #expect(!Self.onlyAdds(#"ALTER TABLE "users" RENAME COLUMN "phone" TO "mobile""#))
        #expect(!Self.onlyAdds(#"DROP TABLE "invites""#))
        #expect(!Self.onlyAdds(#"UPDATE "users" SET "handle" = lower("handle")"#))
    }
}
