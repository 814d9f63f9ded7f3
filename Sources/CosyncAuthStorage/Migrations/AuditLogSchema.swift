import FluentKit
import SQLKit

/// Version 5: the audit log, and the token an imported app had on its former host.
enum AuditLogSchema {
    @Sendable static func apply(_ db: any Database) async throws {
        // No foreign key to apps: an app's log outlives the app until retention prunes it.
        try await db.schema("audit_log")
            .id()
            .field("app_id", .uuid)
            .field("time", .datetime, .required)
            .field("event", .string, .required)
            .field("actor", .string)
            .field("address", .string)
            .field("outcome", .string, .required)
            .field("detail", .string)
            .create()
        try await db.schema("apps").field("legacy_app_token", .string).update()
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.create(index: "audit_log_app_time").on("audit_log").column("app_id").column("time").run()
        try await sql.create(index: "audit_log_time").on("audit_log").column("time").run()
        try await sql.create(index: "apps_legacy_app_token_key").unique().on("apps").column("legacy_app_token").run()
    }
}
