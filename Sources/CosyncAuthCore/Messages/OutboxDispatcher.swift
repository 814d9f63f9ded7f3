public import Foundation

/// Delivers what the outbox holds: claims due messages, sends each, and records the outcome. A transient
/// failure is retried with exponential backoff; a permanent one, or a message older than `giveUpAfter`,
/// is marked failed with its reason for the operator.
public struct OutboxDispatcher: Sendable {
    public let outbox: any OutboxRepository
    public let sender: any EmailSender
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

    public init(outbox: any OutboxRepository, sender: any EmailSender, policy: Policy = Policy(), now: @escaping @Sendable () -> Date = { Date() }) {
        self.outbox = outbox
        self.sender = sender
        self.policy = policy
        self.now = now
    }

    /// One round: answers how many messages it attempted.
    @discardableResult
    public func dispatchDue() async throws -> Int {
        let start = now()
        let claimed = try await outbox.claimDueMessages(now: start, limit: policy.batchSize, leaseUntil: start.addingTimeInterval(policy.lease))
        for message in claimed {
            var outcome = message
            outcome.attempts += 1
            do {
                try await sender.send(message)
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
            if outcome.status != .pending { outcome.eraseContent() }
            try await outbox.recordAttempt(outcome)
        }
        return claimed.count
    }

    /// 30 s, 1 min, 2 min, … up to an hour, with ±10% jitter so instances do not retry in step.
    func retryDelay(afterAttempt attempt: Int) -> TimeInterval {
        let base = min(policy.maxRetryInterval, policy.firstRetry * pow(2, Double(max(0, attempt - 1))))
        return base * Double.random(in: 0.9...1.1)
    }
}
