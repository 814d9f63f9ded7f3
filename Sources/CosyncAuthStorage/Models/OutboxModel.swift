import CosyncAuthCore
import FluentKit
import Foundation

/// Row of `outbox`: a message and its delivery state. `lease_until` marks a claim by one dispatcher.
final class OutboxModel: Model, @unchecked Sendable {
    static let schema = "outbox"

    @ID(key: .id) var id: UUID?
    @OptionalField(key: "app_id") var appId: UUID?
    @Field(key: "recipient") var recipient: String
    @Field(key: "subject") var subject: String
    @Field(key: "text_body") var text: String
    @OptionalField(key: "html_body") var html: String?
    @OptionalField(key: "from_address") var from: String?
    @OptionalField(key: "reply_to") var replyTo: String?
    @Field(key: "status") var status: String
    @Field(key: "attempts") var attempts: Int
    @Field(key: "next_attempt_at") var nextAttemptAt: Date
    @OptionalField(key: "lease_until") var leaseUntil: Date?
    @OptionalField(key: "last_error") var lastError: String?
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "sent_at") var sentAt: Date?
    @Field(key: "channel") var channel: String

    init() {}

    init(_ m: OutboxMessage) {
        id = m.id
        appId = m.appId
        recipient = m.recipient
        from = m.from
        replyTo = m.replyTo
        createdAt = m.createdAt
        record(m)
    }

    /// The fields an attempt changes (content is erased once done); the lease ends with it.
    func record(_ m: OutboxMessage) {
        subject = m.subject
        text = m.text
        html = m.html
        status = m.status.rawValue
        attempts = m.attempts
        nextAttemptAt = m.nextAttemptAt
        lastError = m.lastError
        sentAt = m.sentAt
        channel = m.channel.rawValue
        leaseUntil = nil
    }

    func domain() throws -> OutboxMessage {
        OutboxMessage(
            id: try requireID(), appId: appId, recipient: recipient, subject: subject, text: text, html: html,
            from: from, replyTo: replyTo, status: OutboxMessage.Status(rawValue: status) ?? .failed,
            attempts: attempts, nextAttemptAt: nextAttemptAt, lastError: lastError, createdAt: createdAt,
            sentAt: sentAt, channel: OutboxMessage.Channel(rawValue: channel) ?? .email)
    }
}
