import CosyncAuthCore
import Crypto
import Foundation

/// The protocol's password: its MD5 in lower-case hex, as every client sends it. The host hashes that
/// with argon2id; the portal only speaks the protocol.
enum PasswordDigest {
    static func md5(_ password: String) -> String {
        HexText.encode(Insecure.MD5.hash(data: Data(password.utf8)))
    }
}
