import Foundation

/// A user's handle as stored: trimmed and lower-cased, since handles compare case-insensitively.
public enum Handle {
    /// In UTF-8 bytes, as a mail address is limited: characters would let one handle weigh kilobytes.
    public static let maxLength = 254

    /// The stored form of a handle received from a client, or nil when it is empty, too long or holds
    /// control or invisible formatting characters. Unicode NFC, so that the same address typed on two
    /// keyboards (a precomposed é or e + accent) is one handle. A literal `%2B` left in a decoded handle
    /// comes from a client that escaped the `%` twice; it means `+`.
    public static func normalized(_ raw: String) -> String? {
        let handle =
            raw
            .replacingOccurrences(of: "%2B", with: "+", options: .caseInsensitive)
            .trimmingCharacters(in: .whitespacesAndNewlines)
            .precomposedStringWithCanonicalMapping
            .lowercased()
        guard !handle.isEmpty, handle.utf8.count <= maxLength, !containsHiddenCharacters(handle) else { return nil }
        return handle
    }

    /// Control characters, and format characters (zero-width spaces and joiners, bidirectional
    /// overrides) that make two handles look alike or one read backwards.
    static func containsHiddenCharacters(_ text: String) -> Bool {
        text.unicodeScalars.contains { scalar in
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator, .privateUse, .surrogate, .unassigned: true
            default: false
            }
        }
    }

    /// What the audit log may name as the actor: a handle that can be an account (an email, an
    /// anonymous id, or a user name where the app has them). Anything else, such as a password typed
    /// into the handle field, is recorded as malformed and never kept.
    public static func auditable(_ raw: String, userNames: Bool) -> String? {
        if let anonymous = anonymous(raw) { return anonymous }
        guard let handle = normalized(raw) else { return nil }
        if isEmail(handle) { return handle }
        return userNames ? UserName.plainForAudit(handle) : nil
    }

    /// Emails are what signups register: something@domain, without spaces or the characters that
    /// would need quoting in a mail header.
    public static func isEmail(_ handle: String) -> Bool {
        let parts = handle.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty,
            !handle.contains(where: { $0.isWhitespace || $0.isNewline || "<>()[],;:\\\"".contains($0) })
        else { return false }
        return true
    }

    /// Whether a handle looks anonymous in any case; such handles are never registered by signup.
    public static func isAnonymous(_ handle: String) -> Bool {
        handle.lowercased().contains("anon_")
    }

    /// An anonymous handle as stored: the client's own id with the `ANON_` marker, kept in its case,
    /// because it is opaque and becomes the JWT's `sub`, which backends test for `ANON_`.
    public static func anonymous(_ raw: String) -> String? {
        let handle = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard handle.contains("ANON_"), handle.utf8.count <= maxLength, !containsHiddenCharacters(handle) else {
            return nil
        }
        return handle
    }
}
