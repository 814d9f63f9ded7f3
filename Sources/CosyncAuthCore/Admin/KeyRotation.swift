import Foundation

/// An app's signing keys and their rotation (`cosync-auth app rotate-key`, `POST /api/app/rotateKey`).
/// A rotation makes a new key pair that signs from then on; the old public key stays in the app's JWKS
/// for a grace period, the JWT lifetime by default, so every JWT it signed still verifies until it has
/// expired anyway. The old private key is gone at once: nothing can sign with it any more.
extension AppAdministration {
    public func signingKeys(app idOrName: String) async throws -> [SigningKey] {
        try await signingKeys(of: try await findApp(idOrName))
    }

    func signingKeys(of app: App) async throws -> [SigningKey] {
        let current = SigningKey(kid: try keys.keyId(publicKeyPEM: app.publicKeyPEM), publicKeyPEM: app.publicKeyPEM, retiresAt: nil)
        let retiring = try await store.retiringKeys(appId: app.id, now: now()).map {
            SigningKey(kid: try keys.keyId(publicKeyPEM: $0.publicKeyPEM), publicKeyPEM: $0.publicKeyPEM, retiresAt: $0.retiresAt)
        }
        return [current] + retiring
    }

    /// Rotates the app's key pair; `graceHours` (default: the app's JWT lifetime) is how long the old
    /// public key stays published. Answers the keys after the rotation, the new one first.
    public func rotateKey(app idOrName: String, graceHours: Int? = nil) async throws -> [SigningKey] {
        let app = try await findApp(idOrName)
        let hours = graceHours ?? app.settings.userJWTExpiration
        guard (0...87_600).contains(hours) else { throw AdminFailure.invalidSetting("the grace period is 0 to 87600 hours") }
        let pair = try await keys.makeKeyPair()
        let time = now()
        let replaced = try await store.rotateKey(
            appId: app.id, from: app.publicKeyPEM, to: pair.publicKeyPEM, sealedPrivateKey: try sealer.seal(pair.privateKeyPEM),
            retireOldAt: time.addingTimeInterval(Double(hours) * 3600), now: time)
        guard replaced else { throw AdminFailure.conflict("the app's key changed meanwhile (another rotation); try again") }
        await audit.record(.appKeyRotate, app: app.id, actor: nil, detail: "old key published for \(hours) h")
        var rotated = app
        rotated.publicKeyPEM = pair.publicKeyPEM
        return try await signingKeys(of: rotated)
    }
}
