import Foundation

/// An app's contents beyond its settings: resetting its users, its metadata fields, its locales and
/// the templates the operator sees.
extension AppAdministration {
    /// Wipes the app's users, sessions, pending signups, resets and invites; keeps the app as configured.
    public func resetApp(_ idOrName: String) async throws -> App {
        let app = try await findApp(idOrName)
        try await audit.around(.appReset, app: app.id) { try await store.resetApp(id: app.id) }
        return app
    }

    /// Which list of metadata fields: the user's (`metaData`) or the invitation's (`metaDataInvite`).
    public enum FieldList: String, Sendable, CaseIterable {
        case user = "metaData"
        case invite = "metaDataInvite"
    }

    /// Adds a field, or replaces the one with the same path.
    public func putField(app idOrName: String, _ field: MetadataField, list: FieldList) async throws -> App {
        guard field.isValid else {
            throw AdminFailure.invalidSetting("a field's path is a dotted path of letters, digits, _ and - such as user_data.name")
        }
        return try await changeSettings(idOrName, event: .appUpdate, detail: "\(list.rawValue) \(field.path)") { settings in
            var fields = list == .user ? settings.metaData : settings.metaDataInvite
            if let index = fields.firstIndex(where: { $0.path == field.path }) { fields[index] = field } else { fields.append(field) }
            if list == .user { settings.metaData = fields } else { settings.metaDataInvite = fields }
        }
    }

    /// Removes the field with that path.
    public func removeField(app idOrName: String, path: String, list: FieldList) async throws -> App {
        try await changeSettings(idOrName, event: .appUpdate, detail: "\(list.rawValue) -\(path)") { settings in
            var fields = list == .user ? settings.metaData : settings.metaDataInvite
            guard let index = fields.firstIndex(where: { $0.path == path }) else {
                throw AdminFailure.notFound("no \(list.rawValue) field at '\(path)'")
            }
            fields.remove(at: index)
            if list == .user { settings.metaData = fields } else { settings.metaDataInvite = fields }
        }
    }

    public func addLocale(app idOrName: String, _ raw: String) async throws -> App {
        guard let locale = Locales.normalized(raw) else { throw AdminFailure.invalidSetting("'\(raw)' is not a two-letter ISO 639-1 code") }
        return try await changeSettings(idOrName, event: .localeAdd, detail: locale) { settings in
            guard !settings.locales.contains(locale) else { throw AdminFailure.conflict("the app already has \(locale)") }
            settings.locales.append(locale)
        }
    }

    /// Removes a locale with the app's templates for it; users of that locale get the English emails.
    public func removeLocale(app idOrName: String, _ raw: String) async throws -> App {
        guard let locale = Locales.normalized(raw) else { throw AdminFailure.invalidSetting("'\(raw)' is not a two-letter ISO 639-1 code") }
        guard locale != Locales.fallback else { throw AdminFailure.invalidSetting("\(Locales.fallback) is every app's fallback locale and stays") }
        let app = try await findApp(idOrName)
        guard app.settings.locales.contains(locale) else { throw AdminFailure.notFound("the app has no locale \(locale)") }
        var changed = app
        changed.settings.locales.removeAll { $0 == locale }
        changed.updatedAt = now()
        let updated = changed
        try await audit.around(.localeRemove, app: app.id, detail: locale) {
            try await store.transaction { store in
                try await store.update(updated)
                try await store.deleteEmailTemplates(appId: app.id, locale: locale)
            }
        }
        return updated
    }

    /// A template as a sender would use it for a locale, and whether the app has its own.
    public struct TemplateView: Sendable {
        public var template: EmailTemplate
        public var isCustom: Bool
    }

    /// Every template the app sends, for each of its locales (or one locale), as they would be used now.
    public func templates(app idOrName: String, locale raw: String?) async throws -> [TemplateView] {
        let app = try await findApp(idOrName)
        var locales = app.settings.locales.isEmpty ? [Locales.fallback] : app.settings.locales
        if let raw {
            // Any locale may be asked: one the app lacks shows what its users get (the English fallback).
            guard let locale = Locales.normalized(raw) else {
                throw AdminFailure.invalidSetting("'\(raw)' is not a two-letter ISO 639-1 code")
            }
            locales = [locale]
        }
        let own = try await store.emailTemplates(appId: app.id)
        let mailer = Mailer(templates: store)
        var views: [TemplateView] = []
        for locale in locales {
            for name in EmailTemplate.Name.allCases {
                var template = try await mailer.template(name, app: app, locale: locale)
                let isCustom = own.contains { $0.name == name && $0.locale == locale }
                template.locale = locale
                views.append(TemplateView(template: template, isCustom: isCustom))
            }
        }
        return views
    }

    /// Loads the app, lets `change` edit its settings, and saves them, logging the change.
    func changeSettings(
        _ idOrName: String, event: AuditEvent, detail: String, _ change: (inout AppSettings) throws -> Void
    ) async throws -> App {
        let app = try await findApp(idOrName)
        return try await audit.around(event, app: app.id, detail: detail) {
            var changed = app
            try change(&changed.settings)
            changed.updatedAt = now()
            try await store.update(changed)
            return changed
        }
    }
}
