import Foundation

/// GET jwks: an app's public keys as a JWK Set, for backends that verify user JWTs with a standard
/// library instead of a pasted PEM. Public by nature; the app id is enough.
extension AccountService {
    public func publicKeySet(appId rawAppId: String) async throws -> JSONValue {
        guard let id = UUID(uuidString: rawAppId.trimmingCharacters(in: .whitespaces)), let app = try await store.app(id: id) else {
            throw AuthError.invalid("no app with this appId")
        }
        let retiring = try await store.retiringKeys(appId: app.id, now: now()).map(\.publicKeyPEM)
        return try signer.keySet(publicKeyPEMs: [app.publicKeyPEM] + retiring)
    }
}
