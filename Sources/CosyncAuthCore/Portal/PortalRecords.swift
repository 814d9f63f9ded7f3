public import Foundation

/// A person who manages hosts through the portal. The password is kept as an argon2id hash; failures
/// are counted in the record so that the lockout holds across instances.
public struct PortalOperator: Sendable, Equatable {
    public var id: UUID
    public var email: String
    public var passwordHash: String
    /// The authenticator secret, sealed with the master key; nil without a second factor.
    public var sealedTOTPSecret: String?
    public var failedLogins: Int
    public var lockedUntil: Date?
    public var createdAt: Date

    public init(
        id: UUID, email: String, passwordHash: String, sealedTOTPSecret: String? = nil, failedLogins: Int = 0, lockedUntil: Date? = nil,
        createdAt: Date
    ) {
        self.id = id
        self.email = email
        self.passwordHash = passwordHash
        self.sealedTOTPSecret = sealedTOTPSecret
        self.failedLogins = failedLogins
        self.lockedUntil = lockedUntil
        self.createdAt = createdAt
    }
}

/// A logged-in browser. The cookie holds a random token; only its digest is stored. The CSRF token
/// travels in every form of the session's pages.
public struct PortalSession: Sendable, Equatable {
    public var digest: String
    public var operatorId: UUID
    public var csrfToken: String
    public var createdAt: Date
    public var lastSeenAt: Date
    /// The absolute end, whatever the activity.
    public var expiresAt: Date

    public init(digest: String, operatorId: UUID, csrfToken: String, createdAt: Date, lastSeenAt: Date, expiresAt: Date) {
        self.digest = digest
        self.operatorId = operatorId
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
        self.expiresAt = expiresAt
    }
}

/// A host the portal manages through its admin API, with a server secret sealed at rest.
public struct RegisteredHost: Sendable, Equatable {
    public var id: UUID
    public var name: String
    public var url: String
    public var sealedSecret: String
    public var createdAt: Date

    public init(id: UUID, name: String, url: String, sealedSecret: String, createdAt: Date) {
        self.id = id
        self.name = name
        self.url = url
        self.sealedSecret = sealedSecret
        self.createdAt = createdAt
    }
}
