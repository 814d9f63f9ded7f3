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
