public import CosyncAuthCore
import CryptoExtras

/// Each app's RSA key pair for RS256 user JWTs: PKCS#1 private key, SubjectPublicKeyInfo public key.
public struct RSAKeyPairGenerator: KeyPairGenerator {
    public init() {}

    public func makeKeyPair() throws -> (privateKeyPEM: String, publicKeyPEM: String) {
        let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        return (key.pemRepresentation, key.publicKey.pemRepresentation)
    }
}
