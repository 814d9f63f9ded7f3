/// Why a delivery failed, sorted by what the sender should do: retry later or give up.
public enum SMTPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The server refused for now (4xx): retry later.
    case transient(code: Int, message: String)
    /// The server refused for good (5xx): retrying will not help.
    case permanent(code: Int, message: String)
    /// No connection, or it broke: retry later.
    case connection(String)
    /// The server did not answer in time: retry later.
    case timeout(String)
    /// The server said something that is not SMTP.
    case protocolViolation(String)
    /// The configuration cannot work with this server (e.g. STARTTLS required but not offered).
    case unsupported(String)

    /// Whether a later attempt may succeed.
    public var isTransient: Bool {
        switch self {
        case .transient, .connection, .timeout, .protocolViolation: true
        case .permanent, .unsupported: false
        }
    }

    public var description: String {
        switch self {
        case .transient(let code, let message): "SMTP \(code) (temporary): \(message)"
        case .permanent(let code, let message): "SMTP \(code) (permanent): \(message)"
        case .connection(let message): "SMTP connection failed: \(message)"
        case .timeout(let message): "SMTP timeout: \(message)"
        case .protocolViolation(let message): "SMTP protocol error: \(message)"
        case .unsupported(let message): "SMTP configuration unusable: \(message)"
        }
    }
}
