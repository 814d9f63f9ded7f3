public import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Tests/support/smtp_sink.py on a free loopback port: a real SMTP server (aiosmtpd) or a misbehaving one.
public final class SMTPSink: @unchecked Sendable {
    public let port: Int
    public let maildir: URL
    private let process = SpawnedProcess()
    private let stopped = Mutex(false)

    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("support/smtp_sink.py")

    /// Starts a sink without holding one of Swift concurrency's few threads while Python starts.
    public static func start(
        port: Int? = nil, mode: String = "plain", auth: String? = nil, onlyLogin: Bool = false, certificate: TestCertificate? = nil
    ) async throws -> SMTPSink {
        try await onOwnThread { try SMTPSink(port: port ?? (try freePort()), mode: mode, auth: auth, onlyLogin: onlyLogin, certificate: certificate) }
    }

    /// Starts the sink on a new free port.

    public convenience init(mode: String = "plain", auth: String? = nil, onlyLogin: Bool = false, certificate: TestCertificate? = nil) throws {
        try self.init(port: try freePort(), mode: mode, auth: auth, onlyLogin: onlyLogin, certificate: certificate)
    }

    /// Starts the sink on `port` (to restart one where a client expects it).
    public init(port: Int, mode: String = "plain", auth: String? = nil, onlyLogin: Bool = false, certificate: TestCertificate? = nil) throws {
        self.port = port
        maildir = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-sink-\(UUID().uuidString)")
        var arguments = [Self.script.path, "--port", "\(port)", "--maildir", maildir.path, "--mode", mode]
        if let auth { arguments += ["--auth", auth] }
        if onlyLogin { arguments.append("--only-login") }
        if let certificate { arguments += ["--cert", certificate.certificate.path, "--key", certificate.key.path] }
        // Debian's interpreter, where python3-aiosmtpd is installed (not a pyenv one earlier on PATH).
        let readyFile = maildir.path + ".ready"
        arguments += ["--ready-file", readyFile]
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = arguments
        // Nothing inherited from the test run: a helper outliving a crashed run must not hold its output open.
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try ChildProcess.outputFile(URL(fileURLWithPath: maildir.path + ".stderr"))
        try process.run()
        // Readiness comes through a file, polled with a deadline: a pipe could be held open by a process
        // another test starts meanwhile, and then never report the sink's death.
        let deadline = Date().addingTimeInterval(20)
        while !FileManager.default.fileExists(atPath: readyFile) {
            guard process.isRunning else {
                throw SinkError.didNotStart("the SMTP sink exited (is python3-aiosmtpd installed? see \(maildir.path).stderr)")
            }
            guard Date() < deadline else { throw SinkError.didNotStart("the SMTP sink did not start within 20 s") }
            usleep(20_000)
        }
    }

    /// The messages received so far, as Python's email package parsed them.
    public func messages() throws -> [[String: Any]] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: maildir.path)) ?? []
        return try files.filter { $0.hasSuffix(".json") }.sorted().map { name in
            let data = try Data(contentsOf: maildir.appendingPathComponent(name))
            guard let message = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw SinkError.unreadable(name)
            }
            return message
        }
    }

    /// Stops the sink at once, as an outage would.
    public func stop() {
        guard !stopped.withLock({ $0 }) else { return }
        kill(process.processIdentifier, SIGKILL)
        ChildProcess.waitForExit(process)
        stopped.withLock { $0 = true }
    }

    deinit {
        stop()
    }

    public enum SinkError: Error {
        case didNotStart(String)
        case unreadable(String)
    }
}

/// A self-signed certificate for localhost and 127.0.0.1, made with openssl for one test.
/// Runs blocking work (waiting for a process) on a thread of its own, off the concurrency pool.
public func onOwnThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}

public struct TestCertificate: Sendable {
    /// Makes one without holding a concurrency thread while openssl runs.
    public static func make() async throws -> TestCertificate {
        try await onOwnThread { try TestCertificate() }
    }

    public let certificate: URL
    public let key: URL

    public init() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-cert-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        certificate = dir.appendingPathComponent("cert.pem")
        key = dir.appendingPathComponent("key.pem")
        let openssl = SpawnedProcess()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        openssl.arguments = [
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
            "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
            "-keyout", key.path, "-out", certificate.path,
        ]
        openssl.standardError = FileHandle.nullDevice
        try openssl.run()
        guard ChildProcess.waitForExit(openssl) == 0 else { throw SMTPSink.SinkError.didNotStart("openssl failed") }
    }
}

/// Asks the kernel for a free loopback port.
public func freePort() throws -> Int {
    // Never the same port twice in this test process: a test that stops a server to play an outage and
    // restarts it on its port must not find another test's server there meanwhile.
    for _ in 0..<100 {
        let port = try kernelFreePort()
        if handedOutPorts.withLock({ $0.insert(port).inserted }) { return port }
    }
    throw SMTPSink.SinkError.didNotStart("no fresh loopback port")
}

private let handedOutPorts = Mutex(Set<Int>())

private func kernelFreePort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw SMTPSink.SinkError.didNotStart("socket() failed") }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
    guard bound == 0 else { throw SMTPSink.SinkError.didNotStart("bind() failed") }
    _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
    return Int(UInt16(bigEndian: address.sin_port))
}
