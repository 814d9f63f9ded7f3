import FluentKit
import SQLKit

/// Version 4: invitations, and the failed-login counter behind the lockout.
enum InvitesAndLockoutSchema {
    @Sendable static func apply(_ db: any Database) async throws {
        try await db.schema("invites")
            .id()
            .field("app_id", .uuid, .required, .references("apps", "id", onDelete: .cascade))
            .field("handle", .string, .required)
            .field("sender_user_id", .uuid, .required)
            .field("sender_handle", .string, .required)
            .field("metadata", .string, .required)
            .field("code_digest", .string, .required)
            .field("failed_attempts", .int, .required)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .unique(on: "app_id", "handle", name: "invites_handle_key")
            .create()
        // One column per statement: SQLite adds columns one at a time.
        try await db.schema("users").field("failed_logins", .int, .required, .sql(.default(0))).update()
        try await db.schema("users").field("locked_until", .datetime).update()
    }
}
