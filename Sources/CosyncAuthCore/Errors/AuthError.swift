/// An error of the CoSync Auth protocol: clients switch on `code`, so codes and messages are part of the
/// wire contract (see shared/protocol.md, "Error codes").
public struct AuthError: Error, Equatable, Sendable, CustomStringConvertible {
    public let code: Int
    public let message: String
    /// For 429 and 503: how many seconds the client should wait before trying again.
    public let retryAfter: Int?

    public init(code: Int, message: String, retryAfter: Int? = nil) {
        self.code = code
        self.message = message
        self.retryAfter = retryAfter
    }

    public var description: String { "\(code) \(message)" }
}

extension AuthError {
    public static let invalidAppToken = AuthError(code: 400, message: "invalid app token")
    public static let appDeleted = AuthError(code: 401, message: "app no longer exists")
    public static let appSuspended = AuthError(code: 402, message: "app is suspended")
    public static let missingParameter = AuthError(code: 403, message: "missing parameter")
    public static let userSuspended = AuthError(code: 404, message: "user account is suspended")
    public static let invalidAccessToken = AuthError(code: 405, message: "invalid access token")
    public static let inviteNotSupported = AuthError(code: 406, message: "app does not support invite")
    public static let signupNotSupported = AuthError(code: 407, message: "app does not support signup")
    public static let authenticatorNotSupported = AuthError(code: 408, message: "app does not support google two-factor verification")
    public static let phoneNotSupported = AuthError(code: 409, message: "app does not support phone two-factor verification")
    public static let phoneNotVerified = AuthError(code: 410, message: "user does not have verified phone number")
    public static let phoneInUse = AuthError(code: 412, message: "phone number already in use")
    public static let expiredSignupCode = AuthError(code: 411, message: "expired signup code")
    public static let appMigrated = AuthError(code: 413, message: "app is migrated to other server")
    public static let anonymousLoginNotSupported = AuthError(code: 414, message: "app does not support anonymous login")
    public static let internalError = AuthError(code: 500, message: "internal server error")
    public static let invalidCredentials = AuthError(code: 600, message: "invalid login credentials")
    public static let handleAlreadyRegistered = AuthError(code: 601, message: "handle already registered")
    public static let invalidData = AuthError(code: 602, message: "invalid data")
    public static let accountDoesNotExist = AuthError(code: 603, message: "account does not exist")
    public static let invalidMetadata = AuthError(code: 604, message: "invalid metadata")
    public static let userNameAlreadyAssigned = AuthError(code: 605, message: "user name already assigned")
    public static let userNamesNotSupported = AuthError(code: 606, message: "app does not support username login")
    public static let userNameDoesNotExist = AuthError(code: 607, message: "user name does not exist")
    public static let accountNotVerified = AuthError(code: 608, message: "account has not been verified")
    public static let invalidLocale = AuthError(code: 609, message: "invalid locale")
    public static let appleLoginNotSupported = AuthError(code: 415, message: "app does not support Apple Authentication")
    public static let googleLoginNotSupported = AuthError(code: 416, message: "app does not support Google Authentication")
    public static let invalidSocialToken = AuthError(code: 613, message: "token is invalid")

    /// A password call on a user who has none (602): the message says how the user signs in instead.
    public static func noPassword(_ provider: LoginProvider) -> AuthError {
        switch provider {
        case .apple: .invalid("this account signs in with Apple and has no password")
        case .google: .invalid("this account signs in with Google and has no password")
        case .email, .anonymous: .invalid("this account has no password")
        }
    }

    /// The handle belongs to a user who signs in another way (610 password, 611 Apple, 612 Google).
    public static func registeredWith(_ provider: LoginProvider) -> AuthError {
        switch provider {
        case .apple: AuthError(code: 611, message: "apple account already exist")
        case .google: AuthError(code: 612, message: "google account already exist")
        case .email, .anonymous: AuthError(code: 610, message: "email account already exist")
        }
    }

    /// Too many requests; the HTTP adapter answers 429 with `Retry-After`.
    public static func tooManyRequests(retryAfter seconds: Int) -> AuthError {
        AuthError(code: 429, message: "too many requests: try again in \(max(1, seconds)) s", retryAfter: max(1, seconds))
    }

    /// The host is at capacity (password hashing) or cannot reach its database; the HTTP adapter answers
    /// 503 with `Retry-After`. Nothing was changed.
    public static func unavailable(retryAfter seconds: Int) -> AuthError {
        AuthError(code: 503, message: "service unavailable: try again in \(max(1, seconds)) s", retryAfter: max(1, seconds))
    }

    /// The database cannot be reached: nothing was done, and the same request may work in a moment.
    public static let databaseUnavailable = AuthError(
        code: 503, message: "service unavailable: the database cannot be reached; try again in 5 s", retryAfter: 5)

    /// `missingParameter` naming the parameter, so a developer sees which one; the code stays 403.
    public static func missing(_ name: String) -> AuthError {
        AuthError(code: 403, message: "missing parameter: \(name)")
    }

    /// `invalidData` naming what was wrong; the code stays 602.
    public static func invalid(_ what: String) -> AuthError {
        AuthError(code: 602, message: "invalid data: \(what)")
    }
}
