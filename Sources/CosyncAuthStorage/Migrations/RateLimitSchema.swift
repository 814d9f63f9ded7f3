import FluentKit

/// Version 7: request counters for rate limits.
enum RateLimitSchema {
    @Sendable static func apply(_ db: any Database) async throws {
        try await db.schema("rate_limits")
            .field("key", .string, .identifier(auto: false))
            .field("window_start", .int64, .required)
            .field("hits", .int, .required)
            .create()
    }
}
