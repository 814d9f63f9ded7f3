public import Foundation

/// A slow, salted password hash (argon2id in production). Hashing must not block the caller's event loop.
public protocol PasswordHasher: Sendable {
    func hash(_ password: String) async throws -> String
    func verify(_ password: String, against hash: String) async throws -> Bool
    /// Whether a hash was made with weaker parameters (or another algorithm) than the current ones.
    func needsRehash(_ hash: String) -> Bool
    /// A real hash of a random password, verified against when a login names no user, so that the
    /// answer's timing does not tell which handles exist.
    var decoyHash: String { get }
    /// Runs a request that will hash (a login) only if a hash could start soon: an overloaded host
    /// refuses it here, before it has read or written anything, rather than after it has counted a
    /// throttle and logged an attempt it then cannot serve.
    func admitting<T: Sendable>(_ work: () async throws -> T) async throws -> T
}

extension PasswordHasher {
    public func admitting<T: Sendable>(_ work: () async throws -> T) async throws -> T { try await work() }
}

/// Signs user JWTs with the app's own RSA key.
public protocol UserJWTSigner: Sendable {
    /// A JWT whose header names the signing key (`kid`).
    func sign(_ claims: [String: JSONValue], for app: App) async throws -> String
    /// Public keys as a JWK Set (RFC 7517), each with its `kid`, for backends that verify user JWTs.
    func keySet(publicKeyPEMs: [String]) throws -> JSONValue
}

/// Encrypts secrets at rest with the host's master key.
public protocol SecretSealer: Sendable {
    func seal(_ plaintext: String) throws -> String
    func open(_ sealed: String) throws -> String
}

/// Makes an app's RSA key pair, as PEM. Slow CPU work: it must not run on the caller's thread.
public protocol KeyPairGenerator: Sendable {
    /// The id (`kid`) of a public key: the same for the same key, wherever it is computed.
    func keyId(publicKeyPEM: String) throws -> String
    func makeKeyPair() async throws -> (privateKeyPEM: String, publicKeyPEM: String)
    /// The key pair of an RSA private key brought from elsewhere (PKCS#1 or PKCS#8 PEM); throws when it
    /// is not a usable RSA signing key.
    func keyPair(privateKeyPEM: String) throws -> (privateKeyPEM: String, publicKeyPEM: String)
}

/// Digests short codes (6 digits) with a key of the host's, so that a copy of the database alone does not
/// give the codes away by trying all million of them.
public protocol CodeHasher: Sendable {
    /// The digest of `code` for the record `salt`; equal codes of different records differ.
    func digest(_ code: String, salt: UUID) -> String
}
