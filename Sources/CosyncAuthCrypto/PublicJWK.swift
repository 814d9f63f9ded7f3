public import CosyncAuthCore
import Crypto
import Foundation
import JWTKit

/// An RSA public key as a JSON Web Key (RFC 7517), named by its RFC 7638 thumbprint: the same key always
/// has the same `kid`, on every instance and after an export and import, with nothing stored.
public enum PublicJWK {
    /// `{"kty":"RSA","use":"sig","alg":"RS256","kid":…,"n":…,"e":…}`.
    public static func rs256(publicKeyPEM: String) throws -> JSONValue {
        let (n, e) = try modulusAndExponent(publicKeyPEM)
        return .object([
            "kty": .string("RSA"), "use": .string("sig"), "alg": .string("RS256"),
            "kid": .string(thumbprint(n: n, e: e)), "n": .string(n), "e": .string(e),
        ])
    }

    /// The key's id: base64url of SHA-256 over its required members in lexicographic order (RFC 7638).
    public static func kid(publicKeyPEM: String) throws -> String {
        let (n, e) = try modulusAndExponent(publicKeyPEM)
        return thumbprint(n: n, e: e)
    }

    static func thumbprint(n: String, e: String) -> String {
        Data(SHA256.hash(data: Data(#"{"e":"\#(e)","kty":"RSA","n":"\#(n)"}"#.utf8))).base64URLEncodedString()
    }

    static func modulusAndExponent(_ pem: String) throws -> (n: String, e: String) {
        let (modulus, exponent) = try Insecure.RSA.PublicKey(pem: pem).getKeyPrimitives()
        // Unsigned big-endian integers without leading zeros (RFC 7518 §6.3.1).
        func unsigned(_ data: Data) -> Data { Data(data.drop(while: { $0 == 0 })) }
        return (unsigned(modulus).base64URLEncodedString(), unsigned(exponent).base64URLEncodedString())
    }
}
