import CosyncTestSupport
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A PostgreSQL server of the test's own (its own data folder and port), so a fault test can stop and
/// start it without disturbing the tests that share the machine's server. The server runs as a child
/// process, not a daemon (a daemon started through `pg_ctl` would inherit the test process's
/// descriptors). PostgreSQL refuses to run as root, so as root it runs as the Debian package's
/// `postgres` user, through `setpriv` so that no process stands between the test and the server.
final class PrivatePostgres: @unchecked Sendable {
    let port: Int
    let directory: URL
    private var server: SpawnedProcess?

    var url: String { "postgres://postgres@127.0.0.1:\(port)/cosync?sslmode=disable" }

    static let binaries: URL = {
        let root = URL(fileURLWithPath: "/usr/lib/postgresql")
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        let newest = versions.sorted { $0.compare($1, options: .numeric) == .orderedAscending }.last ?? "15"
        return root.appendingPathComponent(newest).appendingPathComponent("bin")
    }()

    init() async throws {
        port = try freePort()
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("cosync-pg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        if getuid() == 0 {
            try FileManager.default.setAttributes([.ownerAccountName: "postgres"], ofItemAtPath: directory.path)
        }
        try await run("initdb", ["-D", data, "--auth=trust", "-U", "postgres", "--no-sync"])
        try await start()
        try await run("psql", ["-h", "127.0.0.1", "-p", "\(port)", "-U", "postgres", "-q", "-c", "CREATE DATABASE cosync"])
    }

    private var data: String { directory.appendingPathComponent("data").path }

    /// Starts the server and waits until it takes connections.
    func start() async throws {
        let process = SpawnedProcess()
        let (executable, arguments) = Self.command(
            "postgres",
            [
                "-D", data, "-p", "\(port)", "-k", directory.path, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off",
            ])
        process.executableURL = executable
        process.arguments = arguments
        let logURL = directory.appendingPathComponent("server.log")
        if !FileManager.default.fileExists(atPath: logURL.path) { _ = FileManager.default.createFile(atPath: logURL.path, contents: nil) }
        let log = try FileHandle(forWritingTo: logURL)
        try log.seekToEnd()
        process.standardOutput = log
        process.standardError = log
        try process.run()
        server = process
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if (try? await run("pg_isready", ["-q", "-h", "127.0.0.1", "-p", "\(port)"])) != nil { return }
            guard ChildProcess.exitStatus(process) == nil else { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw PostgresFailure(message: "the server did not start: \((try? String(contentsOf: logURL, encoding: .utf8)) ?? "")")
    }

    /// A fast shutdown (SIGINT): connections are cut, as when a server goes down.
    func stop() async throws {
        guard let server else { return }
        kill(server.processIdentifier, SIGINT)
        self.server = nil
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if ChildProcess.exitStatus(server) != nil { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw PostgresFailure(message: "the server did not stop")
    }

    func remove() async {
        if let server {
            kill(server.processIdentifier, SIGQUIT)
            ChildProcess.waitForExit(server)
        }
        try? FileManager.default.removeItem(at: directory)
    }

    private static func command(_ tool: String, _ arguments: [String]) -> (URL, [String]) {
        let executable = binaries.appendingPathComponent(tool)
        guard getuid() == 0 else { return (executable, arguments) }
        return (
            URL(fileURLWithPath: "/usr/bin/setpriv"),
            ["--reuid=postgres", "--regid=postgres", "--clear-groups", executable.path] + arguments
        )
    }

    private func run(_ tool: String, _ arguments: [String]) async throws {
        let (executable, arguments) = Self.command(tool, arguments)
        let result = try await Binary.run(arguments, environment: ["PATH": "/usr/bin:/bin"], in: directory, executable: executable)
        guard result.status == 0 else { throw PostgresFailure(message: "\(tool) failed: \(result.stderr) \(result.stdout)") }
    }

    struct PostgresFailure: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }
}
