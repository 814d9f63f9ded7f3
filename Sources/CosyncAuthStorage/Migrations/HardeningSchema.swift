import FluentKit
import SQLKit

/// Version 8: codes kept sealed beside their digests (a repeated signup or invitation resends the same
/// code instead of replacing the record), and a phone number unique only among verified ones, so that
/// setting a number proves nothing and blocks no one until its owner has answered the code.
enum HardeningSchema {
    @Sendable static func apply(_ db: any Database) async throws {
        try await db.schema("pending_signups").field("sealed_code", .string).update()
        try await db.schema("invites").field("sealed_code", .string).update()
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.drop(index: "users_phone_key").run()
        try await sql.raw("CREATE UNIQUE INDEX users_verified_phone_key ON users (app_id, phone) WHERE phone_verified").run()
    }
}
