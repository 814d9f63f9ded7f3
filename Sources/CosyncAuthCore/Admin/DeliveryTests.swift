import Foundation

/// Sends one email or text message now, with the app's settings, so that an operator learns at once
/// whether delivery works (the outbox would only retry quietly).
extension AppAdministration {
    public enum DeliveryTestOutcome: Sendable, Equatable {
        case sent
        /// The host has no way to send this kind of message.
        case notConfigured
        /// The server or provider refused it, with its reason.
        case refused(String)
    }

    public func sendTestEmail(app idOrName: String, to rawRecipient: String, sender: (any EmailSender)?) async throws -> DeliveryTestOutcome {
        let app = try await findApp(idOrName)
        guard let recipient = Handle.normalized(rawRecipient), Handle.isEmail(recipient) else {
            throw AdminFailure.invalidSetting("'\(rawRecipient)' is not an email address")
        }
        return await deliveryTest(.emailTest, app: app, recipient: recipient, available: sender != nil) { () async throws(DeliveryFailure) in
            let created = now()
            try await sender?.send(
                OutboxMessage(
                    appId: app.id, recipient: recipient, subject: "\(app.name): test email from CoSync Auth",
                    text: "This message tests the email settings of \(app.name). Nothing else to do.\n",
                    html: "<p>This message tests the email settings of <b>\(HTMLText.escape(app.name))</b>. Nothing else to do.</p>",
                    from: app.settings.emailFrom, replyTo: app.settings.emailReplyTo, nextAttemptAt: created, createdAt: created))
        }
    }

    public func sendTestSMS(app idOrName: String, to raw: String, sender: (any SMSSender)?) async throws -> DeliveryTestOutcome {
        let app = try await findApp(idOrName)
        guard let phone = E164.normalized(raw) else {
            throw AdminFailure.invalidSetting("'\(raw)' is not an E.164 phone number such as +14155550123")
        }
        guard let credentials = try await smsCredentials(appId: app.id) else {
            await audit.record(.smsTest, app: app.id, actor: nil, outcome: "error: no SMS credentials", detail: phone)
            throw AdminFailure.invalidSetting("set twilioAccountSid, twilioToken and twilioPhoneNumber first")
        }
        return await deliveryTest(.smsTest, app: app, recipient: phone, available: sender != nil) { () async throws(DeliveryFailure) in
            try await sender?.send(to: phone, body: "\(app.name): test message from CoSync Auth.", credentials: credentials)
        }
    }

    /// Runs `send` when the host can, and logs how it ended.
    private func deliveryTest(
        _ event: AuditEvent, app: App, recipient: String, available: Bool, send: () async throws(DeliveryFailure) -> Void
    ) async -> DeliveryTestOutcome {
        guard available else {
            await audit.record(event, app: app.id, actor: nil, outcome: "error: not configured on this host", detail: recipient)
            return .notConfigured
        }
        do {
            try await send()
        } catch {
            await audit.record(event, app: app.id, actor: nil, outcome: "error: \(error.reason)", detail: recipient)
            return .refused(error.reason)
        }
        await audit.record(event, app: app.id, actor: nil, detail: recipient)
        return .sent
    }
}
