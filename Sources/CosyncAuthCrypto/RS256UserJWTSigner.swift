public import CosyncAuthCore
import Foundation
import JWTKit

/// Signs user JWTs with the app's private key. Opening a sealed key and parsing its PEM costs more than the
/// signature, so each app's signer is kept once made.
public actor RS256UserJWTSigner: UserJWTSigner {
    private let store: any AppRepository
    private let sealer: any SecretSealer
    private var signers: [UUID: (publicKeyPEM: String, kid: JWKIdentifier, keys: JWTKeyCollection)] = [:]

    public init(store: any AppRepository, sealer: any SecretSealer) {
        self.store = store
        self.sealer = sealer
    }

    public func sign(_ claims: [String: JSONValue], for app: App) async throws -> String {
        let (kid, keys) = try await keys(for: app)
        return try await keys.sign(DynamicClaims(claims: claims), kid: kid)
    }

    public nonisolated func keySet(publicKeyPEMs: [String]) throws -> JSONValue {
        .object(["keys": .array(try publicKeyPEMs.map { try PublicJWK.rs256(publicKeyPEM: $0) })])
    }

    private func keys(for app: App) async throws -> (JWKIdentifier, JWTKeyCollection) {
        // Keyed by the public key too, so a replaced key pair is never signed with from the cache.
        if let cached = signers[app.id], cached.publicKeyPEM == app.publicKeyPEM { return (cached.kid, cached.keys) }
        guard let sealed = try await store.sealedSecrets(appId: app.id) else { throw SigningError.noKey }
        let privateKey = try Insecure.RSA.PrivateKey(pem: try sealer.open(sealed.privateKeyPEM))
        // The key pair read with the app: a rotation between reading the app and its secrets would pair
        // the new private key with the old public key's kid.
        let publicKeyPEM = privateKey.publicKey.pemRepresentation
        let kid = JWKIdentifier(string: try PublicJWK.kid(publicKeyPEM: publicKeyPEM))
        let keys = await JWTKeyCollection().add(rsa: privateKey, digestAlgorithm: .sha256, kid: kid)
        signers[app.id] = (app.publicKeyPEM, kid, keys)
        return (kid, keys)
    }

    public enum SigningError: Error {
        case noKey
    }
}

/// A JWT payload whose claims are known only at run time (metadata keys become claims).
struct DynamicClaims: JWTPayload {
    var claims: [String: JSONValue]

    init(claims: [String: JSONValue]) {
        self.claims = claims
    }

    init(from decoder: any Decoder) throws {
        claims = try [String: JSONValue](from: decoder)
    }

    func encode(to encoder: any Encoder) throws {
        try claims.encode(to: encoder)
    }

    func verify(using algorithm: some JWTAlgorithm) throws {}
}
