import Foundation

/// A code as the user typed it, as the host compares it. Codes are six digits and may start with 0; a
/// client that sends one as a JSON number loses the leading zeros, which are put back here.
public enum CodeText {
    public static func normalized(_ raw: String, digits: Int = 6) -> String {
        let code = raw.trimmingCharacters(in: .whitespaces)
        guard (1..<digits).contains(code.count), code.allSatisfy({ $0.isASCII && $0.isNumber }) else { return code }
        return String(repeating: "0", count: digits - code.count) + code
    }
}
