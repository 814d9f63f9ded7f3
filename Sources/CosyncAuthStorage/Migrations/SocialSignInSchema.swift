import FluentKit
import SQLKit

/// Version 9: Sign in with Apple and Google. A user of a provider is known by the provider's subject,
/// unique per app and provider (users without one, NULL, never collide).
enum SocialSignInSchema {
    @Sendable static func apply(_ db: any Database) async throws {
        try await db.schema("users").field("social_user_id", .string).update()
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("CREATE UNIQUE INDEX users_social_key ON users (app_id, login_provider, social_user_id)").run()
    }
}
