import Testing

@testable import CosyncSMTP

@Suite("SMTP configuration and addresses")
struct SMTPFormatTests {
    @Test func urls() throws {
        let starttls = try SMTPConfiguration(url: "smtp://user%40x.com:p%3Ass@mail.example.com?tls=starttls")
        #expect(starttls.host == "mail.example.com" && starttls.port == 587 && starttls.security == .startTLS)
        #expect(starttls.username == "user@x.com" && starttls.password == "p:ss")
        #expect(try SMTPConfiguration(url: "smtp://mail:2525?tls=none").port == 2525)
        #expect(try SMTPConfiguration(url: "smtp://mail?tls=implicit").port == 465)
        #expect(try SMTPConfiguration(url: "smtp://mail?ca=/etc/ca.pem").trustedCAFile == "/etc/ca.pem")
        #expect(throws: SMTPConfigurationError.self) { try SMTPConfiguration(url: "http://mail") }
        #expect(throws: SMTPConfigurationError.self) { try SMTPConfiguration(url: "smtp://mail?tls=maybe") }
    }

    @Test func addressesThatCouldInjectHeadersAreRefused() {
        #expect(throws: EmailAddressError.self) { try EmailAddress("a@b.c\r\nBcc: x@y.z") }
        #expect(throws: EmailAddressError.self) { try EmailAddress("<a@b.c>") }
        #expect(throws: EmailAddressError.self) { try EmailAddress("nobody") }
        #expect(throws: EmailAddressError.self) { try EmailAddress("a@b.c", name: "x\nBcc: y@z.w") }
        #expect((try? EmailAddress(" a+b@c.d "))?.address == "a+b@c.d")
    }
}

@Suite("SMTP wire format")
struct SMTPWireFormatTests {
    @Test func multiLineRepliesAreAssembled() throws {
        var parser = SMTPReplyParser()
        guard case .needMore = try parser.consume("250-mail.example.com\r") else {
            Issue.record("expected more")
            return
        }
        guard case .needMore = try parser.consume("250-STARTTLS") else {
            Issue.record("expected more")
            return
        }
        guard case .reply(let reply) = try parser.consume("250 AUTH PLAIN LOGIN") else {
            Issue.record("expected a reply")
            return
        }
        #expect(reply == SMTPReply(code: 250, lines: ["mail.example.com", "STARTTLS", "AUTH PLAIN LOGIN"]))
        guard case .reply(let short) = try parser.consume("354") else {
            Issue.record("expected a reply")
            return
        }
        #expect(short.code == 354)
        #expect(throws: SMTPError.self) { try parser.consume("hello") }
        var mixed = SMTPReplyParser()
        _ = try mixed.consume("250-a")
        #expect(throws: SMTPError.self) { try mixed.consume("251 b") }
    }

    @Test func dataIsDotStuffedAndTerminated() {
        #expect(MIMEWriter.dataPayload("a\n.b\r\n..c\n") == "a\r\n..b\r\n...c\r\n.\r\n")
    }

    @Test func nonASCIIHeadersAreEncodedWords() {
        #expect(MIMEWriter.encodedWords("plain") == "plain")
        let encoded = MIMEWriter.encodedWords(String(repeating: "é", count: 40))
        let words = encoded.components(separatedBy: "\r\n ")
        #expect(words.count == 2)
        #expect(words.allSatisfy { $0.hasPrefix("=?UTF-8?B?") && $0.hasSuffix("?=") && $0.count <= 75 })
    }

    @Test func bodiesAreBase64InShortLines() throws {
        let message = EmailMessage(
            from: try EmailAddress("a@b.c"), to: [try EmailAddress("d@e.f")], subject: "s",
            text: String(repeating: "x", count: 500), html: "<p>y</p>")
        let rendered = MIMEWriter.render(message)
        #expect(rendered.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 78 })
        #expect(rendered.contains("Content-Type: multipart/alternative"))
        #expect(!rendered.contains("\n\n"))
    }
}
