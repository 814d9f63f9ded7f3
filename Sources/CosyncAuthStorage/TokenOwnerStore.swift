import CosyncAuthCore
import Foundation
import Synchronization

/// The reads every call makes, in plain SQL decoded by hand: the ORM's per-row reflection cost more than
/// the statement itself (perf on a release build: half the time in Swift's runtime looking up types).
/// An app's settings are decoded once per distinct text, not once per request.
extension FluentAuthStore {
    func accessTokenWithOwner(digest: String) async throws -> (token: AccessTokenRecord, user: User, app: App)? {
        guard let row = try await firstRow(TokenOwnerStatement(digest: digest)) else { return nil }
        let userId = try row.uuid("t_user_id")
        let appId = try row.uuid("t_app_id")
        let token = AccessTokenRecord(
            digest: digest, userId: userId, appId: appId, createdAt: try row.date("t_created_at"), expiresAt: try row.date("t_expires_at"))
        let user = User(
            id: userId, appId: try row.uuid("u_app_id"), handle: try row.string("u_handle"), userName: try row.optionalString("u_user_name"),
            passwordHash: try row.optionalString("u_password_hash"),
            status: UserStatus(rawValue: try row.string("u_status")) ?? .suspended, locale: try row.string("u_locale"),
            metadata: JSONValue(jsonText: try row.string("u_metadata")) ?? .emptyObject,
            loginProvider: LoginProvider(rawValue: try row.string("u_login_provider")) ?? .email,
            socialUserId: try row.optionalString("u_social_user_id"), phone: try row.optionalString("u_phone"),
            phoneVerified: try row.bool("u_phone_verified"), twoFactorPhoneVerification: try row.bool("u_two_factor_phone"),
            twoFactorGoogleVerification: try row.bool("u_two_factor_google"), createdAt: try row.date("u_created_at"),
            updatedAt: try row.date("u_updated_at"), lastLogin: try row.optionalDate("u_last_login"),
            failedLogins: try row.int("u_failed_logins"), lockedUntil: try row.optionalDate("u_locked_until"))
        return (token, user, try Self.app(row, id: appId))
    }

    /// Every user call names its app by token (the current one or, during a rotation, the previous).
    func app(token: String) async throws -> App? {
        guard let row = try await firstRow(AppByTokenStatement(token: token)) else { return nil }
        return try Self.app(row, id: try row.uuid("a_id"))
    }

    /// The app in a row that selected `appColumns` from `apps a`.
    static func app(_ row: any RowColumns, id: UUID) throws -> App {
        App(
            id: id, name: try row.string("a_name"), appToken: try row.string("a_app_token"), publicKeyPEM: try row.string("a_public_key"),
            status: AppStatus(rawValue: try row.string("a_status")) ?? .inactive,
            settings: try AppSettingsCache.shared.settings(try row.string("a_settings")), createdAt: try row.date("a_created_at"),
            updatedAt: try row.date("a_updated_at"), legacyAppToken: try row.optionalString("a_legacy_app_token"))
    }

    static let appColumns = """
        a.name AS a_name, a.app_token AS a_app_token, a.public_key AS a_public_key, a.status AS a_status, a.settings AS a_settings,
        a.created_at AS a_created_at, a.updated_at AS a_updated_at, a.legacy_app_token AS a_legacy_app_token
        """
}

/// The token, its user and its app in one statement.
struct TokenOwnerStatement: HotStatement {
    static let name = "cosync_token_owner"
    static let sql = """
        SELECT t.user_id AS t_user_id, t.app_id AS t_app_id, t.created_at AS t_created_at, t.expires_at AS t_expires_at,
            u.handle AS u_handle, u.user_name AS u_user_name, u.password_hash AS u_password_hash, u.status AS u_status,
            u.locale AS u_locale, u.metadata AS u_metadata, u.login_provider AS u_login_provider,
            u.social_user_id AS u_social_user_id, u.phone AS u_phone, u.phone_verified AS u_phone_verified,
            u.two_factor_phone AS u_two_factor_phone, u.two_factor_google AS u_two_factor_google,
            u.created_at AS u_created_at, u.updated_at AS u_updated_at, u.last_login AS u_last_login,
            u.failed_logins AS u_failed_logins, u.locked_until AS u_locked_until, u.app_id AS u_app_id,
            \(FluentAuthStore.appColumns)
        FROM access_tokens t JOIN users u ON u.id = t.user_id JOIN apps a ON a.id = t.app_id
        WHERE t.digest = $1
        """
    let digest: String
    var parameters: [String] { [digest] }
}

struct AppByTokenStatement: HotStatement {
    static let name = "cosync_app_by_token"
    static let sql = "SELECT a.id AS a_id, \(FluentAuthStore.appColumns) FROM apps a WHERE a.app_token = $1 OR a.legacy_app_token = $1"
    let token: String
    var parameters: [String] { [token] }
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
