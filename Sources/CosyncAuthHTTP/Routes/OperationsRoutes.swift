import CosyncAuthCore
import Hummingbird

/// `/`, `/health`, `/ready`, `/version`: what load balancers and people probe.
struct OperationsRoutes: Sendable {
    /// Whether the database answers.
    let isReady: @Sendable () async -> Bool

    func add(to router: Router<AuthRequestContext>) {
        router.get("/") { _, _ in "Welcome to the CoSync Auth server.\n" }
        // Alive means the process answers; it says nothing of the database, so a database outage does
        // not get every instance restarted.
        // It names the release too, so that whoever probes a fleet sees which instance runs which.
        router.get("/health") { _, _ in "ok \(HostVersion.current)\n" }
        router.get("/version") { _, _ in "\(HostVersion.current)\n" }
        router.get("/ready") { _, _ -> Response in
            guard await isReady() else {
                return Response(status: .serviceUnavailable, body: .init(byteBuffer: ByteBuffer(string: "database unreachable\n")))
            }
            return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: "ready\n")))
        }
    }
}
