public import Foundation

/// What an operator does to an app's users: find them, suspend or reactivate them (cutting their
/// sessions at once), set a password, edit metadata, add or remove them.
public struct UserAdministration: Sendable {
    /// Finds the app a call names, by id or name.
    let apps: AppAdministration
    let store: any AuthStore
    let passwords: any PasswordHasher
    let now: @Sendable () -> Date

    var audit: AuditTrail { AuditTrail(log: store, now: now) }

    public init(
        apps: AppAdministration, store: any AuthStore, passwords: any PasswordHasher, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.apps = apps
        self.store = store
        self.passwords = passwords
        self.now = now
    }

    public func search(
        app idOrName: String, matching match: UserMatch, includeAnonymous: Bool, order: UserOrder = .handle, offset: Int, limit: Int
    ) async throws -> (users: [User], total: Int) {
        let app = try await apps.findApp(idOrName)
        return try await store.users(
            appId: app.id, matching: match, includeAnonymous: includeAnonymous, order: order, offset: offset, limit: limit)
    }

    /// A user by id or handle.
    public func find(app idOrName: String, user: String) async throws -> (App, User) {
        let app = try await apps.findApp(idOrName)
        if let id = UUID(uuidString: user), let found = try await store.user(id: id), found.appId == app.id { return (app, found) }
        if let handle = Handle.normalized(user), let found = try await store.user(appId: app.id, handle: handle) { return (app, found) }
        if let found = try await store.user(appId: app.id, handle: user) { return (app, found) }
        throw AdminFailure.userNotFound(user)
    }

    /// Suspending a user revokes their sessions in the same transaction: a live access token stops working.
    public func setStatus(app idOrName: String, user: String, status: UserStatus) async throws -> User {
        let (_, found) = try await find(app: idOrName, user: user)
        var updated = found
        updated.status = status
        updated.updatedAt = now()
        let changed = updated
        try await audit.around(.userStatus, app: found.appId, detail: "\(found.handle) \(status.rawValue)") {
            try await store.transaction { store in
                try await store.update(changed, from: found)
                if status == .suspended { try await store.deleteAccessTokens(userId: changed.id, keeping: nil) }
            }
        }
        return changed
    }

    /// Sets a password (the MD5 hex the clients would send) and revokes every session.
    public func setPassword(app idOrName: String, user: String, passwordMD5: String) async throws -> User {
        guard let password = PasswordDigest.normalized(passwordMD5) else {
            throw AdminFailure.invalidSetting("the password must be the MD5 hex of the new password")
        }
        let (_, found) = try await find(app: idOrName, user: user)
        var updated = found
        updated.passwordHash = try await passwords.hash(password)
        updated.failedLogins = 0
        updated.lockedUntil = nil
        updated.updatedAt = now()
        let changed = updated
        try await audit.around(.userPassword, app: found.appId, detail: found.handle) {
            try await store.transaction { store in
                try await store.update(changed, from: found)
                try await store.deleteAccessTokens(userId: changed.id, keeping: nil)
            }
        }
        return changed
    }

    /// Replaces a user's metadata with a JSON object (the operator is trusted with every key).
    public func setMetadata(app idOrName: String, user: String, metadata: String) async throws -> User {
        guard let value = JSONValue(jsonText: metadata), value.objectValue != nil else {
            throw AdminFailure.invalidSetting("metaData must be a JSON object")
        }
        let (_, found) = try await find(app: idOrName, user: user)
        var updated = found
        updated.metadata = value
        updated.updatedAt = now()
        let changed = updated
        try await audit.around(.userMetadata, app: found.appId, detail: found.handle) { try await store.update(changed, from: found) }
        return updated
    }

    /// Adds a user who can log in at once (no signup email).
    public func addUser(app idOrName: String, handle rawHandle: String, passwordMD5: String, metadata: String?) async throws -> User {
        let app = try await apps.findApp(idOrName)
        guard let handle = Handle.normalized(rawHandle), Handle.isEmail(handle), !Handle.isAnonymous(handle) else {
            throw AdminFailure.invalidSetting("handle must be an email address")
        }
        guard let password = PasswordDigest.normalized(passwordMD5) else {
            throw AdminFailure.invalidSetting("the password must be the MD5 hex of the password")
        }
        var value = JSONValue.emptyObject
        if let metadata, !metadata.isEmpty {
            guard let parsed = JSONValue(jsonText: metadata), parsed.objectValue != nil else {
                throw AdminFailure.invalidSetting("metaData must be a JSON object")
            }
            value = parsed
        }
        let created = now()
        let user = User(
            appId: app.id, handle: handle, passwordHash: try await passwords.hash(password), metadata: value,
            createdAt: created, updatedAt: created)
        try await audit.around(.userAdd, app: app.id, detail: handle) {
            do {
                try await store.insert(user)
            } catch StoreConflict.handle {
                throw AdminFailure.conflict("\(handle) is already registered")
            }
        }
        return user
    }

    public func removeUser(app idOrName: String, user: String) async throws -> User {
        let (_, found) = try await find(app: idOrName, user: user)
        try await audit.around(.userRemove, app: found.appId, detail: found.handle) { try await store.deleteUser(id: found.id) }
        return found
    }

    public func counts(app idOrName: String) async throws -> (users: Int, anonymous: Int) {
        let app = try await apps.findApp(idOrName)
        let counts = try await store.userCounts(appId: app.id)
        return (counts.total, counts.anonymous)
    }
}

extension UserAdministration {
    /// Turns a user's two-factor login off (they lost their phone): the authenticator secret and the
    /// recovery codes go; the phone number stays, no longer a second factor.
    public func resetTwoFactor(app idOrName: String, user: String) async throws -> User {
        let (_, found) = try await find(app: idOrName, user: user)
        var updated = found
        updated.twoFactorGoogleVerification = false
        updated.twoFactorPhoneVerification = false
        updated.updatedAt = now()
        let changed = updated
        try await audit.around(.twoFactorReset, app: found.appId, detail: found.handle) {
            try await store.transaction { store in
                try await store.update(changed, from: found)
                try await store.deleteTOTPEnrollment(userId: changed.id)
                try await store.replaceRecoveryCodes(userId: changed.id, digests: [])
            }
        }
        return changed
    }
}
