public import Logging
import Synchronization

/// Collects the SQL of every statement the host runs, from the drivers' statement log.
public final class StatementRecorder: Sendable {
    private let state = Mutex<(recording: Bool, statements: [String])>((false, []))

    public init() {}

    public var logger: Logger {
        var logger = Logger(label: "statements") { _ in Handler(recorder: self) }
        logger.logLevel = .info
        return logger
    }

    public func start() { state.withLock { $0 = (true, []) } }

    public func pause() { state.withLock { $0.recording = false } }

    public func resume() { state.withLock { $0.recording = true } }

    public func recorded() -> [String] { state.withLock { $0.statements } }

    fileprivate func record(_ sql: String) {
        state.withLock { if $0.recording { $0.statements.append(sql) } }
    }

    private struct Handler: LogHandler {
        let recorder: StatementRecorder
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .info

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            if case .string(let sql)? = event.metadata?["sql"] { recorder.record(sql) }
        }
    }
}
