import CosyncAuthCore
import FluentKit
import Foundation

/// Row of `email_templates`: an app's own template; (app_id, name, locale) is unique.
final class EmailTemplateModel: Model, @unchecked Sendable {
    static let schema = "email_templates"

    @ID(key: .id) var id: UUID?
    @Field(key: "app_id") var appId: UUID
    @Field(key: "name") var name: String
    @Field(key: "locale") var locale: String
    @Field(key: "subject") var subject: String
    @OptionalField(key: "reply_to") var replyTo: String?
    @Field(key: "html") var html: String
    @OptionalField(key: "text_body") var text: String?

    init() {}

    init(_ t: EmailTemplate, appId: UUID) {
        id = UUID()
        self.appId = appId
        name = t.name.rawValue
        locale = t.locale
        subject = t.subject
        replyTo = t.replyTo
        html = t.html
        text = t.text
    }

    func domain() -> EmailTemplate? {
        guard let name = EmailTemplate.Name(rawValue: name) else { return nil }
        return EmailTemplate(name: name, locale: locale, subject: subject, replyTo: replyTo, html: html, text: text)
    }
}
