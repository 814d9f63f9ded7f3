import Foundation

/// Which users an operator's search text finds. A prefix walks the handle and user-name indexes, so
/// it costs the same with a million users as with a thousand; a part found anywhere in a handle (a
/// mail domain, say) has to read every user of the app.
public enum UserMatch: Sendable, Equatable {
    /// Every user of the app.
    case all
    /// Handles or user names that start with this text, in any case.
    case prefix(String)
    /// Handles or user names that contain this text, in any case.
    case contains(String)

    /// The match for text typed into a search box, trimmed; nothing typed finds everyone.
    public init(text: String, anywhere: Bool) {
        let text = text.trimmingCharacters(in: .whitespaces)
        self = text.isEmpty ? .all : anywhere ? .contains(text.lowercased()) : .prefix(text)
    }

    /// The stored forms a prefix can take, for an index to walk: handles and user names are stored
    /// lower-case, but an anonymous handle keeps its `ANON_` marker upper-case and its id as the client
    /// wrote it (upper-case from the Swift client, lower-case from Kotlin), so a prefix of one is looked
    /// for with the marker upper-cased, and the id as typed and in both cases.
    public static func storedForms(ofPrefix text: String) -> [String] {
        let lower = text.lowercased()
        var forms = [lower]
        let marker = "anon_"
        if lower.hasPrefix(marker) || marker.hasPrefix(lower) {
            let head = String(text.prefix(marker.count)).uppercased()
            let id = String(text.dropFirst(marker.count))
            for form in [head + id, head + id.lowercased(), head + id.uppercased()] where !forms.contains(form) {
                forms.append(form)
            }
        }
        return forms
    }
}
