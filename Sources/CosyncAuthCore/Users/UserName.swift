import Foundation

/// User names (when an app enables them) log in in place of the handle. The original took any text,
/// lower-cased and trimmed; this host takes the same within safe bounds: 1 to 64 characters, no `@` (a
/// handle with `@` is an email at login), no control or invisible formatting characters (two names that
/// look alike), no line breaks, and no `anon_` (anonymous handles). Compared lower-cased, in Unicode NFC,
/// the form login gives a handle.
public enum UserName {
    public static let maxLength = 64

    public static func normalized(_ raw: String) -> String? {
        let name =
            raw
            .trimmingCharacters(in: .whitespacesAndNewlines)
            .precomposedStringWithCanonicalMapping
            .lowercased()
        guard (1...maxLength).contains(name.count), name.utf8.count <= 4 * maxLength,
            !name.contains("@"), !name.contains(where: \.isNewline), !Handle.containsHiddenCharacters(name),
            !Handle.isAnonymous(name)
        else { return nil }
        return name
    }

    /// A user name the audit log may keep as an actor: a plain one (letters, digits, `_`, `.`, `-`). A
    /// looser name is allowed, but something with spaces or punctuation typed into the handle field is
    /// as likely a password, which the log must never hold.
    static func plainForAudit(_ raw: String) -> String? {
        guard let name = normalized(raw), name.allSatisfy({ $0.isLetter || $0.isNumber || "_.-".contains($0) }) else { return nil }
        return name
    }

    static let rule = "a user name is 1 to 64 characters, without @, line breaks, invisible characters or anon_"
}
