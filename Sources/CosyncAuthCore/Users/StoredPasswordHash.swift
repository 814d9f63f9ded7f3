/// The password hashes a user record may hold: this host's argon2id, or bcrypt brought by an import from
/// an original CoSync host (verified at login, then replaced).
public enum StoredPasswordHash {
    public static func isBcrypt(_ hash: String) -> Bool {
        (hash.hasPrefix("$2a$") || hash.hasPrefix("$2b$") || hash.hasPrefix("$2y$")) && hash.utf8.count == 60
    }

    public static func isRecognized(_ hash: String) -> Bool {
        hash.hasPrefix("$argon2id$") || isBcrypt(hash)
    }
}
