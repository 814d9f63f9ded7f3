/// getUser, setLocale, setUserMetadata, setUserName, userNameAvailable: a logged-in user's own record.
extension AccountService {
    public func setLocale(_ caller: AuthenticatedUser, locale raw: String) async throws {
        guard let locale = Locales.normalized(raw) else { throw AuthError.invalid("locale must be a two-letter code") }
        // 602, as the original answered (it never used 609).
        guard locale == Locales.fallback || caller.app.settings.locales.contains(locale) else {
            throw AuthError.invalid("locale is not one of the app's locales")
        }
        var user = caller.user
        user.locale = locale
        user.updatedAt = now()
        try await store.update(user, from: caller.user)
    }

    public func setUserMetadata(_ caller: AuthenticatedUser, metadata raw: String) async throws {
        var user = caller.user
        user.metadata = try MetadataPolicy.forUpdate(raw, current: user.metadata, fields: caller.app.settings.metaData)
        user.updatedAt = now()
        try await store.update(user, from: caller.user)
    }

    /// A user name is set once, as in the original; it is unique within the app.
    public func setUserName(_ caller: AuthenticatedUser, userName raw: String) async throws {
        guard caller.app.settings.userNamesEnabled else { throw AuthError.userNamesNotSupported }
        guard let userName = UserName.normalized(raw) else {
            throw AuthError.invalid(UserName.rule)
        }
        guard caller.user.userName == nil else { throw AuthError.invalid("the user name is already set") }
        var user = caller.user
        user.userName = userName
        user.updatedAt = now()
        do {
            try await store.update(user, from: caller.user)
        } catch StoreConflict.userName {
            throw AuthError.userNameAlreadyAssigned
        }
    }

    public func userNameAvailable(_ caller: AuthenticatedUser, userName raw: String) async throws -> Bool {
        guard caller.app.settings.userNamesEnabled else { throw AuthError.userNamesNotSupported }
        guard let userName = UserName.normalized(raw) else {
            throw AuthError.invalid(UserName.rule)
        }
        return try await store.user(appId: caller.app.id, userName: userName) == nil
    }
}
