import FluentKit
import SQLKit

/// Version 2: the durable outbox.
enum OutboxSchema {
    @Sendable static func apply(_ db: any Database) async throws {
        try await db.schema("outbox")
            .id()
            .field("app_id", .uuid, .references("apps", "id", onDelete: .cascade))
            .field("recipient", .string, .required)
            .field("subject", .string, .required)
            .field("text_body", .string, .required)
            .field("html_body", .string)
            .field("from_address", .string)
            .field("reply_to", .string)
            .field("status", .string, .required)
            .field("attempts", .int, .required)
            .field("next_attempt_at", .datetime, .required)
            .field("lease_until", .datetime)
            .field("last_error", .string)
            .field("created_at", .datetime, .required)
            .field("sent_at", .datetime)
            .create()
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX outbox_due_idx ON outbox (status, next_attempt_at)").run()
    }
}
