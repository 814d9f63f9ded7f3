import NIOCore

/// Splits the server's bytes into lines, assembles replies, and hands them to the client through an
/// async stream. A closed connection or a pipeline error ends the stream with an error.
final class SMTPReplyHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private let continuation: AsyncThrowingStream<SMTPReply, any Error>.Continuation
    private var buffer = ByteBuffer()
    private var parser = SMTPReplyParser()
    /// Replies handed to the client so far; with the count it took, tells whether any waits unread.
    private(set) var repliesYielded = 0
    /// A reply line longer than this is not SMTP (RFC 5321 allows 512 octets).
    private static let maxLineLength = 4096

    init(continuation: AsyncThrowingStream<SMTPReply, any Error>.Continuation) {
        self.continuation = continuation
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var incoming = unwrapInboundIn(data)
        buffer.writeBuffer(&incoming)
        while let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) {
            let length = newline - buffer.readerIndex
            let line = buffer.readString(length: length) ?? ""
            buffer.moveReaderIndex(forwardBy: 1)
            do {
                if case .reply(let reply) = try parser.consume(Substring(line)) {
                    repliesYielded += 1
                    continuation.yield(reply)
                }
            } catch {
                fail(context: context, error)
                return
            }
        }
        if buffer.readableBytes > Self.maxLineLength {
            fail(context: context, SMTPError.protocolViolation("reply line too long"))
        }
        buffer.discardReadBytes()
    }

    /// Whether anything the server sent waits unread: bytes of a line, or replies beyond the `taken` the
    /// client has read. Checked on the event loop at the switch to TLS, where anything left over was
    /// sent in plaintext and must not be read as if it came through TLS.
    func holdsUnread(taken: Int) -> Bool {
        buffer.readableBytes > 0 || repliesYielded != taken
    }

    func channelInactive(context: ChannelHandlerContext) {
        continuation.finish(throwing: SMTPError.connection("the server closed the connection"))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(context: context, error)
    }

    private func fail(context: ChannelHandlerContext, _ error: any Error) {
        continuation.finish(throwing: error is SMTPError ? error : SMTPError.connection("\(error)"))
        context.close(promise: nil)
    }
}
