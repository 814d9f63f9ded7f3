import Hummingbird

/// `/`, `/health`, `/ready`: what load balancers and people probe.
struct OperationsRoutes: Sendable {
    /// Whether the database answers.
    let isReady: @Sendable () async -> Bool

    func add(to router: Router<AuthRequestContext>) {
        router.get("/") { _, _ in "Welcome to the CoSync Auth server.\n" }
        // Alive means the process answers; it says nothing of the database, so a database outage does
        // not get every instance restarted.
        router.get("/health") { _, _ in "ok\n" }
        router.get("/ready") { _, _ -> Response in
            guard await isReady() else {
                return Response(status: .serviceUnavailable, body: .init(byteBuffer: ByteBuffer(string: "database unreachable\n")))
            }
            return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: "ready\n")))
        }
    }
}
