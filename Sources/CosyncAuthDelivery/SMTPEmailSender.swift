public import CosyncAuthCore
public import CosyncSMTP

/// Delivers outbox messages over SMTP, from the app's own sender when it has one, else the host's.
public struct SMTPEmailSender: EmailSender {
    public let client: SMTPClient
    public let defaultFrom: EmailAddress

    public init(client: SMTPClient, defaultFrom: EmailAddress) {
        self.client = client
        self.defaultFrom = defaultFrom
    }

    public func send(_ message: OutboxMessage) async throws(DeliveryFailure) {
        let email: EmailMessage
        do {
            email = EmailMessage(
                from: try message.from.map { try EmailAddress($0, name: defaultFrom.name) } ?? defaultFrom,
                to: [try EmailAddress(message.recipient)],
                replyTo: try message.replyTo.map { try EmailAddress($0) },
                subject: message.subject, text: message.text, html: message.html,
                messageID: "<\(message.id.uuidString.lowercased())@\(defaultFrom.address.split(separator: "@").last ?? "localhost")>")
        } catch {
            throw DeliveryFailure(isTransient: false, reason: "\(error)")
        }
        do {
            try await client.send(email)
        } catch {
            throw DeliveryFailure(isTransient: error.isTransient, reason: error.description)
        }
    }
}
