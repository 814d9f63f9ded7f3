import FluentKit

/// Version 10: key rotation. An app's replaced public keys, published in its JWKS until they retire.
enum SigningKeySchema {
    @Sendable static func apply(_ db: any Database) async throws {
        try await db.schema("app_retiring_keys")
            .id()
            .field("app_id", .uuid, .required, .references("apps", "id", onDelete: .cascade))
            .field("public_key", .string, .required)
            .field("retires_at", .datetime, .required)
            .field("created_at", .datetime, .required)
            .create()
    }
}
