import Foundation

/// An email address with an optional display name. Addresses that could smuggle headers are refused.
public struct EmailAddress: Sendable, Equatable, CustomStringConvertible {
    public let address: String
    public let name: String?

    public init(_ address: String, name: String? = nil) throws(EmailAddressError) {
        let trimmed = address.trimmingCharacters(in: .whitespaces)
        let forbidden = CharacterSet(charactersIn: "<>\r\n\"(),;: \t")
        let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, trimmed.utf8.count <= 254,
            trimmed.rangeOfCharacter(from: forbidden) == nil
        else { throw EmailAddressError(address: address) }
        if let name, name.contains(where: { $0 == "\r" || $0 == "\n" }) { throw EmailAddressError(address: address) }
        self.address = trimmed
        self.name = name.flatMap { $0.isEmpty ? nil : $0 }
    }

    public var description: String { address }
}

public struct EmailAddressError: Error, Equatable, CustomStringConvertible {
    public let address: String
    public var description: String { "not a usable email address: '\(address)'" }
}

/// A message with a plain-text and an HTML part (multipart/alternative).
public struct EmailMessage: Sendable, Equatable {
    public var from: EmailAddress
    public var to: [EmailAddress]
    public var replyTo: EmailAddress?
    public var subject: String
    public var text: String
    public var html: String?
    /// Stable across retries, so a receiver can tell a resent message from a new one.
    public var messageID: String

    public init(
        from: EmailAddress, to: [EmailAddress], replyTo: EmailAddress? = nil, subject: String, text: String,
        html: String? = nil, messageID: String? = nil
    ) {
        self.from = from
        self.to = to
        self.replyTo = replyTo
        self.subject = subject
        self.text = text
        self.html = html
        let domain = from.address.split(separator: "@").last.map(String.init) ?? "localhost"
        self.messageID = messageID ?? "<\(UUID().uuidString.lowercased())@\(domain)>"
    }
}

extension EmailAddress {
    /// Reads `Name <address>` or a bare address.
    public static func parse(_ text: String) throws(EmailAddressError) -> EmailAddress {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") else { return try EmailAddress(trimmed) }
        let name = trimmed[..<open].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        let address = trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]
        return try EmailAddress(String(address), name: name.isEmpty ? nil : name)
    }
}
