import Foundation

/// A page's form as a browser would submit it: its hidden fields, encoded as
/// `application/x-www-form-urlencoded`.
public enum HTMLForm {
    /// The hidden inputs of `html`, in order, with their values' entities decoded.
    public static func hiddenFields(in html: String) -> [(name: String, value: String)] {
        html.matches(of: /<input type="hidden" name="([^"]*)" value="([^"]*)">/).map { match in
            (String(match.output.1), unescape(String(match.output.2)))
        }
    }

    /// What a browser sends for these fields: everything but unreserved characters percent-encoded.
    public static func body(_ fields: [(name: String, value: String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        func encode(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text }
        return fields.map { "\(encode($0.name))=\(encode($0.value))" }.joined(separator: "&")
    }

    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
