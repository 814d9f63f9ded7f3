/// Phone numbers in E.164, as SMS providers take them: `+`, a country code not starting with 0, 8 to 15
/// digits in all. Spaces, dashes and brackets that people type are dropped. A leading space stands for
/// the `+`: the Swift client builds form bodies with URLComponents, which leaves `+` as is, and form
/// decoding reads it as a space.
public enum E164 {
    public static func normalized(_ raw: String) -> String? {
        let typed = raw.first == " " ? "+" + raw.drop { $0 == " " } : raw
        let phone = typed.filter { !$0.isWhitespace && $0 != "-" && $0 != "(" && $0 != ")" && $0 != "." }
        guard phone.hasPrefix("+"), phone.count >= 9, phone.count <= 16 else { return nil }
        let digits = phone.dropFirst()
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }), digits.first != "0" else { return nil }
        return phone
    }
}
