public import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Waiting for a child process without Foundation's `waitUntilExit`, which was seen to wait forever
/// for a child already dead (a zombie left unreaped while many tests spawn processes at once); a wait
/// on the Swift concurrency pool then starved every other test. `waitpid` on the child itself cannot
/// miss its exit.
public enum ChildProcess {
    /// Blocks until `process` has exited; answers its exit status, or 128 + the signal that ended it.
    @discardableResult
    public static func waitForExit(_ process: SpawnedProcess) -> Int32 {
        process.exitStatus(blocking: true) ?? -1
    }

    /// The exit status of `process` if it has exited (reaping it), else nil at once.
    public static func exitStatus(_ process: SpawnedProcess, blocking: Bool = false) -> Int32? {
        process.exitStatus(blocking: blocking)
    }
}

extension ChildProcess {
    /// A new, empty file for a child's output. Files, not pipes: a child that prints more than a pipe
    /// holds never blocks on a reader, and one that outlives the run holds no one's pipe open.
    public static func outputFile(_ url: URL) throws -> FileHandle {
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        return try FileHandle(forWritingTo: url)
    }

    /// Runs a program to its end on a thread of its own; answers its exit status and what it printed.
    public static func run(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil
    ) async throws -> (status: Int32, stdout: String, stderr: String) {
        try await onOwnThread {
            let process = SpawnedProcess()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
            if let environment { process.environment = environment }
            let folder = FileManager.default.temporaryDirectory
            let out = folder.appendingPathComponent("child-out-\(UUID().uuidString)")
            let err = folder.appendingPathComponent("child-err-\(UUID().uuidString)")
            defer {
                try? FileManager.default.removeItem(at: out)
                try? FileManager.default.removeItem(at: err)
            }
            process.standardOutput = try outputFile(out)
            process.standardError = try outputFile(err)
            try process.run()
            let status = waitForExit(process)
            return (status, String(decoding: try Data(contentsOf: out), as: UTF8.self), String(decoding: try Data(contentsOf: err), as: UTF8.self))
        }
    }
}

/// A child process whose exit is reaped here (never by Foundation's wait) and remembered, so that
/// asking again, or killing a child already dead, is safe.
public final class ReapedProcess: @unchecked Sendable {
    public let process = SpawnedProcess()

    public init() {}

    /// The exit status once the process has exited (the process remembers it); with `waiting`, blocks
    /// until it has.
    public func exitStatus(waiting: Bool = false) -> Int32? {
        process.exitStatus(blocking: waiting)
    }

    /// SIGKILL, unless it has exited, and reaped: nothing of it outlives the caller.
    public func kill() {
        guard exitStatus() == nil else { return }
        Glibc.kill(process.processIdentifier, SIGKILL)
        _ = exitStatus(waiting: true)
    }
}
