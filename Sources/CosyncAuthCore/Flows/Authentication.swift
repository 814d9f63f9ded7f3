import Foundation

/// Who is calling: the app behind an `app-token`, the user behind an `access-token`.
extension AccountService {
    public func authenticateApp(token: String?) async throws -> App {
        guard let token, !token.isEmpty, token.utf8.count <= 512,
            let app = try await store.app(token: token)
        else { throw AuthError.invalidAppToken }
        try Self.checkUsable(app)
        return app
    }

    /// Every access-token call re-reads the token, the user and the app (in one statement), so a revoked
    /// token, a suspended user or a suspended app is cut off at once, on every instance.
    public func authenticateUser(accessToken: String?) async throws -> AuthenticatedUser {
        guard let accessToken, !accessToken.isEmpty, accessToken.utf8.count <= 512 else {
            throw AuthError.invalidAccessToken
        }
        let digest = RandomToken.digest(accessToken)
        guard let (record, user, app) = try await store.accessTokenWithOwner(digest: digest), record.expiresAt > now(),
            user.appId == record.appId
        else { throw AuthError.invalidAccessToken }
        try Self.checkUsable(app)
        guard user.status == .active else { throw AuthError.userSuspended }
        return AuthenticatedUser(app: app, user: user, tokenDigest: digest)
    }

    /// The app of an app-token call: the `app-token`'s, or where a client sent an access token instead
    /// (the React Native client does, even a dead one), the app that token names. The access token
    /// authenticates nothing here; a token whose app cannot be told is an invalid app token.
    public func appOfCall(appToken: String?, accessToken: String?) async throws -> App {
        if let appToken, !appToken.isEmpty { return try await authenticateApp(token: appToken) }
        guard let accessToken, !accessToken.isEmpty, accessToken.utf8.count <= 512 else { throw AuthError.invalidAppToken }
        var appId = AccessTokenText.appId(of: accessToken)
        if appId == nil, let app = try await store.app(token: accessToken) {
            // The Kotlin client's resetPassword puts the app token itself in this header.
            try Self.checkUsable(app)
            return app
        }
        if appId == nil {
            // A token of the older form names no app; while it is stored, its record does.
            appId = try await store.accessToken(digest: RandomToken.digest(accessToken))?.appId
        }
        guard let appId, let app = try await store.app(id: appId) else { throw AuthError.invalidAppToken }
        try Self.checkUsable(app)
        return app
    }

    static func checkUsable(_ app: App) throws(AuthError) {
        switch app.status {
        case .active: return
        case .inactive: throw AuthError.appSuspended
        case .migrated: throw AuthError.appMigrated
        }
    }

    /// TOK: a fresh user JWT and a new access token. The JWT is signed before any transaction opens
    /// (signing may read the app's key), and the token's record is written by `record.insert(in:)`.
    func newSession(app: App, user: User) async throws -> (session: Session, record: AccessTokenRecord) {
        let (accessToken, record) = newAccessToken(app: app, user: user)
        let jwt = try await signedJWT(app: app, user: user, issuedAt: record.createdAt)
        return (Session(jwt: jwt, accessToken: accessToken), record)
    }

    /// A new access token for `user`, and the record storage keeps of it (its digest), issued now.
    func newAccessToken(app: App, user: User) -> (text: String, record: AccessTokenRecord) {
        let issuedAt = now()
        let accessToken = AccessTokenText.make(appId: app.id)
        let record = AccessTokenRecord(
            digest: RandomToken.digest(accessToken), userId: user.id, appId: app.id, createdAt: issuedAt,
            expiresAt: issuedAt.addingTimeInterval(Double(app.settings.accessTokenExpiration) * 86_400))
        return (accessToken, record)
    }

    /// The user JWT of a session issued at `issuedAt`.
    func signedJWT(app: App, user: User, issuedAt: Date) async throws -> String {
        try await signer.sign(UserJWTClaims.make(app: app, user: user, now: issuedAt), for: app)
    }

    /// Creates `user`, logged in, with its welcome email, all in one transaction; `consuming` first
    /// removes what the account comes from (a pending signup, an invite) inside that transaction.
    func createAccount(
        _ user: User, app: App, consuming: @escaping @Sendable (any AuthStore) async throws -> Void = { _ in }
    ) async throws -> Session {
        let (session, record) = try await newSession(app: app, user: user)
        let welcome = try await mailer.compose(.signUpSuccess, app: app, to: user.handle, locale: user.locale, now: user.createdAt)
        try await store.transaction { store in
            try await consuming(store)
            do {
                try await store.insert(user)
            } catch StoreConflict.handle {
                throw AuthError.handleAlreadyRegistered
            }
            try await store.insert(record)
            try await store.enqueue(welcome)
        }
        return session
    }
}
