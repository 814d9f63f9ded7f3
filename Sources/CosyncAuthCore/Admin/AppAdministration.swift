public import Foundation

/// Creating, finding and configuring apps: the logic behind `cosync-auth app ...` and `/api/app`.
public struct AppAdministration: Sendable {
    public let store: any AuthStore
    public let sealer: any SecretSealer
    public let keys: any KeyPairGenerator
    public let now: @Sendable () -> Date

    public init(
        store: any AuthStore, sealer: any SecretSealer, keys: any KeyPairGenerator,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store
        self.sealer = sealer
        self.keys = keys
        self.now = now
    }

    public var audit: AuditTrail { AuditTrail(log: store, now: now) }

    /// A new app with its credentials in clear: the only time the app secret is shown.
    public struct CreatedApp: Sendable {
        public var app: App
        public var appSecret: String
    }

    public func createApp(name rawName: String) async throws -> CreatedApp {
        let name: String
        do { name = try AppSettingChange.appName(rawName) } catch { throw AdminFailure.invalidSetting(error.message) }
        let keyPair = try await keys.makeKeyPair()
        let appSecret = RandomToken.make(prefix: "as_")
        let created = now()
        let app = App(
            id: UUID(), name: name, appToken: RandomToken.make(prefix: "app_"), publicKeyPEM: keyPair.publicKeyPEM,
            createdAt: created, updatedAt: created)
        let sealed = SealedAppSecrets(
            appSecret: try sealer.seal(appSecret), privateKeyPEM: try sealer.seal(keyPair.privateKeyPEM))
        do {
            try await store.insert(app, secrets: sealed)
        } catch StoreConflict.appName {
            throw AdminFailure.nameTaken(name)
        }
        await audit.record(.appCreate, app: app.id, actor: nil, detail: name)
        return CreatedApp(app: app, appSecret: appSecret)
    }

    /// Finds an app by id, else by name (as the CLI's APP argument allows).
    public func findApp(_ idOrName: String) async throws -> App {
        if let id = UUID(uuidString: idOrName), let app = try await store.app(id: id) { return app }
        if let app = try await store.app(name: idOrName) { return app }
        throw AdminFailure.appNotFound(idOrName)
    }

    public func listApps() async throws -> [App] {
        try await store.apps()
    }

    /// How many apps the host serves and how many users they have in all.
    public func hostSummary() async throws -> (apps: Int, users: Int) {
        let apps = try await store.apps()
        var users = 0
        for app in apps { users += try await store.userCounts(appId: app.id).total }
        return (apps.count, users)
    }

    /// Saves an app's own template for a locale, refusing one that could not render (never at send time).
    public func saveTemplate(app idOrName: String, _ template: EmailTemplate) async throws {
        let app = try await findApp(idOrName)
        do { try template.validate() } catch { throw AdminFailure.invalidSetting(error.message) }
        guard let locale = Locales.normalized(template.locale), app.settings.locales.contains(locale) || locale == Locales.fallback else {
            throw AdminFailure.invalidSetting("\(template.locale) is not one of the app's locales (\(app.settings.locales.joined(separator: ",")))")
        }
        var normalized = template
        normalized.locale = locale
        try await audit.around(.templateUpdate, app: app.id, detail: "\(template.name.rawValue) \(locale)") {
            try await store.save(normalized, appId: app.id)
        }
    }

    /// The messages in the outbox, newest first, for the operator.
    public func outbox(status: OutboxMessage.Status?, limit: Int) async throws -> [OutboxMessage] {
        try await store.outboxMessages(status: status, limit: limit)
    }

