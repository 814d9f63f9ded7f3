/// Delivers one outbox message (SMTP in production).
public protocol EmailSender: Sendable {
    func send(_ message: OutboxMessage) async throws(DeliveryFailure)
}

/// Why a delivery failed, and whether trying again later may help.
public struct DeliveryFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public let isTransient: Bool
    public let reason: String

    public init(isTransient: Bool, reason: String) {
        self.isTransient = isTransient
        self.reason = reason
    }

    public var description: String { reason }
}

/// An app's credentials with a Twilio-compatible SMS provider.
public struct SMSCredentials: Sendable, Equatable {
    public var accountSid: String
    public var authToken: String
    /// The sender, an E.164 number.
    public var fromNumber: String

    public init(accountSid: String, authToken: String, fromNumber: String) {
        self.accountSid = accountSid
        self.authToken = authToken
        self.fromNumber = fromNumber
    }
}

/// Delivers one text message (a Twilio-compatible REST API in production).
public protocol SMSSender: Sendable {
    func send(to phone: String, body: String, credentials: SMSCredentials) async throws(DeliveryFailure)
}
