import CosyncTestSupport
import Foundation
import Testing

/// Schemathesis against both OpenAPI documents on a live host, on SQLite and on PostgreSQL: no 5xx, no
/// crash, and every answer (status, content type, headers, body) as the document says. Bounded by a
/// fixed number of examples per operation and a fixed seed, so a run is repeatable and short;
/// `COSYNC_FUZZ_EXAMPLES` and `COSYNC_FUZZ_SEED` widen it locally.
@Suite("fuzzing")
struct FuzzTests {
    static let checks = [
        "not_a_server_error", "status_code_conformance", "content_type_conformance", "response_schema_conformance",
        "response_headers_conformance",
    ].joined(separator: ",")

    /// scripts/test installs Schemathesis (PyPI) in a virtual environment and names it here.
    static var schemathesis: URL? {
        let environment = ProcessInfo.processInfo.environment
        let candidates = [environment["COSYNC_SCHEMATHESIS"], ".build/tools/bin/schemathesis"].compactMap { $0 }
        return candidates.map { URL(fileURLWithPath: $0) }.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    @Test(arguments: ["sqlite", "postgres"])
    func bothAPIsHoldUpUnderFuzzing(_ engine: String) async throws {
        guard let schemathesis = Self.schemathesis else {
            Issue.record("Schemathesis is not installed: run scripts/test, or set COSYNC_SCHEMATHESIS")
            return
        }
        let dir = try TestEnvironment.directory("cosync-fuzz")
        var env = TestEnvironment.base()
        if engine == "postgres" { TestEnvironment.usePostgres(&env, schemaPrefix: "fuzz") }
        let initialized = try await Binary.run(["init"], environment: env, in: dir)
        let secret = try #require(initialized.stdout.firstMatch(of: /ss_[A-Za-z0-9_-]+/).map { String($0.output) }, "\(initialized.stdout)")
        let token = try #require(try await Binary.run(["app", "create", "Fuzz", "--json"], environment: env, in: dir).json?["appToken"] as? String)
        #expect(try await Binary.run(["app", "set", "Fuzz", "signupFlow", "none"], environment: env, in: dir).status == 0)
        // Without the per-address limit, so that the fuzzer reaches the operations rather than the 429.
        let host = try HostProcess(extraArguments: ["--rate-limit", "0"], environment: env, in: dir)
        try await host.waitUntilHealthy()
        let api = APIClient(baseURL: host.baseURL, appToken: token)
        let session = try #require(
            try await api.swiftForm("/api/appuser/signup", [("handle", "fuzz@example.com"), ("password", md5("pw"))])["access-token"])

        let inherited = ProcessInfo.processInfo.environment
        let examples = inherited["COSYNC_FUZZ_EXAMPLES"] ?? "20"
        let seed = inherited["COSYNC_FUZZ_SEED"] ?? "1"
        for (document, headers) in [
            ("openapi-user.yaml", ["app-token: \(token)", "access-token: \(session)"]),
            ("openapi.yaml", ["server-secret: \(secret)"]),
        ] {
            let arguments =
                [
                    "run", "\(host.baseURL)/\(document)", "--url", host.baseURL, "--checks", Self.checks,
                    "--max-examples", examples, "--seed", seed, "--no-color",
                ]
                + headers.flatMap { ["-H", $0] }
            let run = try await Binary.run(arguments, environment: env, in: dir, executable: schemathesis)
            // The failures with their reproducing curl commands, then the summary; and what the host logged.
            let summary = run.stdout.split(separator: "\n").suffix(150).joined(separator: "\n")
            let hostErrors = host.log.split(separator: "\n").filter { $0.contains(" error ") || $0.contains("warning") }.suffix(20).joined(
                separator: "\n")
            #expect(run.status == 0, "Schemathesis on \(document) (\(engine), seed \(seed)):\n\(summary)\n\(run.stderr)\nhost:\n\(hostErrors)")
            #expect(run.stdout.contains("passed"), "\(summary)")
        }
        // Still alive, and it stops cleanly.
        #expect(try await api.send("/health", method: .GET, headers: [:], body: nil).status == .ok)
        #expect(try await host.terminate() == 0, "\(host.log.suffix(2000))")
    }
}
