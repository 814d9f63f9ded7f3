import Foundation

/// A user's handle as stored: trimmed and lower-cased, since handles compare case-insensitively.
public enum Handle {
    public static let maxLength = 254

    /// The stored form of a handle received from a client, or nil when it is empty or too long.
    /// A literal `%2B` left in a decoded handle comes from a client that escaped the `%` twice; it means `+`.
    public static func normalized(_ raw: String) -> String? {
        let handle = raw
            .replacingOccurrences(of: "%2B", with: "+", options: .caseInsensitive)
            .trimmingCharacters(in: .whitespacesAndNewlines)
            .lowercased()
        guard !handle.isEmpty, handle.count <= maxLength, !handle.contains(where: { $0.isNewline }) else { return nil }
        return handle
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
        guard handle.contains("ANON_"), handle.count <= maxLength, !handle.contains(where: { $0.isNewline }) else {
            return nil
        }
        return handle
    }
}
