import CosyncTestSupport
import Foundation
import Testing

/// `serve --metrics-port`: Prometheus text at /metrics on a listener of its own, with request and
/// auth-event counters and password-hash times; never on the public listener.
@Suite("metrics end to end")
struct MetricsEndToEndTests {
    @Test func metricsCountRequestsAndAuthEventsOnlyWhenAskedFor() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cosync-metrics-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let inherited = ProcessInfo.processInfo.environment
        var env = ["PATH": inherited["PATH"] ?? "/usr/bin:/bin", "HOME": inherited["HOME"] ?? "/root"]
        _ = try await Binary.run(["init"], environment: env, in: dir)
        let token = try #require(
            try await Binary.run(["app", "create", "Metrics App", "--json"], environment: env, in: dir).json?["appToken"] as? String)
        _ = try await Binary.run(["app", "set", "Metrics App", "signupFlow", "none"], environment: env, in: dir)

        let plain = try HostProcess(environment: env, in: dir)
        try await plain.waitUntilHealthy()
        let hidden = try await APIClient(baseURL: plain.baseURL, appToken: token).send("/metrics", method: .GET, headers: [:], body: nil)
        #expect(hidden.status == .notFound, "no metrics unless asked for")
        #expect(try await plain.terminate() == 0)

        let metricsPort = try freePort()
        env["COSYNC_METRICS_PORT"] = "\(metricsPort)"
        let host = try HostProcess(environment: env, in: dir)
        try await host.waitUntilHealthy()
        let api = APIClient(baseURL: host.baseURL, appToken: token)
        let metricsClient = APIClient(baseURL: "http://127.0.0.1:\(metricsPort)", appToken: token)
        #expect(try await api.swiftForm("/api/appuser/signup", [("handle", "m@example.com"), ("password", md5("pw"))]).status == .ok)
        #expect(try await api.json("/api/appuser/login", ["handle": "m@example.com", "password": md5("wrong")]).code == 600)
        #expect(try await api.send("/metrics", method: .GET, headers: [:], body: nil).status == .notFound, "never on the public listener")
        let metrics = try await metricsClient.send("/metrics", method: .GET, headers: [:], body: nil)
        #expect(metrics.status == .ok)
        #expect(metrics.text.contains(#"cosync_auth_events_total{event="signup",outcome="success"} 1"#), "\(metrics.text)")
        #expect(metrics.text.contains(#"cosync_auth_events_total{event="login",outcome="error"} 1"#))
        #expect(metrics.text.contains("hb_requests"), "request counts per route")
        // The signup's hash and the login's verify, each timed on the hashing thread.
        #expect(metrics.text.contains(#"cosync_auth_password_hash_seconds_count{operation="hash"} 1"#))
        #expect(metrics.text.contains(#"cosync_auth_password_hash_seconds_count{operation="verify"} 1"#))
        let signupBuckets = metrics.text.split(separator: "\n").filter {
            $0.hasPrefix("http_server_request_duration_bucket{") && $0.contains(#"http_route="/api/appuser/signup""#)
        }
        #expect(signupBuckets.contains { $0.contains(#"le="0.075""#) }, "buckets between 50 and 100 ms, where logins fall: \(signupBuckets)")
        #expect(!metrics.text.contains("m@example.com"), "no handles in labels")
        #expect(try await host.terminate() == 0)
    }
}
