public import Foundation

/// A stored access token: only its digest is kept, so a database leak does not leak sessions.
public struct AccessTokenRecord: Sendable, Equatable {
    public var digest: String
    public var userId: UUID
    public var appId: UUID
    public var createdAt: Date
    public var expiresAt: Date

    public init(digest: String, userId: UUID, appId: UUID, createdAt: Date, expiresAt: Date) {
        self.digest = digest
        self.userId = userId
        self.appId = appId
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

/// What a successful login answers (TOK in protocol.md).
public struct Session: Sendable, Equatable {
    public var jwt: String
    public var accessToken: String

    public init(jwt: String, accessToken: String) {
        self.jwt = jwt
        self.accessToken = accessToken
    }
}
