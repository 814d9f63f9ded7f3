public import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Tests/support/twilio_standin.py on a free loopback port: Twilio's Messages API as far as the host
/// uses it, in mode `ok`, `reject` (400, bad number), `fail` (503), `throttle` (429) or `hang` (never answers).
public final class TwilioStandIn: @unchecked Sendable {
    public let port: Int
    public let outdir: URL
    public let sid: String
    public let token: String
    private let process = SpawnedProcess()
    private let stopped = Mutex(false)

    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("support/twilio_standin.py")

    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Starts one without holding a concurrency thread while Python starts.
    public static func start(
        port: Int? = nil, mode: String = "ok", sid: String = "ACtest0123456789", token: String = "tok-secret"
    ) async throws -> TwilioStandIn {
        try await onOwnThread { try TwilioStandIn(port: port ?? (try freePort()), mode: mode, sid: sid, token: token) }
    }

    public init(port: Int, mode: String, sid: String, token: String) throws {
        self.port = port
        self.sid = sid
        self.token = token
        outdir = FileManager.default.temporaryDirectory.appendingPathComponent("twilio-\(UUID().uuidString)")
        let readyFile = outdir.path + ".ready"
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [
            Self.script.path, "--port", "\(port)", "--outdir", outdir.path, "--sid", sid, "--token", token, "--mode", mode,
            "--ready-file", readyFile,
        ]
        // Nothing inherited from the test run: a helper outliving a crashed run must not hold its output open.
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try ChildProcess.outputFile(URL(fileURLWithPath: outdir.path + ".stderr"))
        try process.run()
        let deadline = Date().addingTimeInterval(20)
        while !FileManager.default.fileExists(atPath: readyFile) {
            guard process.isRunning else { throw SMTPSink.SinkError.didNotStart("the Twilio stand-in exited (see \(outdir.path).stderr)") }
            guard Date() < deadline else { throw SMTPSink.SinkError.didNotStart("the Twilio stand-in did not start within 20 s") }
            usleep(20_000)
        }
    }

    /// The messages accepted so far: `to`, `from`, `body` as the form decodes, `sid`, and `raw`, the form as sent.
    public func messages() throws -> [[String: Any]] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: outdir.path)) ?? []
        return try files.filter { $0.hasSuffix(".json") }.sorted().map { name in
            let data = try Data(contentsOf: outdir.appendingPathComponent(name))
            guard let message = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw SMTPSink.SinkError.unreadable(name)
            }
            return message
        }
    }

    /// Every request received so far, accepted or not, as "METHOD path".
    public func requests() -> [String] {
        let log = (try? String(contentsOf: outdir.appendingPathComponent("requests.log"), encoding: .utf8)) ?? ""
        return log.split(separator: "\n").map(String.init)
    }

    /// Stops it at once, as an outage would.
    public func stop() {
        guard !stopped.withLock({ $0 }) else { return }
        kill(process.processIdentifier, SIGKILL)
        ChildProcess.waitForExit(process)
        stopped.withLock { $0 = true }
    }

    deinit { stop() }
}
