import AsyncHTTPClient
import CosyncTestSupport
import Foundation
import NIOCore
import Testing

/// The real `cosync-auth` binary, built beside the tests (scripts/test builds it first).
enum Binary {
    static let url: URL = {
        if let path = ProcessInfo.processInfo.environment["COSYNC_BINARY"] { return URL(fileURLWithPath: path) }
        return URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("cosync-auth")
    }()

    struct Result: Sendable {
        let status: Int32
        let stdout: String
        let stderr: String

        var json: [String: Any]? {
            (try? JSONSerialization.jsonObject(with: Data(stdout.utf8))) as? [String: Any]
        }
    }

    /// Runs a command to completion on a thread of its own: waiting for a process must never occupy one of
    /// the few threads Swift concurrency has, or tests that need those threads (to release a database
    /// lock the command waits for, say) would deadlock with it.
    static func run(
        _ arguments: [String], environment: [String: String], in directory: URL, executable: URL = url, input: String? = nil
    ) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(
                    with: Swift.Result {
                        try runBlocking(arguments, environment: environment, in: directory, executable: executable, input: input)
                    })
            }.start()
        }
    }

    /// Its output goes to files, not pipes: a `serve` started meanwhile by another test inherits open
    /// descriptors, and a pipe it holds would never reach end-of-file.
    private static func runBlocking(
        _ arguments: [String], environment: [String: String], in directory: URL, executable: URL, input: String?
    ) throws -> Result {
        let process = SpawnedProcess()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = directory
        let id = UUID().uuidString
        let outURL = FileManager.default.temporaryDirectory.appendingPathComponent("cosync-cli-\(id).out")
        let errURL = FileManager.default.temporaryDirectory.appendingPathComponent("cosync-cli-\(id).err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        let inURL = FileManager.default.temporaryDirectory.appendingPathComponent("cosync-cli-\(id).in")
        defer { try? FileManager.default.removeItem(at: inURL) }
        if let input {
            _ = FileManager.default.createFile(atPath: inURL.path, contents: Data(input.utf8))
            process.standardInput = try FileHandle(forReadingFrom: inURL)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        try process.run()
        let status = ChildProcess.waitForExit(process)
        try out.close()
        try err.close()
        return Result(
            status: status,
            stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
    }
}

/// A running `cosync-auth serve` on a free loopback port.
final class HostProcess: @unchecked Sendable {
    private let child = ReapedProcess()
    var process: SpawnedProcess { child.process }
    let port: Int
    let logFile: URL

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// `serve` on a free port; `command` runs another listener instead (`["portal"]`).
    init(command: [String] = ["serve"], extraArguments: [String] = [], environment: [String: String], in directory: URL) throws {
        port = try freePort()
        logFile = directory.appendingPathComponent("serve-\(port).log")
        _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        let log = try FileHandle(forWritingTo: logFile)
        process.executableURL = Binary.url
        process.arguments = command + ["--port", "\(port)"] + extraArguments
        process.environment = environment
        process.currentDirectoryURL = directory
        process.standardOutput = log
        process.standardError = log
        try process.run()
    }

    /// Waits until `/health` answers, failing after `seconds`.
    func waitUntilHealthy(seconds: Double = 60) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            guard child.exitStatus() == nil else { throw HostProcessError.exited(log) }
            if let response = try? await HTTPClient.shared.get(url: "\(baseURL)/health").get(), response.status == .ok {
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw HostProcessError.notHealthy(log)
    }

    /// Sends SIGTERM and answers the exit status.
    func terminate(seconds: Double = 30) async throws -> Int32 {
        process.terminate()
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let status = child.exitStatus() { return status }
            try await Task.sleep(for: .milliseconds(50))
        }
        child.kill()
        throw HostProcessError.didNotStop(log)
    }

    /// SIGKILL: the process dies mid-whatever, as in a crash.
    func kill() { child.kill() }

    var log: String {
        (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
    }

    deinit { child.kill() }
}

enum HostProcessError: Error, CustomStringConvertible {
    case exited(String)
    case notHealthy(String)
    case didNotStop(String)

    var description: String {
        switch self {
        case .exited(let log): "the host exited early:\n\(log)"
        case .notHealthy(let log): "the host did not become healthy:\n\(log)"
        case .didNotStop(let log): "the host did not stop on SIGTERM:\n\(log)"
        }
    }
}
