import FluentKit
import SQLKit

/// Version 1: apps, users, pending signups, access tokens, server secrets, host values.
enum InitialSchema {
    @Sendable static func apply(_ db: any Database) async throws {
        try await db.schema("apps")
            .id()
            .field("name", .string, .required)
            .field("app_token", .string, .required)
            .field("public_key", .string, .required)
            .field("sealed_app_secret", .string, .required)
            .field("sealed_private_key", .string, .required)
            .field("status", .string, .required)
            .field("settings", .string, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "name", name: "apps_name_key")
            .unique(on: "app_token", name: "apps_app_token_key")
            .create()

        try await db.schema("users")
            .id()
            .field("app_id", .uuid, .required, .references("apps", "id", onDelete: .cascade))
            .field("handle", .string, .required)
            .field("user_name", .string)
            .field("password_hash", .string)
            .field("status", .string, .required)
            .field("locale", .string, .required)
            .field("metadata", .string, .required)
            .field("login_provider", .string, .required)
            .field("phone", .string)
            .field("phone_verified", .bool, .required)
            .field("two_factor_phone", .bool, .required)
            .field("two_factor_google", .bool, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .field("last_login", .datetime)
            .unique(on: "app_id", "handle", name: "users_handle_key")
            .unique(on: "app_id", "user_name", name: "users_user_name_key")
            .create()

        try await db.schema("pending_signups")
            .id()
            .field("app_id", .uuid, .required, .references("apps", "id", onDelete: .cascade))
            .field("handle", .string, .required)
            .field("password_hash", .string, .required)
            .field("metadata", .string, .required)
            .field("locale", .string, .required)
            .field("code_digest", .string, .required)
            .field("failed_attempts", .int, .required)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .unique(on: "app_id", "handle", name: "pending_signups_handle_key")
            .create()

        try await db.schema("access_tokens")
            .field("digest", .string, .identifier(auto: false))
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("app_id", .uuid, .required, .references("apps", "id", onDelete: .cascade))
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .create()

        try await db.schema("server_secrets")
            .field("name", .string, .identifier(auto: false))
            .field("digest", .string, .required)
            .field("created_at", .datetime, .required)
            .create()

        try await db.schema("host_values")
            .field("name", .string, .identifier(auto: false))
            .field("value", .string, .required)
            .create()

        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX access_tokens_user_id_idx ON access_tokens (user_id)").run()
    }
}
