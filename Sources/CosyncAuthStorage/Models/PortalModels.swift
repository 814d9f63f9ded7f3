import CosyncAuthCore
import FluentKit
import Foundation

/// Row of `portal_operators`.
final class PortalOperatorModel: Model, @unchecked Sendable {
    static let schema = "portal_operators"

    @ID(key: .id) var id: UUID?
    @Field(key: "email") var email: String
    @Field(key: "password_hash") var passwordHash: String
    @OptionalField(key: "sealed_totp_secret") var sealedTOTPSecret: String?
    @Field(key: "failed_logins") var failedLogins: Int
    @OptionalField(key: "locked_until") var lockedUntil: Date?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(_ o: PortalOperator) {
        id = o.id
        email = o.email
        passwordHash = o.passwordHash
        sealedTOTPSecret = o.sealedTOTPSecret
        failedLogins = o.failedLogins
        lockedUntil = o.lockedUntil
        createdAt = o.createdAt
    }

    func domain() throws -> PortalOperator {
        PortalOperator(
            id: try requireID(), email: email, passwordHash: passwordHash, sealedTOTPSecret: sealedTOTPSecret, failedLogins: failedLogins,
            lockedUntil: lockedUntil, createdAt: createdAt)
    }
}

/// Row of `portal_sessions`, keyed by the digest of the cookie's token.
final class PortalSessionModel: Model, @unchecked Sendable {
    static let schema = "portal_sessions"

    @ID(custom: "digest", generatedBy: .user) var id: String?
    @Field(key: "operator_id") var operatorId: UUID
    @Field(key: "csrf_token") var csrfToken: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "last_seen_at") var lastSeenAt: Date
    @Field(key: "expires_at") var expiresAt: Date

    init() {}

    init(_ s: PortalSession) {
        id = s.digest
        operatorId = s.operatorId
        csrfToken = s.csrfToken
        createdAt = s.createdAt
        lastSeenAt = s.lastSeenAt
        expiresAt = s.expiresAt
    }

    func domain() throws -> PortalSession {
        PortalSession(
            digest: try requireID(), operatorId: operatorId, csrfToken: csrfToken, createdAt: createdAt, lastSeenAt: lastSeenAt,
            expiresAt: expiresAt)
    }
}

/// Row of `portal_hosts`.
final class RegisteredHostModel: Model, @unchecked Sendable {
    static let schema = "portal_hosts"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "url") var url: String
    @Field(key: "sealed_secret") var sealedSecret: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(_ h: RegisteredHost) {
        id = h.id
        name = h.name
        url = h.url
        sealedSecret = h.sealedSecret
        createdAt = h.createdAt
    }

    func domain() throws -> RegisteredHost {
        RegisteredHost(id: try requireID(), name: name, url: url, sealedSecret: sealedSecret, createdAt: createdAt)
    }
}
