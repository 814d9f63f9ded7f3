import CosyncAuthCore
import Foundation
import NIOHTTP1
import Testing

/// Which release a host runs is one string, read the same way by an operator (`--version`), a load
/// balancer's probe (`/health`, `/version`) and the portal (the admin API's host information).
@Suite("release version end to end")
struct VersionEndToEndTests {
    @Test func theCommandLineTheProbesAndTheAdminAPISayTheSameRelease() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cosync-version-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let env = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        let printed = try await Binary.run(["--version"], environment: env, in: dir)
        #expect(printed.status == 0 && printed.stdout == HostVersion.current + "\n", "\(printed.stdout)\(printed.stderr)")

        let secret = try #require(try await Binary.run(["init", "--json"], environment: env, in: dir).json?["serverSecret"] as? String)
        let host = try HostProcess(environment: env, in: dir)
        try await host.waitUntilHealthy()
        let api = APIClient(baseURL: host.baseURL, appToken: "")
        #expect(try await api.send("/health", method: .GET, headers: [:], body: nil).text == "ok \(HostVersion.current)\n")
        #expect(try await api.send("/version", method: .GET, headers: [:], body: nil).text == HostVersion.current + "\n")
        let info = try await api.send("/api/app/host", method: .GET, headers: ["server-secret": secret], body: nil)
        #expect(info.status == .ok && info.object["version"] as? String == HostVersion.current, "\(info.text)")
        #expect(try await host.terminate() == 0)
    }
}
