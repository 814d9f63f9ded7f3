import CosyncAuthCore
import FluentKit
import Foundation
import SQLKit
import Synchronization

/// The read every access-token call makes, in plain SQL: the ORM's per-row reflection cost more than
/// the statement itself (measured with perf on a release build: half the time in Swift's runtime looking
/// up types). An app's settings are decoded once per distinct text, not once per request.
extension FluentAuthStore {
    func accessTokenWithOwner(digest: String) async throws -> (token: AccessTokenRecord, user: User, app: App)? {
        guard
            let row = try await readsSQL.raw(
                """
                SELECT t.user_id AS t_user_id, t.app_id AS t_app_id, t.created_at AS t_created_at, t.expires_at AS t_expires_at,
                    u.handle AS u_handle, u.user_name AS u_user_name, u.password_hash AS u_password_hash, u.status AS u_status,
                    u.locale AS u_locale, u.metadata AS u_metadata, u.login_provider AS u_login_provider,
                    u.social_user_id AS u_social_user_id, u.phone AS u_phone, u.phone_verified AS u_phone_verified,
                    u.two_factor_phone AS u_two_factor_phone, u.two_factor_google AS u_two_factor_google,
                    u.created_at AS u_created_at, u.updated_at AS u_updated_at, u.last_login AS u_last_login,
                    u.failed_logins AS u_failed_logins, u.locked_until AS u_locked_until, u.app_id AS u_app_id,
                    \(unsafeRaw: Self.appColumns)
                FROM access_tokens t JOIN users u ON u.id = t.user_id JOIN apps a ON a.id = t.app_id
                WHERE t.digest = \(bind: digest)
                """
            ).first()
        else { return nil }
        let userId = try row.decode(column: "t_user_id", as: UUID.self)
        let appId = try row.decode(column: "t_app_id", as: UUID.self)
        let token = AccessTokenRecord(
            digest: digest, userId: userId, appId: appId, createdAt: try row.decode(column: "t_created_at", as: Date.self),
            expiresAt: try row.decode(column: "t_expires_at", as: Date.self))
        let user = User(
            id: userId, appId: try row.decode(column: "u_app_id", as: UUID.self), handle: try row.decode(column: "u_handle", as: String.self),
            userName: try row.decode(column: "u_user_name", as: String?.self),
            passwordHash: try row.decode(column: "u_password_hash", as: String?.self),
            status: UserStatus(rawValue: try row.decode(column: "u_status", as: String.self)) ?? .suspended,
            locale: try row.decode(column: "u_locale", as: String.self),
            metadata: JSONValue(jsonText: try row.decode(column: "u_metadata", as: String.self)) ?? .emptyObject,
            loginProvider: LoginProvider(rawValue: try row.decode(column: "u_login_provider", as: String.self)) ?? .email,
            socialUserId: try row.decode(column: "u_social_user_id", as: String?.self), phone: try row.decode(column: "u_phone", as: String?.self),
            phoneVerified: try row.decode(column: "u_phone_verified", as: Bool.self),
            twoFactorPhoneVerification: try row.decode(column: "u_two_factor_phone", as: Bool.self),
            twoFactorGoogleVerification: try row.decode(column: "u_two_factor_google", as: Bool.self),
            createdAt: try row.decode(column: "u_created_at", as: Date.self), updatedAt: try row.decode(column: "u_updated_at", as: Date.self),
            lastLogin: try row.decode(column: "u_last_login", as: Date?.self), failedLogins: try row.decode(column: "u_failed_logins", as: Int.self),
            lockedUntil: try row.decode(column: "u_locked_until", as: Date?.self))
        let app = try Self.app(row, id: appId)
        return (token, user, app)
    }
}

extension FluentAuthStore {
    /// An app's columns as `app(_:id:)` reads them, from `apps a`.
    static let appColumns = """
        a.name AS a_name, a.app_token AS a_app_token, a.public_key AS a_public_key, a.status AS a_status, a.settings AS a_settings,
        a.created_at AS a_created_at, a.updated_at AS a_updated_at, a.legacy_app_token AS a_legacy_app_token
        """

    /// The app in a row of plain SQL, without the ORM's reflection over the model's fields for each
    /// request that names an app.
    static func app(_ row: any SQLRow, id: UUID) throws -> App {
        App(
            id: id, name: try row.decode(column: "a_name", as: String.self), appToken: try row.decode(column: "a_app_token", as: String.self),
            publicKeyPEM: try row.decode(column: "a_public_key", as: String.self),
            status: AppStatus(rawValue: try row.decode(column: "a_status", as: String.self)) ?? .inactive,
            settings: try AppSettingsCache.shared.settings(try row.decode(column: "a_settings", as: String.self)),
            createdAt: try row.decode(column: "a_created_at", as: Date.self), updatedAt: try row.decode(column: "a_updated_at", as: Date.self),
            legacyAppToken: try row.decode(column: "a_legacy_app_token", as: String?.self))
    }
}

/// Decoded app settings by their stored text: a host has few apps and their settings change rarely, so
/// the same text is decoded once. Keyed by the text itself, so a change is never served stale.
final class AppSettingsCache: Sendable {
    static let shared = AppSettingsCache()
    private let decoded = Mutex<[String: AppSettings]>([:])
    /// Beyond this many distinct texts the cache starts over: memory stays bounded whatever happens.
    private let capacity = 1_024

    func settings(_ text: String) throws -> AppSettings {
        if let known = decoded.withLock({ $0[text] }) { return known }
        let settings = try JSONDecoder().decode(AppSettings.self, from: Data(text.utf8))
        decoded.withLock { cache in
            if cache.count >= capacity { cache.removeAll(keepingCapacity: true) }
            cache[text] = settings
        }
        return settings
    }
}
