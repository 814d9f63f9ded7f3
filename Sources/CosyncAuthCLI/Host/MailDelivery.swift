import CosyncAuthDelivery
import CosyncSMTP

/// The host's SMTP delivery from its settings (`--smtp-url`, `--email-from` or their environment
/// variables), shared by `serve` and the offline admin commands (a test email).
enum MailDelivery {
    /// How the host sends: email over SMTP when configured, SMS through a Twilio-compatible API.
    struct Senders: Sendable {
        var email: SMTPEmailSender?
        /// Where email goes, for the log (never the credentials).
        var emailSummary: String?
        var sms: TwilioSMSSender?

        /// Commands that send nothing.
        static let none = Senders(email: nil, emailSummary: nil, sms: nil)
    }

    /// Both senders from the settings, checked before anything is opened.
    static func senders(_ settings: Settings, smtpURL: String?, emailFrom: String?, twilioURL: String?) throws -> Senders {
        let mail = try make(settings, smtpURL: smtpURL, emailFrom: emailFrom)
        return Senders(
            email: mail?.sender, emailSummary: mail?.summary, sms: TwilioSMSSender(baseURL: Self.twilioURL(settings, option: twilioURL)))
    }

    /// The SMS API's base URL (`--twilio-url`, `COSYNC_TWILIO_URL`).
    static func twilioURL(_ settings: Settings, option: String?) -> String {
        settings.string(option, key: "twilio.url", default: "https://api.twilio.com")
    }

    /// Nil when no SMTP URL is set; `--email-from` is then required.
    static func make(_ settings: Settings, smtpURL: String?, emailFrom: String?) throws -> (sender: SMTPEmailSender, summary: String)? {
        guard let url = settings.secret(key: "smtp.url", option: smtpURL) else { return nil }
        let configuration: SMTPConfiguration
        do { configuration = try SMTPConfiguration(url: url) } catch { throw CLIError(error.description) }
        guard let fromText = settings.string(emailFrom, key: "email.from") else {
            throw CLIError("--email-from (COSYNC_EMAIL_FROM) is required with --smtp-url")
        }
        let from: EmailAddress
        do { from = try EmailAddress.parse(fromText) } catch { throw CLIError("--email-from: \(error)") }
        let summary = "\(configuration.host):\(configuration.port) tls=\(configuration.security.rawValue)"
        return (SMTPEmailSender(client: SMTPClient(configuration: configuration), defaultFrom: from), summary)
    }
}
