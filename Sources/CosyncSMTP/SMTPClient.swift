public import NIOCore
public import NIOPosix
import NIOSSL

/// Sends email over SMTP: one connection per `send`, STARTTLS or implicit TLS with certificate
/// verification, AUTH PLAIN or LOGIN, a timeout on connecting and on every reply.
public struct SMTPClient: Sendable {
    public let configuration: SMTPConfiguration
    private let group: any EventLoopGroup

    public init(configuration: SMTPConfiguration, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.configuration = configuration
        self.group = group
    }

    /// Delivers the messages in order over one connection; throws `SMTPError` at the first failure.
    public func send(_ messages: [EmailMessage]) async throws(SMTPError) {
        let connection = try await SMTPConnection.open(configuration, group: group)
        do {
            try await connection.hello()
            for message in messages {
                try await connection.deliver(message)
            }
            await connection.quit()
        } catch {
            await connection.close()
            throw error
        }
    }

    public func send(_ message: EmailMessage) async throws(SMTPError) {
        try await send([message])
    }

    static func tlsContext(_ configuration: SMTPConfiguration) throws(SMTPError) -> NIOSSLContext {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateVerification = .fullVerification
        if let file = configuration.trustedCAFile {
            tls.trustRoots = .file(file)
        }
        do {
            return try NIOSSLContext(configuration: tls)
        } catch {
            throw SMTPError.unsupported("TLS configuration: \(error)")
        }
    }
}
