import Foundation

/// Writes an `EmailMessage` as RFC 5322 text with MIME parts: UTF-8 bodies in base64 (76-character lines),
/// non-ASCII headers as RFC 2047 encoded words, CRLF line ends.
enum MIMEWriter {
    static func render(_ message: EmailMessage, date: Date = Date(), boundary: String = "=_cosync_" + UUID().uuidString) -> String {
        var headers: [String] = [
            "From: \(mailbox(message.from))",
            "To: \(message.to.map(mailbox).joined(separator: ", "))",
        ]
        if let replyTo = message.replyTo { headers.append("Reply-To: \(mailbox(replyTo))") }
        headers += [
            "Subject: \(encodedWords(singleLine(message.subject)))",
            "Date: \(rfc5322Date(date))",
            "Message-ID: \(message.messageID)",
            "MIME-Version: 1.0",
        ]
        var body: [String]
        if let html = message.html {
            headers.append("Content-Type: multipart/alternative;\r\n boundary=\"\(boundary)\"")
            body = ["This is a multi-part message in MIME format.", ""]
            body += ["--\(boundary)"] + part("text/plain", message.text)
            body += ["--\(boundary)"] + part("text/html", html)
            body += ["--\(boundary)--"]
        } else {
            let single = part("text/plain", message.text)
            headers += single.prefix(2)
            body = Array(single.dropFirst(3))
        }
        return (headers + [""] + body).joined(separator: "\r\n") + "\r\n"
    }

    private static func part(_ type: String, _ content: String) -> [String] {
        ["Content-Type: \(type); charset=UTF-8", "Content-Transfer-Encoding: base64", ""] + base64Lines(content)
    }

    static func base64Lines(_ content: String) -> [String] {
        let encoded = Data(content.utf8).base64EncodedString()
        var lines: [String] = []
        var index = encoded.startIndex
        while index < encoded.endIndex {
            let end = encoded.index(index, offsetBy: 76, limitedBy: encoded.endIndex) ?? encoded.endIndex
            lines.append(String(encoded[index..<end]))
            index = end
        }
        return lines
    }

    static func mailbox(_ address: EmailAddress) -> String {
        guard let name = address.name else { return "<\(address.address)>" }
        let isPlain = name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || " .-_'".contains($0)) }
        return "\(isPlain ? name : encodedWords(name)) <\(address.address)>"
    }

    /// ASCII text as it is; anything else as `=?UTF-8?B?...?=` words of at most 75 characters, split on
    /// character boundaries so no word holds half a character.
    static func encodedWords(_ text: String) -> String {
        guard !text.allSatisfy({ $0.isASCII }) else { return text }
        var words: [String] = []
        var chunk = ""
        for character in text {
            if chunk.utf8.count + character.utf8.count > 45 {
                words.append(chunk)
                chunk = ""
            }
            chunk.append(character)
        }
        if !chunk.isEmpty { words.append(chunk) }
        return words.map { "=?UTF-8?B?\(Data($0.utf8).base64EncodedString())?=" }.joined(separator: "\r\n ")
    }

    private static func singleLine(_ text: String) -> String {
        text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
    }

    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }

    /// The DATA payload: CRLF line ends, lines starting with "." doubled, ended by "." alone.
    static func dataPayload(_ rendered: String) -> String {
        let lines = rendered.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        var payload = lines.map { $0.hasPrefix(".") ? "." + $0 : String($0) }
        if payload.last == "" { payload.removeLast() }
        return payload.joined(separator: "\r\n") + "\r\n.\r\n"
    }
}
