/// One reply of the server: a three-digit code and its text lines (several for `250-` continuations).
public struct SMTPReply: Sendable, Equatable {
    public let code: Int
    public let lines: [String]

    var text: String { lines.joined(separator: " ") }
    var isPositive: Bool { (200..<400).contains(code) }
}

/// Assembles replies from lines: `250-first`, `250-second`, `250 last` make one reply.
struct SMTPReplyParser {
    private var pending: [String] = []
    private var pendingCode: Int?

    enum Outcome {
        case needMore
        case reply(SMTPReply)
    }

    mutating func consume(_ line: Substring) throws(SMTPError) -> Outcome {
        let line = line.hasSuffix("\r") ? line.dropLast() : line
        let utf8 = Array(line.utf8)
        guard utf8.count >= 3, let code = Int(String(decoding: utf8[0..<3], as: UTF8.self)), (200...599).contains(code) else {
            throw SMTPError.protocolViolation("malformed reply line: \(line.prefix(80))")
        }
        if let pendingCode, pendingCode != code {
            throw SMTPError.protocolViolation("reply code changed within a multi-line reply")
        }
        let separator = utf8.count > 3 ? utf8[3] : UInt8(ascii: " ")
        let text = utf8.count > 4 ? String(decoding: utf8[4...], as: UTF8.self) : ""
        pending.append(text)
        if separator == UInt8(ascii: "-") {
            pendingCode = code
            return .needMore
        }
        let reply = SMTPReply(code: code, lines: pending)
        pending = []
        pendingCode = nil
        return .reply(reply)
    }
}
