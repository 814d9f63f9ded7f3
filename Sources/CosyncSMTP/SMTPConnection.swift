import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// One SMTP conversation, driven by one task.
final class SMTPConnection {
    private let configuration: SMTPConfiguration
    private let channel: any Channel
    private var replies: AsyncThrowingStream<SMTPReply, any Error>.AsyncIterator
    private var extensions: [String: String] = [:]
    /// Replies read from the stream so far.
    private var repliesTaken = 0

    private init(configuration: SMTPConfiguration, channel: any Channel, replies: AsyncThrowingStream<SMTPReply, any Error>) {
        self.configuration = configuration
        self.channel = channel
        self.replies = replies.makeAsyncIterator()
    }

    static func open(_ configuration: SMTPConfiguration, group: any EventLoopGroup) async throws(SMTPError) -> SMTPConnection {
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: SMTPReply.self, throwing: (any Error).self)
        let sslContext = configuration.security == .implicitTLS ? try SMTPClient.tlsContext(configuration) : nil
        let host = configuration.host
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(.nanoseconds(Int64(configuration.connectTimeout.nanoseconds)))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let sslContext {
                        try channel.pipeline.syncOperations.addHandler(
                            try NIOSSLClientHandler(context: sslContext, serverHostname: host.isIPAddress ? nil : host))
                    }
                    try channel.pipeline.syncOperations.addHandler(SMTPReplyHandler(continuation: continuation))
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.connect(host: configuration.host, port: configuration.port).get()
        } catch {
            throw SMTPError.connection("\(configuration.host):\(configuration.port): \(error)")
        }
        return SMTPConnection(configuration: configuration, channel: channel, replies: stream)
    }

    /// Greeting, EHLO, STARTTLS (then EHLO again), AUTH.
    func hello() async throws(SMTPError) {
        try await expect(try await reply(), 220, "greeting")
        try await ehlo()
        if configuration.security == .startTLS {
            guard extensions["STARTTLS"] != nil else {
                throw SMTPError.unsupported("the server does not offer STARTTLS (use tls=none only on a trusted network)")
            }
            try await expect(try await command("STARTTLS"), 220, "STARTTLS")
            try await startTLS()
            try await ehlo()
        }
        if let username = configuration.username, let password = configuration.password {
            try await authenticate(username: username, password: password)
        }
    }

    func deliver(_ message: EmailMessage) async throws(SMTPError) {
        try await expect(try await command("MAIL FROM:<\(message.from.address)>"), 250, "MAIL FROM")
        for recipient in message.to {
            let answer = try await command("RCPT TO:<\(recipient.address)>")
            guard answer.code == 250 || answer.code == 251 else { throw Self.failure(answer, "RCPT TO") }
        }
        try await expect(try await command("DATA"), 354, "DATA")
        try await write(MIMEWriter.dataPayload(MIMEWriter.render(message)))
        try await expect(try await reply(), 250, "message")
    }

    /// Says goodbye politely; the message is already accepted, so a failure here changes nothing.
    func quit() async {
        _ = try? await command("QUIT")
        await close()
    }

    func close() async {
        try? await channel.close()
    }

    // MARK: Steps

    private func ehlo() async throws(SMTPError) {
        let answer = try await command("EHLO \(configuration.heloName)")
        try await expect(answer, 250, "EHLO")
        extensions = [:]
        for line in answer.lines.dropFirst() {
            let parts = line.split(separator: " ", maxSplits: 1)
            guard let keyword = parts.first else { continue }
            extensions[keyword.uppercased()] = parts.count > 1 ? String(parts[1]).uppercased() : ""
        }
    }

    private func startTLS() async throws(SMTPError) {
        let context = try SMTPClient.tlsContext(configuration)
        let host = configuration.host
        let channel = self.channel
        let taken = repliesTaken
        do {
            // On the event loop, so that no byte arrives between the check and TLS taking over.
            try await channel.eventLoop.submit {
                let replies = try channel.pipeline.syncOperations.handler(type: SMTPReplyHandler.self)
                if replies.holdsUnread(taken: taken) {
                    throw SMTPError.protocolViolation("the server sent plaintext after agreeing to STARTTLS (a man in the middle?)")
                }
                let handler = try NIOSSLClientHandler(context: context, serverHostname: host.isIPAddress ? nil : host)
                try channel.pipeline.syncOperations.addHandler(handler, position: .first)
            }.get()
        } catch let error as SMTPError {
            throw error
        } catch {
            throw SMTPError.connection("starting TLS: \(error)")
        }
    }

    private func authenticate(username: String, password: String) async throws(SMTPError) {
        let mechanisms = Set((extensions["AUTH"] ?? "").split(separator: " ").map(String.init))
        if mechanisms.contains("PLAIN") || mechanisms.isEmpty {
            let token = Data("\0\(username)\0\(password)".utf8).base64EncodedString()
            try await expect(try await command("AUTH PLAIN \(token)", secret: true), 235, "AUTH PLAIN")
        } else if mechanisms.contains("LOGIN") {
            try await expect(try await command("AUTH LOGIN"), 334, "AUTH LOGIN")
            try await expect(try await command(Data(username.utf8).base64EncodedString(), secret: true), 334, "AUTH LOGIN user")
            try await expect(try await command(Data(password.utf8).base64EncodedString(), secret: true), 235, "AUTH LOGIN password")
        } else {
            throw SMTPError.unsupported("the server offers AUTH \(mechanisms.sorted().joined(separator: " ")), not PLAIN or LOGIN")
        }
    }

    // MARK: Wire

    private func command(_ line: String, secret: Bool = false) async throws(SMTPError) -> SMTPReply {
        try await write(line + "\r\n")
        return try await reply(after: secret ? "a credential" : line.prefix(20).description)
    }

    private func write(_ text: String) async throws(SMTPError) {
        do {
            try await channel.writeAndFlush(ByteBuffer(string: text))
        } catch {
            throw SMTPError.connection("writing: \(error)")
        }
    }

    /// The next reply, or `timeout` after `replyTimeout`: the watchdog fails the pipeline, which ends
    /// the reply stream with that error.
    private func reply(after what: String = "the greeting") async throws(SMTPError) -> SMTPReply {
        let channel = self.channel
        let timeout = configuration.replyTimeout
        let watchdog = channel.eventLoop.scheduleTask(in: .nanoseconds(Int64(timeout.nanoseconds))) {
            channel.pipeline.fireErrorCaught(SMTPError.timeout("no reply to \(what) within \(timeout)"))
        }
        defer { watchdog.cancel() }
        do {
            guard let reply = try await replies.next() else { throw SMTPError.connection("the server closed the connection") }
            repliesTaken += 1
            return reply
        } catch let error as SMTPError {
            throw error
        } catch {
            throw SMTPError.connection("\(error)")
        }
    }

    private func expect(_ reply: SMTPReply, _ code: Int, _ step: String) async throws(SMTPError) {
        guard reply.code == code else { throw Self.failure(reply, step) }
    }

    static func failure(_ reply: SMTPReply, _ step: String) -> SMTPError {
        let message = "\(step): \(reply.text)"
        return (400..<500).contains(reply.code)
            ? .transient(code: reply.code, message: message)
            : .permanent(code: reply.code, message: message)
    }
}

extension Duration {
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}

extension String {
    /// IP literals get no SNI, as RFC 6066 forbids it.
    var isIPAddress: Bool {
        (try? SocketAddress(ipAddress: self, port: 0)) != nil
    }
}
