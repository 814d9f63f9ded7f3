import CosyncAuthCore
import CosyncTestSupport
import Foundation
import NIOHTTP1
import Testing

/// Which release a host runs is one string, read the same way by an operator (`--version`), a load
/// balancer's probe (`/health`, `/version`) and the portal (the admin API's host information).
@Suite("release version end to end")
struct VersionEndToEndTests {
    @Test func theCommandLineTheProbesAndTheAdminAPISayTheSameRelease() async throws {
        let dir = try TestEnvironment.directory("cosync-version")
        let env = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        let printed = try await Binary.run(["--version"], environment: env, in: dir)
        #expect(printed.status == 0 && printed.stdout == HostVersion.current + "\n", "\(printed.stdout)\(printed.stderr)")

        let secret = try #require(try await Binary.run(["init", "--json"], environment: env, in: dir).json?["serverSecret"] as? String)
        // What to do next names where `serve` will listen with the same settings.
        let again = try await Binary.run(["init"], environment: env.merging(["COSYNC_PORT": "18123"]) { $1 }, in: dir)
        #expect(
            again.stdout.contains("already has a server secret") && again.stdout.contains("cosync-auth app create")
                && again.stdout.contains("the host, on http://127.0.0.1:18123"),
            "what to do next: \(again.stdout)")
        let host = try HostProcess(environment: env, in: dir)
        try await host.waitUntilHealthy()
        let api = APIClient(baseURL: host.baseURL, appToken: "")
        #expect(try await api.send("/health", method: .GET, headers: [:], body: nil).text == "ok \(HostVersion.current)\n")
        #expect(try await api.send("/version", method: .GET, headers: [:], body: nil).text == HostVersion.current + "\n")
        let info = try await api.send("/api/app/host", method: .GET, headers: ["server-secret": secret], body: nil)
        #expect(info.status == .ok && info.object["version"] as? String == HostVersion.current, "\(info.text)")
        #expect(try await host.terminate() == 0)
    }

    /// During a fleet's upgrade, an instance of the older release that (re)starts after a newer one has
    /// migrated the database must stop with a message saying so, not serve on a schema it does not know.
    @Test(arguments: ["sqlite", "postgres"])
    func anOlderReleaseRefusesADatabaseANewerOneMigrated(_ engine: String) async throws {
        let dir = try TestEnvironment.directory("cosync-newer")
        var env = TestEnvironment.base()
        let newer = "INSERT INTO schema_versions (version, name, applied_at) VALUES (100000, 'a newer release', '2027-01-01T00:00:00Z')"
        let record: (String, [String])
        if engine == "postgres" {
            let schema = TestEnvironment.usePostgres(&env, schemaPrefix: "newer")
            let server = String(EndToEndTests.postgresURL.prefix { $0 != "?" })
            record = ("/usr/bin/psql", [server, "-q", "-v", "ON_ERROR_STOP=1", "-c", "SET search_path TO \(schema); \(newer)"])
        } else {
            env["COSYNC_DATABASE_URL"] = "sqlite:\(dir.path)/auth.sqlite"
            let script = "import sqlite3, sys; db = sqlite3.connect(sys.argv[1]); db.execute(sys.argv[2]); db.commit()"
            record = ("/usr/bin/python3", ["-c", script, "\(dir.path)/auth.sqlite", newer])
        }
        #expect(try await Binary.run(["init"], environment: env, in: dir).status == 0)
        let recorded = try await Binary.run(record.1, environment: env, in: dir, executable: URL(fileURLWithPath: record.0))
        #expect(recorded.status == 0, "\(recorded.stderr)")

        for command in [["serve", "--port", "\(try freePort())"], ["app", "list"]] {
            let refused = try await Binary.run(command, environment: env, in: dir)
            #expect(refused.status != 0, "\(command): \(refused.stdout)")
            #expect(
                refused.stderr.contains("schema is at version 100000, newer than this cosync-auth knows; upgrade cosync-auth"),
                "\(command): \(refused.stderr)")
        }
    }
}
