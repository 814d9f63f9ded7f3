import CosyncAuthCore
import CosyncAuthHost
import CosyncHostTestSupport
import Foundation
import HTTPTypes
import JWTKit
import Testing

/// The app's public keys as a JWK Set, the `kid` in every user JWT, and key rotation: during the grace
/// period JWTs of the old and the new key both verify through the JWKS; after it, only the new.
@Suite("user JWTs: JWKS and key rotation")
struct KeyRotationTests {
    /// Verifies `jwt` the way a backend with a JWT library does: through the app's JWKS, by `kid`.
    func verifyThroughJWKS(_ t: TestHost, _ jwt: String) async throws -> Bool {
        let set = try await t.get("/api/appuser/jwks?appId=\(t.app.id.uuidString)")
        let keys = try await JWTKeyCollection().add(jwksJSON: set.text)
        return (try? await keys.verify(jwt, as: Claims.self)) != nil
    }

    func kid(_ jwt: String) throws -> String? {
        let part = try #require(jwt.split(separator: ".").first)
        let header = try #require(Data(base64URLEncoded: part))
        return JSONValue(jsonText: String(decoding: header, as: UTF8.self))?.objectValue?["kid"]?.stringValue
    }

    @Test(arguments: TestDatabase.allCases)
    func theJWKSNamesTheKeyEveryJWTIsSignedWith(_ db: TestDatabase) async throws {
        try await TestHost.run(db, settings: [("signupFlow", "none")]) { t async throws in
            let signup = try await t.form("/api/appuser/signup", [("handle", "k@example.com"), ("password", md5("pass1234"))], appToken: t.token)
            let jwt = try #require(signup["jwt"])
            let set = try await t.get("/api/appuser/jwks?appId=\(t.app.id.uuidString.lowercased())")
            #expect(set.status == .ok)
            guard case .array(let keys)? = set.json?.objectValue?["keys"] else {
                Issue.record("no keys: \(set.text)")
                return
            }
            #expect(keys.count == 1)
            #expect(try kid(jwt) != nil && keys.first?.objectValue?["kid"]?.stringValue == (try kid(jwt)))
            #expect(keys.first?.objectValue?["d"] == nil, "no private part")
            #expect(try await verifyThroughJWKS(t, jwt))
            let wellKnown = try await t.get("/.well-known/jwks/\(t.app.id.uuidString.lowercased()).json")
            #expect(wellKnown.status == .ok && wellKnown.json == set.json)
            #expect(try await t.get("/api/appuser/jwks?appId=\(UUID().uuidString)").code == 602)
            #expect(try await t.get("/api/appuser/jwks").code == 403)
            #expect(try await t.get("/.well-known/jwks/\(t.app.id.uuidString)").status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func duringTheGracePeriodOldAndNewJWTsVerify(_ db: TestDatabase) async throws {
        try await TestHost.run(db, settings: [("signupFlow", "none")]) { t async throws in
            let before = try #require(
                try await t.form("/api/appuser/signup", [("handle", "r@example.com"), ("password", md5("pass1234"))], appToken: t.token)["jwt"])
            let keys = try await t.host.apps.rotateKey(app: t.app.name)
            #expect(keys.count == 2 && keys[0].retiresAt == nil && keys[1].retiresAt != nil)
            #expect(keys[1].kid == (try kid(before)), "the old key is the one that signed before")
            let login = try await t.form("/api/appuser/login", [("handle", "r@example.com"), ("password", md5("pass1234"))], appToken: t.token)
            let after = try #require(login["jwt"])
            #expect(try kid(after) == keys[0].kid && keys[0].kid != keys[1].kid)
            #expect(try await verifyThroughJWKS(t, before), "the old key's JWT still verifies")
            #expect(try await verifyThroughJWKS(t, after))
            // A backend holding the new PEM verifies new JWTs.
            let app = try await t.host.apps.findApp(t.app.name)
            _ = try await verifiedClaims(after, publicKeyPEM: app.publicKeyPEM)

            // Without a grace period the replaced key leaves the JWKS at once.
            let again = try await t.host.apps.rotateKey(app: t.app.name, graceHours: 0)
            #expect(again.map(\.kid).contains(keys[1].kid), "the first key still has its grace period")
            #expect(!again.map(\.kid).contains(keys[0].kid), "the second went without one")
            #expect(!(try await verifyThroughJWKS(t, after)))
            #expect(try await verifyThroughJWKS(t, before))
        }
    }

    /// Rotations at once: each one that succeeds publishes the key it replaced, none is lost.
    @Test(arguments: TestDatabase.allCases)
    func parallelRotationsLoseNoKey(_ db: TestDatabase) async throws {
        try await TestHost.run(db) { t async throws in
            let original = try await t.host.apps.signingKeys(app: t.app.name)[0].kid
            let outcomes = await withTaskGroup(of: Bool.self) { group in
                for _ in 0..<8 {
                    group.addTask { (try? await t.host.apps.rotateKey(app: t.app.name)) != nil }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            let done = outcomes.filter { $0 }.count
            #expect(done >= 1)
            let keys = try await t.host.apps.signingKeys(app: t.app.name)
            #expect(keys.count == done + 1, "\(done) rotations, \(keys.count) keys")
            #expect(keys.map(\.kid).contains(original))
            #expect(Set(keys.map(\.kid)).count == keys.count)
        }
    }

    /// Retired keys are pruned with the other expired records.
    @Test func retiredKeysArePruned() async throws {
        try await TestHost.run(.sqlite) { t async throws in
            _ = try await t.host.apps.rotateKey(app: t.app.name, graceHours: 1)
            let later = Date().addingTimeInterval(2 * 3600)
            #expect(try await t.host.storage.store.pruneExpired(now: later, cutoff: later) >= 1)
            #expect(try await t.host.apps.signingKeys(app: t.app.name).count == 1)
        }
    }
}
