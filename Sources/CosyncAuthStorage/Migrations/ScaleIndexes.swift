import FluentKit
import SQLKit

/// Version 12: indexes found missing by putting every user call's statements to the planner
/// (QueryPlanTests). Deleting a user, or ending their login challenges, scanned every challenge; an
/// export walked an app's users in id order by sorting all of them for each page, so exporting took
/// time in the square of the number of users.
enum ScaleIndexes {
    @Sendable static func apply(_ db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.create(index: "login_challenges_user").on("login_challenges").column("user_id").run()
        try await sql.create(index: "users_app_id_id").on("users").column("app_id").column("id").run()
    }
}
