import CosyncAuthCore
import FluentKit
import Foundation
import SQLKit

/// Key rotation: the app row holds the key pair that signs; `app_retiring_keys` the public keys it
/// replaced, until they retire.
extension FluentAuthStore {
    func retiringKeys(appId: UUID, now: Date) async throws -> [RetiringKey] {
        try await sql.raw(
            """
            SELECT public_key, retires_at FROM app_retiring_keys
            WHERE app_id = \(bind: appId) AND retires_at > \(bind: now) ORDER BY retires_at DESC
            """
        ).all().map {
            RetiringKey(
                publicKeyPEM: try $0.decode(column: "public_key", as: String.self), retiresAt: try $0.decode(column: "retires_at", as: Date.self))
        }
    }

    func rotateKey(appId: UUID, from old: String, to new: String, sealedPrivateKey: String, retireOldAt: Date, now: Date) async throws -> Bool {
        try await database.transaction { tx in
            let sql = tx as! any SQLDatabase
            // Conditional on the key being the one the caller read: of two rotations at once, one wins and
            // the other changes nothing, so no replaced key is lost from the JWKS.
            let rows = try await sql.raw(
                """
                UPDATE apps SET public_key = \(bind: new), sealed_private_key = \(bind: sealedPrivateKey), updated_at = \(bind: now)
                WHERE id = \(bind: appId) AND public_key = \(bind: old) RETURNING id
                """
            ).all()
            guard !rows.isEmpty else { return false }
            if retireOldAt > now {
                try await sql.raw(
                    """
                    INSERT INTO app_retiring_keys (id, app_id, public_key, retires_at, created_at)
                    VALUES (\(bind: UUID()), \(bind: appId), \(bind: old), \(bind: retireOldAt), \(bind: now))
                    """
                ).run()
            }
            return true
        }
    }
}
