/// What clients send as a password: the MD5 of the user's password as 32 hex characters. The server never
/// sees the password itself; it stores a strong hash of this string.
public enum PasswordDigest {
    /// The digest lower-cased, or nil when it is not 32 hex characters.
    public static func normalized(_ raw: String) -> String? {
        guard raw.utf8.count == 32, raw.utf8.allSatisfy({ $0.isHexDigit }) else { return nil }
        return raw.lowercased()
    }
}

extension UInt8 {
    fileprivate var isHexDigit: Bool {
        (0x30...0x39).contains(self) || (0x41...0x46).contains(self) || (0x61...0x66).contains(self)
    }
}
