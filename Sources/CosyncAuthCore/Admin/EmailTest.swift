import Foundation

/// Sends one email now, through the host's delivery and the app's sender settings, so an operator
/// learns at once whether email works (the outbox would only retry quietly).
extension AppAdministration {
    public enum EmailTestOutcome: Sendable, Equatable {
        case sent
        case notConfigured
        case refused(String)
    }

    public func sendTestEmail(app idOrName: String, to rawRecipient: String, sender: (any EmailSender)?) async throws -> EmailTestOutcome {
        let app = try await findApp(idOrName)
        guard let recipient = Handle.normalized(rawRecipient), Handle.isEmail(recipient) else {
            throw Failure.invalidSetting("'\(rawRecipient)' is not an email address")
        }
        guard let sender else {
            await audit.record(.emailTest, app: app.id, actor: nil, outcome: "error: no SMTP server configured", detail: recipient)
            return .notConfigured
        }
        let created = now()
        let message = OutboxMessage(
            appId: app.id, recipient: recipient, subject: "\(app.name): test email from CoSync Auth",
            text: "This message tests the email settings of \(app.name). Nothing else to do.\n",
            html: "<p>This message tests the email settings of <b>\(HTMLText.escape(app.name))</b>. Nothing else to do.</p>",
            from: app.settings.emailFrom, replyTo: app.settings.emailReplyTo, nextAttemptAt: created, createdAt: created)
        do {
            try await sender.send(message)
        } catch {
            await audit.record(.emailTest, app: app.id, actor: nil, outcome: "error: \(error.reason)", detail: recipient)
            return .refused(error.reason)
        }
        await audit.record(.emailTest, app: app.id, actor: nil, detail: recipient)
        return .sent
    }
}
