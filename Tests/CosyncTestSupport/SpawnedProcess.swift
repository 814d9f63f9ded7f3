public import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A child process started with `posix_spawn`, with the part of `Foundation.Process`'s interface the
/// tests use. Foundation's `Process.run()` crashes now and then on Linux (swift-corelibs-foundation
/// #5472: it copies 256 bytes of every `/proc/self/fd` entry, reading past glibc's buffer): the suite
/// crashed that way in two of three runs once the host kept more connections open.
public final class SpawnedProcess: @unchecked Sendable {
    public var executableURL: URL?
    public var arguments: [String] = []
    /// nil: the test process's own environment.
    public var environment: [String: String]?
    public var currentDirectoryURL: URL?
    public var standardInput: FileHandle?
    public var standardOutput: FileHandle?
    public var standardError: FileHandle?
    public private(set) var processIdentifier: pid_t = 0
    private let exit = Mutex<Int32?>(nil)

    public init() {}

    public func run() throws {
        guard let executable = executableURL?.path else { throw SpawnError(reason: "no executable", code: EINVAL) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for (handle, descriptor) in [(standardInput, 0), (standardOutput, 1), (standardError, 2)] {
            if let handle { posix_spawn_file_actions_adddup2(&actions, handle.fileDescriptor, Int32(descriptor)) }
        }
        // The child keeps only its standard streams: the test process's sockets and files stay its own.
        guard Self.closeFrom(&actions, 3) == 0 else { throw SpawnError(reason: "closefrom", code: errno) }
        if let folder = currentDirectoryURL?.path, Self.changeDirectory(&actions, folder) != 0 {
            throw SpawnError(reason: "chdir \(folder)", code: errno)
        }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for argument in argv { free(argument) } }
        let variables = environment.map { $0.map { strdup("\($0.key)=\($0.value)") } + [nil] }
        defer { for variable in variables ?? [] { free(variable) } }
        // Signals as a fresh process has them: the test process ignores SIGPIPE (NIO does), and an
        // ignored signal would stay ignored across exec.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var all = sigset_t()
        sigfillset(&all)
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        var pid = pid_t()
        let result =
            if let variables {
                posix_spawn(&pid, executable, &actions, &attributes, argv, variables)
            } else {
                posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
            }
        guard result == 0 else { throw SpawnError(reason: "spawn \(executable)", code: result) }
        processIdentifier = pid
    }

    /// The exit status (or 128 + the signal that ended it) once the child has exited, reaping it; nil
    /// while it runs, unless `blocking`.
    public func exitStatus(blocking: Bool) -> Int32? {
        guard processIdentifier != 0 else { return nil }
        if let known = exit.withLock({ $0 }) { return known }
        // Not under the lock: a blocking wait must not hold up `terminate()` from another thread.
        var status: Int32 = 0
        var result: pid_t
        repeat {
            result = waitpid(processIdentifier, &status, blocking ? 0 : WNOHANG)
        } while result == -1 && errno == EINTR
        if result == processIdentifier {
            let signal = status & 0x7f
            let code = signal == 0 ? (status >> 8) & 0xff : 128 + signal
            exit.withLock { $0 = code }
            return code
        }
        guard result == -1 else { return nil }
        // Reaped by another thread's wait at the same moment, which records it next.
        for _ in 0..<1_000 {
            if let known = exit.withLock({ $0 }) { return known }
            usleep(1_000)
        }
        return nil
    }

    public var isRunning: Bool { processIdentifier != 0 && exitStatus(blocking: false) == nil }

    /// The exit status; -1 while the child runs.
    public var terminationStatus: Int32 { exitStatus(blocking: false) ?? -1 }

    /// SIGTERM.
    public func terminate() {
        if isRunning { Glibc.kill(processIdentifier, SIGTERM) }
    }

    private typealias FileActionWithDescriptor = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    private typealias FileActionWithPath = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32

    // glibc has both (2.34 and 2.29 on), but its headers show them to Swift only with _GNU_SOURCE.
    private static let closeFrom = unsafeBitCast(
        dlsym(dlopen(nil, RTLD_NOW), "posix_spawn_file_actions_addclosefrom_np")!, to: FileActionWithDescriptor.self)
    private static let changeDirectory = unsafeBitCast(
        dlsym(dlopen(nil, RTLD_NOW), "posix_spawn_file_actions_addchdir_np")!, to: FileActionWithPath.self)
}

public struct SpawnError: Error, CustomStringConvertible {
    public let reason: String
    public let code: Int32
    public var description: String { "\(reason): \(String(cString: strerror(code)))" }
}