    /// Applies several settings at once: all of them, or none when any is refused.
    public func updateSettings(app idOrName: String, _ changes: [(name: String, value: String)]) async throws -> App {
        let app = try await findApp(idOrName)
        // Names only: values may be credentials.
        return try await audit.around(.appUpdate, app: app.id, detail: changes.map(\.name).joined(separator: ",")) {
            var changed = app
            // Secrets are sealed and stored apart from the settings.
            var smsToken: String??
            for change in changes where AppSettingChange.secretSettingNames.contains(change.name) {
                let value = change.value.trimmingCharacters(in: .whitespaces)
                smsToken = .some(value.isEmpty ? nil : try sealer.seal(value))
            }
            for change in changes where !AppSettingChange.secretSettingNames.contains(change.name) {
                do throws(AppSettingChange.Invalid) { changed = try AppSettingChange.apply(change.name, value: change.value, to: changed) } catch {
                    throw AdminFailure.invalidSetting(error.message)
                }
            }
            changed.updatedAt = now()
            let updated = changed
            let sealedToken = smsToken
            do {
                try await store.transaction { store in
                    try await store.update(updated)
                    if let sealedToken { try await store.updateSealedSMSToken(appId: updated.id, sealed: sealedToken) }
                }
            } catch StoreConflict.appName {
                throw AdminFailure.nameTaken(changed.name)
            }
            return changed
        }
    }

    /// Apps whose name contains `text` (case-insensitive), by name; `offset`/`limit` page through them.
    public func searchApps(_ text: String, offset: Int, limit: Int) async throws -> (apps: [App], total: Int) {
        let needle = text.lowercased()
        let matching = try await store.apps()
            .filter { needle.isEmpty || $0.name.lowercased().contains(needle) || $0.id.uuidString.lowercased() == needle }
            .sorted { $0.name.lowercased() < $1.name.lowercased() }
        return (Array(matching.dropFirst(offset).prefix(limit)), matching.count)
    }

    /// Deletes an app with everything it holds: users, sessions, pending records, templates, outbox.
    public func deleteApp(_ idOrName: String) async throws -> App {
        let app = try await findApp(idOrName)
        try await audit.around(.appDelete, app: app.id, detail: app.name) { try await store.deleteApp(id: app.id) }
        return app
    }

    public func setSetting(app idOrName: String, name: String, value: String) async throws -> App {
        try await updateSettings(app: idOrName, [(name: name, value: value)])
    }
}

extension AppAdministration {
    /// The last `days` days of an app's activity, oldest first, every day present.
    public func activity(app idOrName: String, days: Int) async throws -> [DailyActivity] {
        let app = try await findApp(idOrName)
        guard (1...366).contains(days) else { throw AdminFailure.invalidSetting("days takes 1 to 366") }
        let today = DailyActivity.dayNumber(now())
        let first = today - days + 1
        let counted = try await store.dailyActivity(appId: app.id, since: DailyActivity.date(dayNumber: first))
        let byDay = Dictionary(counted.map { (DailyActivity.dayNumber($0.day), $0) }, uniquingKeysWith: { a, _ in a })
        return (first...today).map { byDay[$0] ?? DailyActivity(day: DailyActivity.date(dayNumber: $0)) }
    }

    /// An app's audit log (or the host's own entries when `app` is nil), newest first.
    public func auditLog(
        app idOrName: String?, event: AuditEvent?, actor: String? = nil, after: Date?, offset: Int, limit: Int
    ) async throws -> (entries: [AuditEntry], total: Int) {
        var appId: UUID?
        // An id is taken as is: the log of a deleted app stays readable until retention prunes it.
        if let idOrName, !idOrName.isEmpty {
            if let id = UUID(uuidString: idOrName) { appId = id } else { appId = try await findApp(idOrName).id }
        }
        return try await store.auditEntries(appId: appId, event: event, actor: actor, after: after, offset: offset, limit: limit)
    }
}

extension AppAdministration {

    /// The app's SMS provider credentials, when all three are set.
    public func smsCredentials(appId: UUID) async throws -> SMSCredentials? {
        guard let app = try await store.app(id: appId), let sid = app.settings.twilioAccountSid,
            let from = app.settings.twilioPhoneNumber, let sealed = try await store.sealedSecrets(appId: appId)?.smsToken
        else { return nil }
        return SMSCredentials(accountSid: sid, authToken: try sealer.open(sealed), fromNumber: from)
    }
}
