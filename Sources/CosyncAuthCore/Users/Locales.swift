import Foundation

/// Locales are upper-case ISO 639-1 codes ("EN", "FR"), as the clients send them.
public enum Locales {
    public static let fallback = "EN"

    /// The code upper-cased, or nil when it is not two ASCII letters.
    public static func normalized(_ value: String) -> String? {
        let code = value.trimmingCharacters(in: .whitespaces).uppercased()
        guard code.count == 2, code.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
        return code
    }
}
