import CCrypt
public import CosyncAuthCore
public import NIOPosix

/// Passwords as this host hashes them (argon2id), plus the bcrypt hashes users bring from a CoSync host
/// they were imported from. A bcrypt hash is only ever verified, through libxcrypt's `crypt_r`, and
/// reported as needing a rehash, so the first successful login replaces it with argon2id.
public struct ImportedHashAwareHasher: PasswordHasher {
    let current: any PasswordHasher
    let pool: NIOThreadPool

    public init(current: any PasswordHasher, pool: NIOThreadPool) {
        self.current = current
        self.pool = pool
    }

    public func hash(_ password: String) async throws -> String {
        try await current.hash(password)
    }

    public func verify(_ password: String, against hash: String) async throws -> Bool {
        guard StoredPasswordHash.isBcrypt(hash) else { return try await current.verify(password, against: hash) }
        return try await pool.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    public func needsRehash(_ hash: String) -> Bool {
        StoredPasswordHash.isBcrypt(hash) || current.needsRehash(hash)
    }

    public var decoyHash: String { current.decoyHash }
}

/// bcrypt verification (`$2a$`, `$2b$`, `$2y$`) by libxcrypt.
public enum Bcrypt {
    /// Whether `password` hashes to `hash`; compared in constant time. Blocking (tens of milliseconds):
    /// call it off the concurrency pool.
    public static func verify(_ password: String, hash: String) -> Bool {
        guard StoredPasswordHash.isBcrypt(hash), !password.utf8.contains(0) else { return false }
        var data = crypt_data()
        let computed: String? = withUnsafeMutablePointer(to: &data) { pointer in
            password.withCString { pw in
                hash.withCString { setting in
                    guard let out = crypt_r(pw, setting, pointer) else { return nil }
                    return String(cString: out)
                }
            }
        }
        // libxcrypt answers a string starting with "*" when the setting is malformed.
        guard let computed, !computed.hasPrefix("*") else { return false }
        return RandomToken.constantTimeEquals(computed, hash)
    }
}
