import CosyncAuthCore
import FluentKit
import Foundation

/// Row of `users`; (app_id, handle) and (app_id, user_name) are unique.
final class UserModel: Model, @unchecked Sendable {
    static let schema = "users"

    @ID(key: .id) var id: UUID?
    @Field(key: "app_id") var appId: UUID
    @Field(key: "handle") var handle: String
    @OptionalField(key: "user_name") var userName: String?
    @OptionalField(key: "password_hash") var passwordHash: String?
    @Field(key: "status") var status: String
    @Field(key: "locale") var locale: String
    @Field(key: "metadata") var metadata: String
    @Field(key: "login_provider") var loginProvider: String
    @OptionalField(key: "social_user_id") var socialUserId: String?
    @OptionalField(key: "phone") var phone: String?
    @Field(key: "phone_verified") var phoneVerified: Bool
    @Field(key: "two_factor_phone") var twoFactorPhone: Bool
    @Field(key: "two_factor_google") var twoFactorGoogle: Bool
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    @OptionalField(key: "last_login") var lastLogin: Date?
    @Field(key: "failed_logins") var failedLogins: Int
    @OptionalField(key: "locked_until") var lockedUntil: Date?

    init() {}

    init(_ user: User) {
        id = user.id
        copy(user)
    }

    func copy(_ user: User) {
        appId = user.appId
        handle = user.handle
        userName = user.userName
        passwordHash = user.passwordHash
        status = user.status.rawValue
        locale = user.locale
        metadata = user.metadata.jsonText
        loginProvider = user.loginProvider.rawValue
        socialUserId = user.socialUserId
        phone = user.phone
        phoneVerified = user.phoneVerified
        twoFactorPhone = user.twoFactorPhoneVerification
        twoFactorGoogle = user.twoFactorGoogleVerification
        createdAt = user.createdAt
        updatedAt = user.updatedAt
        lastLogin = user.lastLogin
        failedLogins = user.failedLogins
        lockedUntil = user.lockedUntil
    }

    func domain() throws -> User {
        User(
            id: try requireID(), appId: appId, handle: handle, userName: userName, passwordHash: passwordHash,
            status: UserStatus(rawValue: status) ?? .suspended, locale: locale,
            metadata: JSONValue(jsonText: metadata) ?? .emptyObject,
            loginProvider: LoginProvider(rawValue: loginProvider) ?? .email, socialUserId: socialUserId, phone: phone,
            phoneVerified: phoneVerified, twoFactorPhoneVerification: twoFactorPhone,
            twoFactorGoogleVerification: twoFactorGoogle, createdAt: createdAt, updatedAt: updatedAt,
            lastLogin: lastLogin, failedLogins: failedLogins, lockedUntil: lockedUntil)
    }
}
