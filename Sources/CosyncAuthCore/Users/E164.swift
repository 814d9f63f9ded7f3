/// Phone numbers in E.164, as SMS providers take them: `+`, a country code not starting with 0, 8 to 15
/// digits in all. Spaces, dashes and brackets that people type are dropped.
public enum E164 {
    public static func normalized(_ raw: String) -> String? {
        let phone = raw.filter { !$0.isWhitespace && $0 != "-" && $0 != "(" && $0 != ")" && $0 != "." }
        guard phone.hasPrefix("+"), phone.count >= 9, phone.count <= 16 else { return nil }
        let digits = phone.dropFirst()
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }), digits.first != "0" else { return nil }
        return phone
    }
}
