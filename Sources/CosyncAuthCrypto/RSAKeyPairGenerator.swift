public import CosyncAuthCore
import CryptoExtras
public import NIOPosix

/// Each app's RSA key pair for RS256 user JWTs: PKCS#1 private key, SubjectPublicKeyInfo public key.
/// Generation takes tens of milliseconds of CPU (far more in debug builds), so it runs on the thread pool
/// the host keeps for such work, never on an event loop or a concurrency thread.
public struct RSAKeyPairGenerator: KeyPairGenerator {
    private let pool: NIOThreadPool

    public init(pool: NIOThreadPool) {
        self.pool = pool
    }

    public func makeKeyPair() async throws -> (privateKeyPEM: String, publicKeyPEM: String) {
        try await pool.runIfActive {
            let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
            return (key.pemRepresentation, key.publicKey.pemRepresentation)
        }
    }

    public func keyId(publicKeyPEM: String) throws -> String {
        try PublicJWK.kid(publicKeyPEM: publicKeyPEM)
    }

    public func keyPair(privateKeyPEM: String) throws -> (privateKeyPEM: String, publicKeyPEM: String) {
        let key = try _RSA.Signing.PrivateKey(pemRepresentation: privateKeyPEM)
        guard key.keySizeInBits >= 2048 else { throw KeyImportError.tooShort(key.keySizeInBits) }
        return (privateKeyPEM, key.publicKey.pemRepresentation)
    }
}

public enum KeyImportError: Error, CustomStringConvertible {
    case tooShort(Int)

    public var description: String {
        switch self {
        case .tooShort(let bits): "the RSA key has \(bits) bits; at least 2048 are required"
        }
    }
}
