import FluentKit

/// Version 11: the portal's operators, their sessions, and the hosts they manage.
enum PortalSchema {
    @Sendable static func apply(_ db: any Database) async throws {
        try await db.schema("portal_operators")
            .id()
            .field("email", .string, .required)
            .field("password_hash", .string, .required)
            .field("sealed_totp_secret", .string)
            .field("totp_last_step", .int64)
            .field("failed_logins", .int, .required, .sql(.default(0)))
            .field("locked_until", .datetime)
            .field("created_at", .datetime, .required)
            .unique(on: "email")
            .create()
        try await db.schema("portal_sessions")
            .field("digest", .string, .identifier(auto: false))
            .field("operator_id", .uuid, .required, .references("portal_operators", "id", onDelete: .cascade))
            .field("csrf_token", .string, .required)
            .field("created_at", .datetime, .required)
            .field("last_seen_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .create()
        try await db.schema("portal_hosts")
            .id()
            .field("name", .string, .required)
            .field("url", .string, .required)
            .field("sealed_secret", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "name")
            .create()
    }
}
