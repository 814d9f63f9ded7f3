import CosyncAuthCore
import Logging
import ServiceLifecycle

/// Runs the outbox dispatcher in the background of `serve`: a round, then a pause when there was nothing
/// to send. On shutdown it finishes the round in progress (a message being sent is not abandoned
/// half-way) and stops.
struct OutboxWorker: Service {
    let dispatcher: OutboxDispatcher
    let pollInterval: Duration
    let logger: Logger

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            var attempted = 0
            do {
                attempted = try await dispatcher.dispatchDue()
            } catch {
                logger.error("outbox round failed", metadata: ["error": "\(error)"])
            }
            if attempted == 0 {
                try? await cancelWhenGracefulShutdown { try await Task.sleep(for: pollInterval) }
            }
        }
    }
}
