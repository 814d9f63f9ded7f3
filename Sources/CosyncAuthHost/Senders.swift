public import CosyncAuthDelivery
import CosyncSMTP

/// How the host sends: email over SMTP when configured, SMS through a Twilio-compatible API. Shared by
/// `serve` and the offline admin commands (a test email goes out the same way).
public struct Senders: Sendable {
    public var email: SMTPEmailSender?
    /// Where email goes, for the log (never the credentials).
    public var emailSummary: String?
    public var sms: TwilioSMSSender?

    init(_ delivery: HostConfiguration.Delivery) {
        if let smtp = delivery.smtp, let from = delivery.emailFrom {
            email = SMTPEmailSender(client: SMTPClient(configuration: smtp), defaultFrom: from)
            emailSummary = "\(smtp.host):\(smtp.port) tls=\(smtp.security.rawValue)"
        }
        sms = TwilioSMSSender(baseURL: delivery.twilioURL)
    }
}
