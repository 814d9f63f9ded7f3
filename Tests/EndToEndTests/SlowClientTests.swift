import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A client that connects and then sends nothing, or half a request, loses its connection after the
/// idle timeout: slow clients cannot hold the host's connections open without end.
@Suite("slow clients")
struct SlowClientTests {
    @Test func silentAndHalfSentConnectionsAreClosed() async throws {
        let dir = try TestEnvironment.directory("cosync-slow")
        var env = TestEnvironment.base()
        env["COSYNC_IDLE_TIMEOUT"] = "2"
        let host = try HostProcess(environment: env, in: dir)
        try await host.waitUntilHealthy()
        for sent in ["", "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n"] {
            let seconds = try await Self.secondsUntilClosed(port: host.port, sending: sent)
            #expect(
                seconds != nil && seconds! >= 1 && seconds! < 10, "closed after \(String(describing: seconds)) s, sending \(sent.debugDescription)")
        }
        #expect(try await host.terminate() == 0)
    }

    /// Connects, sends `text`, and waits (on its own thread) for the host to close: the seconds it took,
    /// or nil if it was still open after 20 s.
    static func secondsUntilClosed(port: Int, sending text: String) async throws -> Double? {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
                defer { close(fd) }
                var address = sockaddr_in()
                address.sin_family = sa_family_t(AF_INET)
                address.sin_port = in_port_t(UInt16(port).bigEndian)
                address.sin_addr.s_addr = inet_addr("127.0.0.1")
                let connected = withUnsafePointer(to: &address) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
                }
                guard connected == 0 else { return continuation.resume(throwing: POSIXError(.ECONNREFUSED)) }
                var timeout = timeval(tv_sec: 20, tv_usec: 0)
                setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
                let start = Date()
                if !text.isEmpty { _ = text.withCString { send(fd, $0, strlen($0), 0) } }
                var byte: UInt8 = 0
                let received = recv(fd, &byte, 1, 0)
                // 0: the host closed it; -1 after the receive timeout: it never did.
                continuation.resume(returning: received == 0 ? Date().timeIntervalSince(start) : nil)
            }.start()
        }
    }
}
