public import Foundation

/// Where and how to deliver mail, from `smtp://user:password@host:port?tls=starttls|implicit|none`.
public struct SMTPConfiguration: Sendable, Equatable {
    public enum Security: String, Sendable, Equatable {
        /// Plain connection upgraded with STARTTLS; refused if the server does not offer it.
        case startTLS = "starttls"
        /// TLS from the first byte (port 465).
        case implicitTLS = "implicit"
        /// No encryption: only for a relay on a trusted network.
        case none
    }

    public var host: String
    public var port: Int
    public var security: Security
    public var username: String?
    public var password: String?
    /// A PEM file of certificates to trust instead of the system's, for private relays.
    public var trustedCAFile: String?
    /// The name this host gives in EHLO.
    public var heloName: String
    public var connectTimeout: Duration
    /// How long to wait for each reply of the server.
    public var replyTimeout: Duration

    public init(
        host: String, port: Int, security: Security, username: String? = nil, password: String? = nil,
        trustedCAFile: String? = nil, heloName: String = ProcessInfo.processInfo.hostName,
        connectTimeout: Duration = .seconds(10), replyTimeout: Duration = .seconds(60)
    ) {
        self.host = host
        self.port = port
        self.security = security
        self.username = username
        self.password = password
        self.trustedCAFile = trustedCAFile
        self.heloName = heloName.isEmpty ? "localhost" : heloName
        self.connectTimeout = connectTimeout
        self.replyTimeout = replyTimeout
    }

    /// Parses an `smtp://` URL. The default port follows the security: 587 for STARTTLS (the default),
    /// 465 for implicit TLS, 25 for none. `ca=PATH` names a CA file to trust.
    public init(url text: String) throws(SMTPConfigurationError) {
        guard let components = URLComponents(string: text), components.scheme == "smtp" || components.scheme == "smtps",
            let host = components.host, !host.isEmpty
        else { throw SMTPConfigurationError(message: "expected smtp://user:password@host:port?tls=starttls|implicit|none") }
        let items = components.queryItems ?? []
        let tls = items.last(where: { $0.name == "tls" })?.value ?? (components.scheme == "smtps" ? "implicit" : "starttls")
        guard let security = Security(rawValue: tls.lowercased()) else {
            throw SMTPConfigurationError(message: "tls must be starttls, implicit or none, not '\(tls)'")
        }
        let defaultPort =
            switch security {
            case .startTLS: 587
            case .implicitTLS: 465
            case .none: 25
            }
        self.init(
            host: host, port: components.port ?? defaultPort, security: security,
            username: components.user?.removingPercentEncoding, password: components.password?.removingPercentEncoding,
            trustedCAFile: items.last(where: { $0.name == "ca" })?.value)
    }
}

public struct SMTPConfigurationError: Error, Equatable, CustomStringConvertible {
    public let message: String
    public var description: String { "invalid SMTP URL: \(message)" }
}
