import CosyncAuthCore
import Foundation
import Logging
import ServiceLifecycle

/// Housekeeping in the background of `serve`, at start and then every `interval`: prunes audit entries
/// older than the retention, spent login challenges and phone checks, pending records expired longer
/// than the retention, and delivered or failed messages as old. Several instances may do it at once:
/// deleting old rows twice is harmless. Without an SMTP server, emails waiting longer than
/// `undeliverableAfter` fail: their codes are stale by the time one is configured.
struct MaintenanceWorker: Service {
    let audit: AuditTrail
    let store: any ExpiryRepository
    let retention: Duration
    let interval: Duration
    var undeliverableAfter: Duration?
    let logger: Logger

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                let cutoff = audit.now().addingTimeInterval(-Double(retention.components.seconds))
                let pruned = try await audit.prune(before: cutoff)
                if pruned > 0 { logger.info("audit log pruned", metadata: ["entries": "\(pruned)"]) }
                let expired = try await store.pruneExpired(now: audit.now(), cutoff: cutoff)
                if expired > 0 { logger.info("expired records pruned", metadata: ["rows": "\(expired)"]) }
                if let undeliverableAfter {
                    let before = audit.now().addingTimeInterval(-Double(undeliverableAfter.components.seconds))
                    let failed = try await store.failUndelivered(
                        channel: .email, createdBefore: before, reason: "no SMTP server was configured while it waited")
                    if failed > 0 { logger.notice("emails given up: no SMTP server", metadata: ["messages": "\(failed)"]) }
                }
            } catch {
                logger.error("audit log pruning failed", metadata: ["error": "\(error)"])
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
