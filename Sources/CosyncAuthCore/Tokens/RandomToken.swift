import Crypto
public import Foundation

/// Opaque credentials (access tokens, app tokens, secrets): 256 bits from the system CSPRNG
/// (`SystemRandomNumberGenerator` reads getrandom(2) on Linux), base64url without padding.
public enum RandomToken {
    public static func make(prefix: String = "", bytes: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        let raw = (0..<bytes).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return prefix + Data(raw).base64URLEncodedString()
    }

    /// A decimal code of `digits` digits, uniform (no modulo bias: `Int.random(in:)` rejects samples).
    public static func digits(_ digits: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<digits).map { _ in Character(String(Int.random(in: 0...9, using: &generator))) })
    }

    /// What storage keeps of a high-entropy token: its SHA-256, hex. Looking a token up by this digest
    /// needs no constant-time compare: the digest of a guess reveals nothing about stored tokens.
    public static func digest(_ token: String) -> String {
        HexText.encode(SHA256.hash(data: Data(token.utf8)))
    }

    /// Constant-time equality of two strings' bytes (for secrets compared in place).
    public static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in x.indices { diff |= x[i] ^ y[i] }
        return diff == 0
    }
}

extension Data {
    /// Base64url without padding (RFC 4648 §5), as JWTs and JWKs write bytes.
    public init?(base64URLEncoded text: some StringProtocol) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64.append("=") }
        self.init(base64Encoded: base64)
    }

    public func base64URLEncodedString() -> String {
        base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
