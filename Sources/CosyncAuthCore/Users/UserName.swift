import Foundation

/// User names (when an app enables them) log in in place of the handle, so they must never look like an
/// email: 3 to 64 ASCII letters, digits and `_`, starting with a letter, compared lower-cased.
public enum UserName {
    public static func normalized(_ raw: String) -> String? {
        let name = raw.trimmingCharacters(in: .whitespaces).lowercased()
        guard (3...64).contains(name.utf8.count),
              let first = name.first, first.isASCII, first.isLetter,
              name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") })
        else { return nil }
        return name
    }
}
