public import Foundation

/// An end user of one app. `handle` is the lower-cased email (or `ANON_...` for anonymous users).
public struct User: Sendable, Equatable {
    public var id: UUID
    public var appId: UUID
    public var handle: String
    public var userName: String?
    /// argon2id of the MD5 hex the client sends; nil for users who sign in without a password.
    public var passwordHash: String?
    public var status: UserStatus
    public var locale: String
    public var metadata: JSONValue
    public var loginProvider: LoginProvider
    /// The provider's id of a user who signs in with Apple or Google (the ID token's `sub`).
    public var socialUserId: String?
    public var phone: String?
    public var phoneVerified: Bool
    public var twoFactorPhoneVerification: Bool
    public var twoFactorGoogleVerification: Bool
    public var createdAt: Date
    public var updatedAt: Date
    public var lastLogin: Date?
    /// Consecutive failed logins, and the end of a lockout they caused.
    public var failedLogins: Int
    public var lockedUntil: Date?

    public init(
        id: UUID = UUID(), appId: UUID, handle: String, userName: String? = nil, passwordHash: String?,
        status: UserStatus = .active, locale: String = Locales.fallback, metadata: JSONValue = .emptyObject,
        loginProvider: LoginProvider = .email, socialUserId: String? = nil, phone: String? = nil, phoneVerified: Bool = false,
        twoFactorPhoneVerification: Bool = false, twoFactorGoogleVerification: Bool = false,
        createdAt: Date, updatedAt: Date, lastLogin: Date? = nil, failedLogins: Int = 0, lockedUntil: Date? = nil
    ) {
        self.id = id
        self.appId = appId
        self.handle = handle
        self.userName = userName
        self.passwordHash = passwordHash
        self.status = status
        self.locale = locale
        self.metadata = metadata
        self.loginProvider = loginProvider
        self.socialUserId = socialUserId
        self.phone = phone
        self.phoneVerified = phoneVerified
        self.twoFactorPhoneVerification = twoFactorPhoneVerification
        self.twoFactorGoogleVerification = twoFactorGoogleVerification
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.lastLogin = lastLogin
        self.failedLogins = failedLogins
        self.lockedUntil = lockedUntil
    }
}

public enum UserStatus: String, Sendable, Codable, CaseIterable {
    case active
    case suspended
}

public enum LoginProvider: String, Sendable, Codable, CaseIterable {
    case email
    case apple
    case google
    case anonymous
}
