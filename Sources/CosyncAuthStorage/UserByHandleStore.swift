import CosyncAuthCore
import Foundation

/// The user a login names, read as the token check reads its user: one prepared statement decoded by
/// hand. Through the ORM this read was most of a login's work beyond the hash (perf on a release build:
/// reflection and type lookups for the model's fields on every row).
extension FluentAuthStore {
    func user(appId: UUID, handle: String) async throws -> User? {
        guard let row = try await firstRow(UserByHandleStatement(appId: appId, handle: handle)) else { return nil }
        return try Self.user(row, id: try row.uuid("u_id"))
    }

    func user(appId: UUID, userName: String) async throws -> User? {
        guard let row = try await firstRow(UserByNameStatement(appId: appId, userName: userName)) else { return nil }
        return try Self.user(row, id: try row.uuid("u_id"))
    }

    /// The user in a row that selected `userColumns` from `users u`.
    static func user(_ row: any RowColumns, id: UUID) throws -> User {
        User(
            id: id, appId: try row.uuid("u_app_id"), handle: try row.string("u_handle"), userName: try row.optionalString("u_user_name"),
            passwordHash: try row.optionalString("u_password_hash"),
            status: UserStatus(rawValue: try row.string("u_status")) ?? .suspended, locale: try row.string("u_locale"),
            metadata: JSONValue(jsonText: try row.string("u_metadata")) ?? .emptyObject,
            loginProvider: LoginProvider(rawValue: try row.string("u_login_provider")) ?? .email,
            socialUserId: try row.optionalString("u_social_user_id"), phone: try row.optionalString("u_phone"),
            phoneVerified: try row.bool("u_phone_verified"), twoFactorPhoneVerification: try row.bool("u_two_factor_phone"),
            twoFactorGoogleVerification: try row.bool("u_two_factor_google"), createdAt: try row.date("u_created_at"),
            updatedAt: try row.date("u_updated_at"), lastLogin: try row.optionalDate("u_last_login"),
            failedLogins: try row.int("u_failed_logins"), lockedUntil: try row.optionalDate("u_locked_until"))
    }

    static let userColumns = """
        u.app_id AS u_app_id, u.handle AS u_handle, u.user_name AS u_user_name, u.password_hash AS u_password_hash,
        u.status AS u_status, u.locale AS u_locale, u.metadata AS u_metadata, u.login_provider AS u_login_provider,
        u.social_user_id AS u_social_user_id, u.phone AS u_phone, u.phone_verified AS u_phone_verified,
        u.two_factor_phone AS u_two_factor_phone, u.two_factor_google AS u_two_factor_google,
        u.created_at AS u_created_at, u.updated_at AS u_updated_at, u.last_login AS u_last_login,
        u.failed_logins AS u_failed_logins, u.locked_until AS u_locked_until
        """

    /// The user of app `$1` whose `column` is `$2`.
    static func userOfApp(where column: String) -> String {
        "SELECT u.id AS u_id, \(userColumns) FROM users u WHERE u.app_id = $1 AND u.\(column) = $2"
    }
}

struct UserByHandleStatement: HotStatement {
    static let name = "cosync_user_by_handle"
    static let sql = FluentAuthStore.userOfApp(where: "handle")
    let appId: UUID
    let handle: String
    var parameters: [HotParameter] { [.uuid(appId), .text(handle)] }
}

struct UserByNameStatement: HotStatement {
    static let name = "cosync_user_by_name"
    static let sql = FluentAuthStore.userOfApp(where: "user_name")
    let appId: UUID
    let userName: String
    var parameters: [HotParameter] { [.uuid(appId), .text(userName)] }
}
