public import Foundation

/// Composes an app's email from its template for the recipient's locale (falling back to the app's
/// English template, then to the built-in default) and its sender settings, as an outbox message.
public struct Mailer: Sendable {
    public let templates: any EmailTemplateRepository

    public init(templates: any EmailTemplateRepository) {
        self.templates = templates
    }

    public func template(_ name: EmailTemplate.Name, app: App, locale: String) async throws -> EmailTemplate {
        if let own = try await templates.emailTemplate(appId: app.id, name: name, locale: locale) { return own }
        if locale != Locales.fallback,
            let english = try await templates.emailTemplate(appId: app.id, name: name, locale: Locales.fallback)
        {
            return english
        }
        return DefaultTemplates.template(name)
    }

    /// A text message from the app's `sms` template (its text part, else its HTML as text).
    public func composeSMS(app: App, to phone: String, locale: String, code: String, now: Date) async throws -> OutboxMessage {
        let rendered = try await template(.sms, app: app, locale: locale).render(["APP_NAME": app.name, "CODE": code, "HANDLE": phone])
        return OutboxMessage(
            appId: app.id, recipient: phone, subject: "SMS", text: rendered.text.trimmingCharacters(in: .whitespacesAndNewlines),
            html: nil, nextAttemptAt: now, createdAt: now, channel: .sms)
    }

    public func compose(
        _ name: EmailTemplate.Name, app: App, to recipient: String, locale: String, code: String? = nil,
        link: String? = nil, now: Date
    ) async throws -> OutboxMessage {
        let template = try await template(name, app: app, locale: locale)
        var values = ["HANDLE": recipient, "APP_NAME": app.name]
        if let code { values["CODE"] = code }
        if let link { values["LINK"] = link }
        let email = template.render(values)
        return OutboxMessage(
            appId: app.id, recipient: recipient, subject: email.subject, text: email.text, html: email.html,
            from: app.settings.emailFrom, replyTo: email.replyTo ?? app.settings.emailReplyTo,
            nextAttemptAt: now, createdAt: now)
    }
}
