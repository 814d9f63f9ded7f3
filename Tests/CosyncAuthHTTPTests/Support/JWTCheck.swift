import CosyncAuthCore
import JWTKit

/// Verifies a user JWT with the public key `app show` prints, as an app's backend would.
struct Claims: JWTPayload {
    var values: [String: JSONValue]

    init(from decoder: any Decoder) throws {
        values = try [String: JSONValue](from: decoder)
    }

    func encode(to encoder: any Encoder) throws {
        try values.encode(to: encoder)
    }

    func verify(using algorithm: some JWTAlgorithm) throws {}
}

func verifiedClaims(_ jwt: String, publicKeyPEM: String) async throws -> [String: JSONValue] {
    let keys = await JWTKeyCollection().add(rsa: try Insecure.RSA.PublicKey(pem: publicKeyPEM), digestAlgorithm: .sha256)
    return try await keys.verify(jwt, as: Claims.self).values
}
