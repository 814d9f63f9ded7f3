import FluentKit
import SQLKit

/// Version 6: second factors, SMS in the outbox, the apps' SMS token, one phone number per user of an app.
enum TwoFactorSchema {
    @Sendable static func apply(_ db: any Database) async throws {
        try await db.schema("totp_enrollments")
            .field("user_id", .uuid, .identifier(auto: false), .references("users", "id", onDelete: .cascade))
            .field("sealed_secret", .string, .required)
            .field("last_used_step", .int64)
            .field("created_at", .datetime, .required)
            .create()
        try await db.schema("recovery_codes")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("digest", .string, .required)
            .unique(on: "user_id", "digest", name: "recovery_codes_key")
            .create()
        try await db.schema("login_challenges")
            .field("digest", .string, .identifier(auto: false))
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("app_id", .uuid, .required)
            .field("factor", .string, .required)
            .field("code_digest", .string)
            .field("failed_attempts", .int, .required)
            .field("expires_at", .datetime, .required)
            .create()
        try await db.schema("phone_verifications")
            .field("user_id", .uuid, .identifier(auto: false), .references("users", "id", onDelete: .cascade))
            .field("phone", .string, .required)
            .field("code_digest", .string, .required)
            .field("failed_attempts", .int, .required)
            .field("expires_at", .datetime, .required)
            .create()
        try await db.schema("outbox").field("channel", .string, .required, .sql(.default("email"))).update()
        try await db.schema("apps").field("sealed_sms_token", .string).update()
        guard let sql = db as? any SQLDatabase else { return }
        // Several users may have no phone (NULLs are distinct in both engines); a number belongs to one.
        try await sql.create(index: "users_phone_key").unique().on("users").column("app_id").column("phone").run()
    }
}
