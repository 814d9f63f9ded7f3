import FluentKit

/// Version 3: app email templates and password resets.
enum EmailFlowsSchema {
    @Sendable static func apply(_ db: any Database) async throws {
        try await db.schema("email_templates")
            .id()
            .field("app_id", .uuid, .required, .references("apps", "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("locale", .string, .required)
            .field("subject", .string, .required)
            .field("reply_to", .string)
            .field("html", .string, .required)
            .field("text_body", .string)
            .unique(on: "app_id", "name", "locale", name: "email_templates_key")
            .create()

        try await db.schema("password_resets")
            .field("user_id", .uuid, .identifier(auto: false), .references("users", "id", onDelete: .cascade))
            .field("code_digest", .string, .required)
            .field("failed_attempts", .int, .required)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .create()
    }
}
