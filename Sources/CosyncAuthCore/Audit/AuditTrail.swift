public import Foundation
import Metrics

/// Writes the audit log. Recording never fails the action it records: an action that happened is not
/// undone because its log line could not be written (the failure is left to the store's own logging).
public struct AuditTrail: Sendable {
    public let log: any AuditLogRepository
    public let now: @Sendable () -> Date

    public init(log: any AuditLogRepository, now: @escaping @Sendable () -> Date = { Date() }) {
        self.log = log
        self.now = now
    }

    public func record(_ event: AuditEvent, app: UUID?, actor: String?, outcome: String = AuditEntry.success, detail: String? = nil) async {
        Self.count(event, outcome: outcome)
        try? await log.append(entry(event, app: app, actor: actor, outcome: outcome, detail: detail))
    }

    /// Every audited event is also a metric (no app or actor in it: those would be unbounded labels).
    static func count(_ event: AuditEvent, outcome: String) {
        Counter(
            label: "cosync_auth_events_total",
            dimensions: [
                ("event", event.rawValue), ("outcome", outcome == AuditEntry.success ? "success" : "error"),
            ]
        ).increment()
    }

    func entry(_ event: AuditEvent, app: UUID?, actor: String?, outcome: String = AuditEntry.success, detail: String? = nil) -> AuditEntry {
        AuditEntry(
            appId: app, time: now(), event: event, actor: actor ?? RequestOrigin.actor, address: RequestOrigin.address,
            outcome: outcome, detail: detail)
    }

    /// As `around`, for work that can write its own success entry in the transaction that does the work
    /// (one commit for both, where a separate entry cost a login a second synced commit): `work` gets
    /// the entry and answers whether it wrote it; if not, it is recorded here.
    public func around<T>(
        _ event: AuditEvent, app: UUID?, actor: String? = nil, detail: String? = nil,
        writingSuccess work: (AuditEntry) async throws -> (result: T, wrote: Bool)
    ) async throws -> T {
        do {
            let (result, wrote) = try await work(entry(event, app: app, actor: actor, detail: detail))
            if wrote { Self.count(event, outcome: AuditEntry.success) } else { await record(event, app: app, actor: actor, detail: detail) }
            return result
        } catch {
            await record(event, app: app, actor: actor, outcome: Self.outcome(of: error), detail: detail)
            throw error
        }
    }

    /// Runs `work` and records how it ended: `success`, or the error its caller gets.
    public func around<T>(
        _ event: AuditEvent, app: UUID?, actor: String? = nil, detail: String? = nil, _ work: () async throws -> T
    ) async throws -> T {
        try await around(event, app: app, actor: actor, detail: detail, writingSuccess: { _ in (try await work(), false) })
    }

    /// An error as the log shows it: its protocol code and message, or its description for
    /// administration errors (which name apps and handles, never secrets).
    static func outcome(of error: any Error) -> String {
        switch error {
        case let error as AuthError: "error \(error.code): \(error.message)"
        case let error as AdminFailure: "error: \(error.description)"
        default: "error: internal"
        }
    }

    /// Entries older than `cutoff` go; answers how many.
    public func prune(before cutoff: Date) async throws -> Int {
        try await log.deleteAuditEntries(before: cutoff)
    }
}
