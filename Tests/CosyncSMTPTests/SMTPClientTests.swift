import CosyncSMTP
import CosyncTestSupport
import Foundation
import Testing

@Suite("SMTP client against a real server")
struct SMTPClientTests {
    func message(to: String = "zoe@example.com") throws -> EmailMessage {
        EmailMessage(
            from: try EmailAddress("noreply@example.com", name: "Mon Appli ✓"),
            to: [try EmailAddress(to)],
            replyTo: try EmailAddress("help@example.com"),
            subject: "Bienvenue à Zoë — votre code est 123456, et ce sujet est assez long pour être coupé en plusieurs mots",
            text: "Bonjour Zoë,\n.\n..leading dots survive\nCode: 123456\n",
            html: "<p>Bonjour <b>Zoë</b></p>\n.\n<p>Code: 123456</p>\n")
    }

    func configuration(
        _ port: Int, _ security: SMTPConfiguration.Security, user: String? = nil, password: String? = nil,
        ca: TestCertificate? = nil, host: String = "127.0.0.1"
    ) -> SMTPConfiguration {
        SMTPConfiguration(
            host: host, port: port, security: security, username: user, password: password,
            trustedCAFile: ca?.certificate.path, connectTimeout: .seconds(5), replyTimeout: .seconds(5))
    }

    @Test func plainDeliveryIsReadBackExactly() async throws {
        let sink = try await SMTPSink.start()
        let sent = try message()
        try await SMTPClient(configuration: configuration(sink.port, .none)).send(sent)
        let received = try #require(try sink.messages().first)
        #expect(received["mail_from"] as? String == "noreply@example.com")
        #expect(received["rcpt_tos"] as? [String] == ["zoe@example.com"])
        #expect(received["subject"] as? String == sent.subject)
        #expect(received["from"] as? String == "Mon Appli ✓ <noreply@example.com>")
        #expect(received["reply_to"] as? String == "help@example.com")
        #expect(received["content_type"] as? String == "multipart/alternative")
        #expect(received["text"] as? String == sent.text)
        #expect(received["html"] as? String == sent.html)
        #expect(received["message_id"] as? String == sent.messageID)
        #expect(received["tls"] as? Bool == false)
    }

    @Test func startTLSWithAuthPlain() async throws {
        let certificate = try await TestCertificate.make()
        let sink = try await SMTPSink.start(mode: "starttls", auth: "mailer:s3cret", certificate: certificate)
        try await SMTPClient(
            configuration: configuration(sink.port, .startTLS, user: "mailer", password: "s3cret", ca: certificate, host: "localhost")
        )
        .send(try message())
        let received = try sink.messages()
        #expect(received.count == 1)
        #expect(received.first?["tls"] as? Bool == true)
    }

    @Test func implicitTLSWithAuthLogin() async throws {
        let certificate = try await TestCertificate.make()
        let sink = try await SMTPSink.start(mode: "implicit", auth: "mailer:s3cret", onlyLogin: true, certificate: certificate)
        let client = SMTPClient(
            configuration: configuration(sink.port, .implicitTLS, user: "mailer", password: "s3cret", ca: certificate, host: "localhost"))
        try await client.send([try message(to: "a@example.com"), try message(to: "b@example.com")])
        let received = try sink.messages()
        #expect(received.compactMap { ($0["rcpt_tos"] as? [String])?.first } == ["a@example.com", "b@example.com"])
        #expect(received.allSatisfy { $0["tls"] as? Bool == true })
    }

    @Test func wrongPasswordIsPermanent() async throws {
        let certificate = try await TestCertificate.make()
        let sink = try await SMTPSink.start(mode: "starttls", auth: "mailer:s3cret", certificate: certificate)
        let client = SMTPClient(
            configuration: configuration(sink.port, .startTLS, user: "mailer", password: "wrong", ca: certificate, host: "localhost"))
        await #expect { try await client.send(try message()) } throws: { error in
            guard case SMTPError.permanent(let code, _) = error else { return false }
            return code == 535
        }
        #expect(try sink.messages().isEmpty)
    }

    @Test func untrustedCertificateIsRefused() async throws {
        let certificate = try await TestCertificate.make()
        let sink = try await SMTPSink.start(mode: "starttls", certificate: certificate)
        let client = SMTPClient(configuration: configuration(sink.port, .startTLS, host: "localhost"))
        await #expect(throws: SMTPError.self) { try await client.send(try message()) }
        #expect(try sink.messages().isEmpty)
    }

    @Test func startTLSIsNeverSkipped() async throws {
        let sink = try await SMTPSink.start(mode: "no-starttls")
        await #expect { try await SMTPClient(configuration: configuration(sink.port, .startTLS)).send(try message()) } throws: { error in
            guard case SMTPError.unsupported = error else { return false }
            return true
        }
    }

    @Test(arguments: [("reject-rcpt-451", true), ("reject-rcpt-550", false), ("drop-after-mail", true)])
    func misbehavingServers(_ mode: String, _ transient: Bool) async throws {
        let sink = try await SMTPSink.start(mode: mode)
        await #expect { try await SMTPClient(configuration: configuration(sink.port, .none)).send(try message()) } throws: { error in
            (error as? SMTPError)?.isTransient == transient
        }
    }

    /// Replies injected in plaintext behind STARTTLS's go-ahead are never taken for the server's.
    @Test func plaintextAfterStartTLSIsRefused() async throws {
        let sink = try await SMTPSink.start(mode: "starttls-inject")
        await #expect { try await SMTPClient(configuration: configuration(sink.port, .startTLS)).send(try message()) } throws: { error in
            guard case SMTPError.protocolViolation(let reason) = error else { return false }
            return reason.contains("STARTTLS")
        }
    }

    @Test func silentServerTimesOut() async throws {
        let sink = try await SMTPSink.start(mode: "silent")
        var config = configuration(sink.port, .none)
        config.replyTimeout = .milliseconds(500)
        let started = ContinuousClock.now
        await #expect { try await SMTPClient(configuration: config).send(try message()) } throws: { error in
            guard case SMTPError.timeout = error else { return false }
            return true
        }
        // Bounded, not hanging: far below the 60 s default, with room for a loaded machine.
        #expect(ContinuousClock.now - started < .seconds(30))
    }

    @Test func refusedConnectionIsTransient() async throws {
        let port = try freePort()
        await #expect { try await SMTPClient(configuration: configuration(port, .none)).send(try message()) } throws: { error in
            guard case SMTPError.connection = error else { return false }
            return true
        }
    }
}
