public import Foundation

/// The claims of a user JWT, as protocol.md lists them. Metadata keys become claims, but never in place of
/// the registered ones: a user must not be able to choose their own `sub` or `exp`.
public enum UserJWTClaims {
    public static let reserved: Set<String> = ["aud", "sub", "iat", "exp", "nbf", "iss", "jti", "email", "userName"]

    public static func make(app: App, user: User, now: Date) -> [String: JSONValue] {
        var claims: [String: JSONValue] = [:]
        let metadata =
            user.loginProvider == .anonymous
            ? MetadataPolicy.anonymous(fields: app.settings.metaData)
            : user.metadata
        for (key, value) in metadata.objectValue ?? [:] where !reserved.contains(key) {
            claims[key] = value
        }
        let issuedAt = now.timeIntervalSince1970.rounded(.down)
        claims["aud"] = .string(app.settings.realmAppId ?? "none")
        claims["sub"] = .string(user.handle)
        claims["iat"] = .number(issuedAt)
        claims["exp"] = .number(issuedAt + Double(app.settings.userJWTExpiration) * 3600)
        if app.settings.metaDataEmail {
            claims["email"] = .string(user.handle)
        }
        if app.settings.userNamesEnabled, let userName = user.userName {
            claims["userName"] = .string(userName)
        }
        return claims
    }
}
