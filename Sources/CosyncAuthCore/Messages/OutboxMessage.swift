public import Foundation

/// A message waiting to be delivered, written in the same transaction as the change that causes it, so
/// that a crash or an outage delays it but never loses it.
public struct OutboxMessage: Sendable, Equatable {
    public enum Status: String, Sendable, Codable, CaseIterable {
        case pending
        case sent
        /// Refused for good (or too old to retry); `lastError` says why.
        case failed
    }

    /// How it travels: by email (`recipient` is an address) or by SMS (`recipient` is an E.164 number,
    /// `text` the message).
    public enum Channel: String, Sendable, Codable, CaseIterable {
        case email
        case sms
    }

    public var id: UUID
    public var appId: UUID?
    public var recipient: String
    public var subject: String
    public var text: String
    public var html: String?
    /// The app's own sender, when it has one; else the host's.
    public var from: String?
    public var replyTo: String?
    public var status: Status
    public var attempts: Int
    public var nextAttemptAt: Date
    public var lastError: String?
    public var createdAt: Date
    public var sentAt: Date?
    public var channel: Channel

    public init(
        id: UUID = UUID(), appId: UUID?, recipient: String, subject: String, text: String, html: String?,
        from: String? = nil, replyTo: String? = nil, status: Status = .pending, attempts: Int = 0,
        nextAttemptAt: Date, lastError: String? = nil, createdAt: Date, sentAt: Date? = nil, channel: Channel = .email
    ) {
        self.channel = channel
        self.id = id
        self.appId = appId
        self.recipient = recipient
        self.subject = subject
        self.text = text
        self.html = html
        self.from = from
        self.replyTo = replyTo
        self.status = status
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.lastError = lastError
        self.createdAt = createdAt
        self.sentAt = sentAt
    }

    /// Once a message is done with, its bodies go and codes in its subject are masked: the outbox keeps
    /// who was sent what kind of message and why it failed, never a usable code.
    public mutating func eraseContent() {
        text = ""
        html = nil
        subject = subject.replacing(/\d{4,}/, with: "••••••")
    }
}
