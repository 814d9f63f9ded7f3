import AsyncHTTPClient
import CosyncTestSupport
import Foundation

/// Debian's HAProxy on a free loopback port, balancing round robin over host instances, as an operator
/// would put it in front of several: health checks on /health, and a connection a dead instance refuses
/// tried again on another. scripts/test installs it; a machine without it fails the tests that need it.
final class HAProxy: @unchecked Sendable {
    static let executable = URL(fileURLWithPath: "/usr/sbin/haproxy")

    let port: Int
    let configFile: URL
    let logFile: URL
    private let child = ReapedProcess()
    private var process: SpawnedProcess { child.process }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Starts HAProxy in front of `backends`, without holding one of Swift concurrency's few threads
    /// while its configuration is checked, and waits until it answers.
    static func start(backends: [HostProcess], in directory: URL) async throws -> HAProxy {
        let ports = backends.map(\.port)
        let proxy = try await onOwnThread { try HAProxy(backends: ports, in: directory) }
        try await proxy.waitUntilReady()
        return proxy
    }

    private init(backends: [Int], in directory: URL) throws {
        guard FileManager.default.isExecutableFile(atPath: Self.executable.path) else { throw HAProxyError.notInstalled }
        port = try freePort()
        configFile = directory.appendingPathComponent("haproxy-\(port).cfg")
        logFile = directory.appendingPathComponent("haproxy-\(port).log")
        try Self.configuration(port: port, backends: backends).write(to: configFile, atomically: true, encoding: .utf8)
        let check = try Self.runBlocking(["-c", "-f", configFile.path])
        guard check.status == 0 else { throw HAProxyError.badConfiguration(check.output) }
        process.executableURL = Self.executable
        // -db: in the foreground, so that the process the test holds is the one serving, and dies with it.
        process.arguments = ["-db", "-f", configFile.path]
        process.standardInput = FileHandle.nullDevice
        let log = try ChildProcess.outputFile(logFile)
        process.standardOutput = log
        process.standardError = log
        try process.run()
    }

    /// The servers are named `host0`, `host1`, … in the order given.
    static func configuration(port: Int, backends: [Int]) -> String {
        let servers = backends.enumerated().map { index, backendPort in
            "    server host\(index) 127.0.0.1:\(backendPort) check"
        }
        return """
            global
                maxconn 2048

            defaults
                mode http
                timeout connect 2s
                timeout client 60s
                timeout server 60s
                # A refused connection (a dead instance) is tried again, on another server each time,
                # before the client hears of it. A request already sent is never sent twice: it may have
                # done its work on the instance that died.
                retries 3
                option redispatch 1
                # One connection to an instance per request. Kept alive, connections the dead instance
                # had held took requests begun after the kill and lost them (HAProxy closed the client's
                # connection: up to 53 of 256 in one run); a new connection is refused at once instead,
                # and retried on the survivor.
                option http-server-close

            frontend api
                bind 127.0.0.1:\(port)
                default_backend hosts

            backend hosts
                balance roundrobin
                option httpchk GET /health
                http-check expect status 200
                # A dead instance refuses the check's connection at once; a live one busy hashing
                # logins on a loaded machine may take longer than the interval to answer, and must not
                # be taken for dead (with both marked down, HAProxy answers 503 itself).
                timeout check 2s
                default-server inter 250ms fall 3 rise 2
            \(servers.joined(separator: "\n"))

            """
    }

    /// Waits until HAProxy answers /health through an instance, failing after `seconds`.
    func waitUntilReady(seconds: Double = 30) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            guard child.exitStatus() == nil else { throw HAProxyError.exited(log) }
            if let response = try? await HTTPClient.shared.get(url: "\(baseURL)/health").get(), response.status == .ok { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw HAProxyError.notReady(log)
    }

    /// SIGKILL, and the process reaped: nothing of it outlives the test.
    func stop() { child.kill() }

    var log: String {
        (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
    }

    /// `haproxy -c`, to refuse a bad configuration with HAProxy's own words rather than a dead process.
    private static func runBlocking(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let checker = SpawnedProcess()
        checker.executableURL = executable
        checker.arguments = arguments
        checker.standardInput = FileHandle.nullDevice
        let outputURL = FileManager.default.temporaryDirectory.appendingPathComponent("haproxy-check-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: outputURL) }
        let output = try ChildProcess.outputFile(outputURL)
        checker.standardOutput = output
        checker.standardError = output
        try checker.run()
        let status = ChildProcess.waitForExit(checker)
        try output.close()
        return (status, (try? String(contentsOf: outputURL, encoding: .utf8)) ?? "")
    }

    deinit {
        stop()
    }
}

enum HAProxyError: Error, CustomStringConvertible {
    case notInstalled
    case badConfiguration(String)
    case exited(String)
    case notReady(String)

    var description: String {
        switch self {
        case .notInstalled: "HAProxy is not installed at \(HAProxy.executable.path): scripts/test installs it (apt-get install haproxy)"
        case .badConfiguration(let output): "HAProxy refused its configuration:\n\(output)"
        case .exited(let log): "HAProxy exited early:\n\(log)"
        case .notReady(let log): "HAProxy did not answer /health:\n\(log)"
        }
    }
}
