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

/// The text of an access token: `at_`, the app's id (32 hex digits), `_`, then 256 random bits. The app
/// is readable from the token itself because the React Native client keeps sending an access token in
/// place of the app token, even once it has expired, been revoked or been pruned; the token then still
/// names its app, and never authenticates a user again.
public enum AccessTokenText {
    public static func make(appId: UUID) -> String {
        RandomToken.make(prefix: "at_\(hex(appId))_")
    }

    /// The app a token names; nil for a token of the older form (random only) or not a token at all.
    public static func appId(of token: String) -> UUID? {
        let characters = Array(token.utf8)
        guard characters.count > 36, token.hasPrefix("at_"), characters[35] == UInt8(ascii: "_") else { return nil }
        let digits = characters[3..<35]
        guard digits.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else { return nil }
        let text = String(decoding: digits, as: UTF8.self)
        var uuid = text
        for index in [8, 13, 18, 23] { uuid.insert("-", at: uuid.index(uuid.startIndex, offsetBy: index)) }
        return UUID(uuidString: uuid)
    }

    static func hex(_ id: UUID) -> String {
        id.uuidString.lowercased().replacingOccurrences(of: "-", with: "")
    }
}
