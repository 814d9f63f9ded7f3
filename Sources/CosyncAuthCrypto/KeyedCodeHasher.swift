import CSodium
public import CosyncAuthCore
public import Foundation

/// Code digests as keyed BLAKE2b (libsodium `crypto_generichash`) under a subkey of the master key, so a
/// stolen database cannot be searched for the million possible codes without the key.
public struct KeyedCodeHasher: CodeHasher {
    private let key: [UInt8]

    public init(masterKey: MasterKey) {
        Sodium.ensureReady()
        var subkey = [UInt8](repeating: 0, count: Int(crypto_generichash_KEYBYTES))
        let context = Array("codehash".utf8).map { CChar(bitPattern: $0) }
        _ = crypto_kdf_derive_from_key(&subkey, subkey.count, 1, context, masterKey.bytes)
        key = subkey
    }

    public func digest(_ code: String, salt: UUID) -> String {
        let input = Array("\(salt.uuidString.lowercased()):\(code)".utf8)
        var out = [UInt8](repeating: 0, count: 32)
        crypto_generichash(&out, out.count, input, UInt64(input.count), key, key.count)
        return HexText.encode(out)
    }
}
