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
        let user = try Self.user(row, id: userId)
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
            \(FluentAuthStore.userColumns), \(FluentAuthStore.appColumns)
        FROM access_tokens t JOIN users u ON u.id = t.user_id JOIN apps a ON a.id = t.app_id
        WHERE t.digest = $1
        """
    let digest: String
    var parameters: [HotParameter] { [.text(digest)] }
}

struct AppByTokenStatement: HotStatement {
    static let name = "cosync_app_by_token"
    static let sql = "SELECT a.id AS a_id, \(FluentAuthStore.appColumns) FROM apps a WHERE a.app_token = $1 OR a.legacy_app_token = $1"
    let token: String
    var parameters: [HotParameter] { [.text(token)] }
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
