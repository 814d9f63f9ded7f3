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
    public static func waitForExit(_ process: Process) -> Int32 {
        while true {
            if let status = exitStatus(process, blocking: true) { return status }
        }
    }

    /// The exit status of `process` if it has exited (reaping it), else nil at once.
    public static func exitStatus(_ process: Process, blocking: Bool = false) -> Int32? {
        var status: Int32 = 0
        var result: pid_t
        repeat {
            result = waitpid(process.processIdentifier, &status, blocking ? 0 : WNOHANG)
        } while result == -1 && errno == EINTR
        if result == process.processIdentifier {
            let signal = status & 0x7f
            return signal == 0 ? (status >> 8) & 0xff : 128 + signal
        }
        guard result == -1 else { return nil }
        // Already reaped (by Foundation, whose record of the exit follows shortly, or by an earlier call).
        for _ in 0..<100 where process.isRunning { usleep(10_000) }
        return process.isRunning ? -1 : process.terminationStatus
    }
}
