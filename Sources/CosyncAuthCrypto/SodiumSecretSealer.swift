import CSodium
public import CosyncAuthCore
import Foundation

/// Secrets at rest: XChaCha20-Poly1305 (libsodium) under the host's 256-bit master key. A sealed value is
/// `v1.` + base64(nonce ‖ ciphertext ‖ tag); the random 192-bit nonce makes reuse negligible.
public struct SodiumSecretSealer: SecretSealer {
    private let key: [UInt8]

    public init(masterKey: MasterKey) {
        Sodium.ensureReady()
        key = masterKey.bytes
    }

    public func seal(_ plaintext: String) throws -> String {
        let message = Array(plaintext.utf8)
        var nonce = [UInt8](repeating: 0, count: Int(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES))
        randombytes_buf(&nonce, nonce.count)
        var sealed = [UInt8](repeating: 0, count: message.count + Int(crypto_aead_xchacha20poly1305_ietf_ABYTES))
        var sealedLength: UInt64 = 0
        let rc = crypto_aead_xchacha20poly1305_ietf_encrypt(
            &sealed, &sealedLength, message, UInt64(message.count), nil, 0, nil, nonce, key)
        guard rc == 0 else { throw SealError.cannotSeal }
        return "v1." + Data(nonce + sealed.prefix(Int(sealedLength))).base64EncodedString()
    }

    public func open(_ sealed: String) throws -> String {
        let nonceLength = Int(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES)
        guard sealed.hasPrefix("v1."), let data = Data(base64Encoded: String(sealed.dropFirst(3))),
            data.count >= nonceLength + Int(crypto_aead_xchacha20poly1305_ietf_ABYTES)
        else { throw SealError.malformed }
        let bytes = [UInt8](data)
        let nonce = Array(bytes[..<nonceLength])
        let box = Array(bytes[nonceLength...])
        var message = [UInt8](repeating: 0, count: box.count)
        var messageLength: UInt64 = 0
        let rc = crypto_aead_xchacha20poly1305_ietf_decrypt(
            &message, &messageLength, nil, box, UInt64(box.count), nil, 0, nonce, key)
        guard rc == 0 else { throw SealError.wrongKey }
        return String(decoding: message.prefix(Int(messageLength)), as: UTF8.self)
    }
}

public enum SealError: Error, CustomStringConvertible {
    case cannotSeal
    case malformed
    case wrongKey

    public var description: String {
        switch self {
        case .cannotSeal: "could not encrypt a secret"
        case .malformed: "a stored secret is not in the expected format"
        case .wrongKey: "a stored secret does not open with this master key (is COSYNC_MASTER_KEY the one the database was created with?)"
        }
    }
}
