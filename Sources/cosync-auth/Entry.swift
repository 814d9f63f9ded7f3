import ArgumentParser
import CosyncAuthCLI
import NIOCore
import NIOPosix

/// The process entry point: ArgumentParser's async `main()` parses the command line and runs the command.
@main
struct Entry {
    static func main() async {
        // Swift concurrency runs on NIO's event loops instead of a pool of its own: a request then moves
        // between its socket and its handler without a thread switch each way. Measured on getUser, where
        // context switches were the largest single cost (perf: 14 % of all samples in the scheduler).
        // Blocking work (password hashing, key generation, SQLite) has thread pools of its own.
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        await CosyncAuthCommand.main()
    }
}
