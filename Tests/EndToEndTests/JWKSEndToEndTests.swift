import CosyncTestSupport
import Foundation
import Testing

/// A backend verifies user JWTs with a standard library, PyJWT, given nothing but the JWKS address: before
/// and after `app rotate-key`, JWTs of the old and the new key both verify; a forged one does not.
@Suite("JWKS end to end")
struct JWKSEndToEndTests {
    /// PyJWT's own key-set client fetches the JWKS and picks the key by the token's `kid`.
    static let verifier = #"""
        import sys, jwt
        url = sys.argv[1]
        client = jwt.PyJWKClient(url, cache_keys=False)
        for token in sys.argv[2:]:
            try:
                key = client.get_signing_key_from_jwt(token)
                claims = jwt.decode(token, key.key, algorithms=["RS256"], audience="none")
                print("ok", claims["sub"])
            except Exception as error:
                print("refused", type(error).__name__)
        """#

    @Test func pyJWTVerifiesThroughTheJWKSAcrossARotation() async throws {
        let dir = try TestEnvironment.directory("cosync-jwks")
        let env = TestEnvironment.base()
        let secret = try #require(try await Binary.run(["init", "--json"], environment: env, in: dir).json?["serverSecret"] as? String)
        let created = try #require(try await Binary.run(["app", "create", "JWKS App", "--json"], environment: env, in: dir).json)
        let token = try #require(created["appToken"] as? String)
        let appId = try #require(created["appId"] as? String)
        _ = try await Binary.run(["app", "set", "JWKS App", "signupFlow", "none"], environment: env, in: dir)
        let host = try HostProcess(environment: env, in: dir)
        try await host.waitUntilHealthy()
        let api = APIClient(baseURL: host.baseURL, appToken: token)

        let before = try #require(try await api.swiftForm("/api/appuser/signup", [("handle", "py@example.com"), ("password", md5("pw"))])["jwt"])
        let rotated = try await Binary.run(["app", "rotate-key", "JWKS App", "--host", host.baseURL, "--secret", secret], environment: env, in: dir)
        #expect(rotated.status == 0, "\(rotated.stderr)")
        #expect(rotated.stdout.contains("signing") && rotated.stdout.contains("published until"), "\(rotated.stdout)")
        let after = try #require(try await api.swiftForm("/api/appuser/login", [("handle", "py@example.com"), ("password", md5("pw"))])["jwt"])
        var forged = after.split(separator: ".").map(String.init)
        forged[1] = before.split(separator: ".").map(String.init)[1]

        let url = "\(host.baseURL)/.well-known/jwks/\(appId).json"
        let result = try await ChildProcess.run("/usr/bin/python3", ["-c", Self.verifier, url, before, after, forged.joined(separator: ".")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout.split(separator: "\n") == ["ok py@example.com", "ok py@example.com", "refused InvalidSignatureError"],
            "\(result.stdout) \(result.stderr)")

        let shown = try await Binary.run(["app", "show", "JWKS App"], environment: env, in: dir)
        #expect(shown.stdout.components(separatedBy: "key:").count == 3, "both keys listed: \(shown.stdout)")
        #expect(try await host.terminate() == 0)
    }
}
