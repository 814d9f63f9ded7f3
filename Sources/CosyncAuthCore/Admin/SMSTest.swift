import Foundation

/// Sends one text message now with the app's SMS credentials, so the operator learns at once whether
/// they work (the outbox would only retry quietly).
extension AppAdministration {
    public func sendTestSMS(app idOrName: String, to raw: String, sender: (any SMSSender)?) async throws -> EmailTestOutcome {
        let app = try await findApp(idOrName)
        guard let phone = E164.normalized(raw) else {
            throw Failure.invalidSetting("'\(raw)' is not an E.164 phone number such as +14155550123")
        }
        guard let sender else { return .notConfigured }
        guard let credentials = try await smsCredentials(appId: app.id) else {
            await audit.record(.smsTest, app: app.id, actor: nil, outcome: "error: no SMS credentials", detail: phone)
            throw Failure.invalidSetting("set twilioAccountSid, twilioToken and twilioPhoneNumber first")
        }
        do {
            try await sender.send(to: phone, body: "\(app.name): test message from CoSync Auth.", credentials: credentials)
        } catch {
            await audit.record(.smsTest, app: app.id, actor: nil, outcome: "error: \(error.reason)", detail: phone)
            return .refused(error.reason)
        }
        await audit.record(.smsTest, app: app.id, actor: nil, detail: phone)
        return .sent
    }
}
