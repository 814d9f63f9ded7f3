import Foundation

/// POST socialLogin and socialSignup: Sign in with Apple or Google. The provider's ID token is the proof;
/// the user is known by the provider's subject (`sub`), which never changes hands, and by email only to
/// find a user imported without one.
extension AccountService {
    public func socialLogin(app: App, idToken: String, provider rawProvider: String) async throws -> Session {
        // The caller is known only once the token is verified: the log names the provider, never text
        // the client sent.
        let named = SocialProvider(rawValue: rawProvider.lowercased())
        return try await audit.around(.socialLogin, app: app.id, detail: named?.rawValue) {
            let (provider, identity) = try await verifiedIdentity(app: app, idToken: idToken, provider: rawProvider)
            try await throttle(policy.rateLimits.login, "social:\(app.id):\(provider.rawValue):\(identity.subject)")
            guard let user = try await socialUser(app: app, provider: provider, identity: identity) else {
                throw AuthError.accountDoesNotExist
            }
            guard user.status == .active else { throw AuthError.userSuspended }
            return try await finishLogin(app: app, user: user, verifiedHash: nil)
        }
    }

    public func socialSignup(
        app: App, idToken: String, provider rawProvider: String, handle rawHandle: String, metadata rawMetadata: String?,
        locale rawLocale: String?
    ) async throws -> Session {
        try await audit.around(.socialSignup, app: app.id, actor: Self.auditActor(rawHandle, app: app)) {
            let (provider, identity) = try await verifiedIdentity(app: app, idToken: idToken, provider: rawProvider)
            guard app.settings.signupEnabled else { throw AuthError.signupNotSupported }
            // The handle is the address the provider vouches for, never one the caller merely names: else
            // anyone with a Google account could take a stranger's address before its owner signs up.
            guard let email = identity.email, let handle = Self.socialHandle(rawHandle, matching: email) else {
                throw AuthError.invalidSocialToken
            }
            let locale = try Self.signupLocale(rawLocale, app: app)
            let metadata = try MetadataPolicy.forSignup(rawMetadata, fields: app.settings.metaData)
            if let existing = try await store.user(appId: app.id, provider: provider.loginProvider, socialUserId: identity.subject) {
                throw AuthError.registeredWith(existing.loginProvider)
            }
            if let existing = try await store.user(appId: app.id, handle: handle) {
                throw AuthError.registeredWith(existing.loginProvider)
            }
            let created = now()
            let user = User(
                appId: app.id, handle: handle, passwordHash: nil, locale: locale, metadata: metadata,
                loginProvider: provider.loginProvider, socialUserId: identity.subject,
                createdAt: created, updatedAt: created, lastLogin: created)
            do {
                return try await createAccount(user, app: app)
            } catch let error as AuthError where error == .handleAlreadyRegistered {
                // A signup of the same handle or subject won the race.
                let winner = try await store.user(appId: app.id, handle: handle)
                throw AuthError.registeredWith(winner?.loginProvider ?? provider.loginProvider)
            }
        }
    }

    /// The provider named by the call, enabled and configured for the app, and the identity its token proves.
    func verifiedIdentity(app: App, idToken: String, provider rawProvider: String) async throws -> (SocialProvider, ProviderIdentity) {
        guard let provider = SocialProvider(rawValue: rawProvider.lowercased()) else {
            throw AuthError.invalid("provider must be apple or google")
        }
        let audiences = try Self.audiences(of: provider, app: app)
        guard !idToken.isEmpty else { throw AuthError.invalidSocialToken }
        return (provider, try await identityTokens.verify(idToken, provider: provider, audiences: audiences))
    }

    /// The app's ids at the provider (its bundle ids for Apple, OAuth client ids for Google); 415/416 when
    /// the provider is off or none is set.
    static func audiences(of provider: SocialProvider, app: App) throws(AuthError) -> [String] {
        let s = app.settings
        switch provider {
        case .apple:
            guard s.appleLoginEnabled, !s.appleBundleIds.isEmpty else { throw AuthError.appleLoginNotSupported }
            return s.appleBundleIds
        case .google:
            guard s.googleLoginEnabled, !s.googleClientIds.isEmpty else { throw AuthError.googleLoginNotSupported }
            return s.googleClientIds
        }
    }

    /// The user a verified identity belongs to: by the provider's subject, else (a user imported from a
    /// host that kept no subject) by the verified email, whose subject is then recorded. A user of that
    /// email who signs in another way, or whom another account of the provider already owns, is refused.
    func socialUser(app: App, provider: SocialProvider, identity: ProviderIdentity) async throws -> User? {
        if let user = try await store.user(appId: app.id, provider: provider.loginProvider, socialUserId: identity.subject) {
            return user
        }
        guard let email = identity.email.flatMap(Handle.normalized),
            let user = try await store.user(appId: app.id, handle: email)
        else { return nil }
        guard user.loginProvider == provider.loginProvider else { throw AuthError.registeredWith(user.loginProvider) }
        // Linked meanwhile (a login running beside this one): to this account, or to another one.
        if let linked = user.socialUserId {
            guard linked == identity.subject else { throw AuthError.invalidSocialToken }
            return user
        }
        guard try await store.linkSocialUserId(userId: user.id, socialUserId: identity.subject) else {
            // Another login linked it first: fine if it was this same provider account.
            if let linked = try await store.user(appId: app.id, provider: provider.loginProvider, socialUserId: identity.subject) {
                return linked
            }
            throw AuthError.invalidSocialToken
        }
        var linked = user
        linked.socialUserId = identity.subject
        return linked
    }

    /// The handle of a social signup: the client's, if it is the token's email. The Swift client does not
    /// escape `+` in this call, so a `+` may arrive as a space.
    static func socialHandle(_ raw: String, matching email: String) -> String? {
        guard let vouched = Handle.normalized(email), Handle.isEmail(vouched) else { return nil }
        let sent = Handle.normalized(raw)
        let repaired = Handle.normalized(raw.replacingOccurrences(of: " ", with: "+"))
        return sent == vouched || repaired == vouched ? vouched : nil
    }
}
