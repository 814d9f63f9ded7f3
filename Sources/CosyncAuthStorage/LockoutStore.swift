import CosyncAuthCore
import Foundation
import SQLKit

/// Failed logins, of users and of portal operators, counted toward their lockout.
extension FluentAuthStore {
    func recordFailedLogin(userId: UUID, lockAfter: Int, lockUntil: Date) async throws -> Bool {
        try await countFailedLogin(table: "users", id: userId, lockAfter: lockAfter, lockUntil: lockUntil)
    }

    /// One failed login of a user or an operator (`table` has `failed_logins` and `locked_until`), in
    /// one statement so parallel failures all count; answers whether the account is now locked.
    func countFailedLogin(table: String, id: UUID, lockAfter: Int, lockUntil: Date) async throws -> Bool {
        let row = try await sql.raw(
            """
            UPDATE \(ident: table) SET failed_logins = failed_logins + 1,
                locked_until = CASE WHEN failed_logins + 1 >= \(bind: lockAfter) THEN \(bind: lockUntil) ELSE locked_until END
            WHERE id = \(bind: id)
            RETURNING failed_logins
            """
        ).first()
        return try (row?.decode(column: "failed_logins", as: Int.self) ?? 0) >= lockAfter
    }
}
