public import Foundation
import Metrics

/// Delivers what the outbox holds: claims due messages, sends each, and records the outcome. A transient
/// failure is retried with exponential backoff; a permanent one, or a message older than `giveUpAfter`,
/// is marked failed with its reason for the operator.
public struct OutboxDispatcher: Sendable {
    public let outbox: any OutboxRepository
    /// Nil when the host has no SMTP server: emails then wait in the outbox.
    public let email: (any EmailSender)?
    public let sms: SMSDelivery?
    public let policy: Policy
    public let now: @Sendable () -> Date

    public struct Policy: Sendable {
        public var batchSize = 20
        /// Longer than a whole SMTP conversation can take, so a lease never lapses mid-send.
        public var lease: TimeInterval = 300
        public var firstRetry: TimeInterval = 30
        public var maxRetryInterval: TimeInterval = 3600
        public var giveUpAfter: TimeInterval = 3 * 86_400
        public init() {}
    }

    /// Text messages: the provider, and each app's credentials with it.
    public struct SMSDelivery: Sendable {
        public var sender: any SMSSender
        public var credentials: @Sendable (UUID) async throws -> SMSCredentials?

        public init(sender: any SMSSender, credentials: @escaping @Sendable (UUID) async throws -> SMSCredentials?) {
            self.sender = sender
            self.credentials = credentials
        }
    }

    public init(
        outbox: any OutboxRepository, email: (any EmailSender)?, sms: SMSDelivery? = nil, policy: Policy = Policy(),
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.outbox = outbox
        self.email = email
        self.sms = sms
        self.policy = policy
        self.now = now
    }

    /// One round: answers how many messages it attempted.
    @discardableResult
    public func dispatchDue() async throws -> Int {
        let start = now()
        var channels = Set<OutboxMessage.Channel>()
        if email != nil { channels.insert(.email) }
        if sms != nil { channels.insert(.sms) }
        let claimed = try await outbox.claimDueMessages(
            now: start, limit: policy.batchSize, leaseUntil: start.addingTimeInterval(policy.lease), channels: channels)
        for message in claimed {
            var outcome = message
            outcome.attempts += 1
            do {
                try await deliver(message)
                outcome.status = .sent
                outcome.sentAt = now()
                outcome.lastError = nil
            } catch {
                outcome.lastError = error.reason
                if error.isTransient && now().timeIntervalSince(message.createdAt) < policy.giveUpAfter {
                    outcome.nextAttemptAt = now().addingTimeInterval(retryDelay(afterAttempt: outcome.attempts))
                } else {
                    outcome.status = .failed
                }
            }
            let result =
                switch outcome.status {
                case .sent: "sent"
                case .failed: "failed"
                case .pending: "retry"
                }
            Counter(label: "cosync_auth_messages_total", dimensions: [("channel", message.channel.rawValue), ("result", result)]).increment()
            if outcome.status != .pending { outcome.eraseContent() }
            try await outbox.recordAttempt(outcome)
        }
        return claimed.count
    }

    private func deliver(_ message: OutboxMessage) async throws(DeliveryFailure) {
        switch message.channel {
        case .email:
            guard let email else { throw DeliveryFailure(isTransient: true, reason: "no SMTP server configured") }
            try await email.send(message)
        case .sms:
            guard let sms else { throw DeliveryFailure(isTransient: true, reason: "no SMS provider configured") }
            var credentials: SMSCredentials?
            do { if let appId = message.appId { credentials = try await sms.credentials(appId) } } catch {
                throw DeliveryFailure(isTransient: true, reason: "the app's SMS credentials could not be read")
            }
            guard let credentials else {
                throw DeliveryFailure(isTransient: false, reason: "the app has no SMS credentials (twilioAccountSid, twilioToken, twilioPhoneNumber)")
            }
            try await sms.sender.send(to: message.recipient, body: message.text, credentials: credentials)
        }
    }

    /// 30 s, 1 min, 2 min, … up to an hour, with ±10% jitter so instances do not retry in step.
    func retryDelay(afterAttempt attempt: Int) -> TimeInterval {
        let base = min(policy.maxRetryInterval, policy.firstRetry * pow(2, Double(max(0, attempt - 1))))
        return base * Double.random(in: 0.9...1.1)
    }
}
