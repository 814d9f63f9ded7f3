import CosyncAuthCore
import CosyncAuthCrypto
import Crypto
import Foundation
import Hummingbird
import JWTKit
import NIOPosix
import Synchronization

/// Apple and Google as the host sees them: each publishes a key set (`GET /apple/keys`, `/google/keys`)
/// with a Cache-Control max-age, and signs ID tokens with its private keys. Tests count the fetches,
/// rotate keys, take the provider down, and forge tokens of every kind.
final class ProviderStandIn: Sendable {
    struct Key: Sendable {
        let kid: String
        let privateKeyPEM: String
        let publicKeyPEM: String
    }

    struct State: Sendable {
        var published: [SocialProvider: [Key]] = [:]
        var fetches: [SocialProvider: Int] = [:]
        var down = false
        var maxAge = 3_600
    }

    let state: Mutex<State>
    let port: Int

    static let bundleId = "com.example.app"
    static let clientId = "1234-example.apps.googleusercontent.com"

    private init(port: Int, state: consuming Mutex<State>) {
        self.port = port
        self.state = state
    }

    var appleKeysURL: String { "http://127.0.0.1:\(port)/apple/keys" }
    var googleKeysURL: String { "http://127.0.0.1:\(port)/google/keys" }

    func fetches(_ provider: SocialProvider) -> Int { state.withLock { $0.fetches[provider, default: 0] } }
    func setDown(_ down: Bool) { state.withLock { $0.down = down } }

    /// Runs `body` with a stand-in publishing one fresh key per provider.
    static func run<T: Sendable>(_ body: @Sendable (ProviderStandIn) async throws -> T) async throws -> T {
        let bound = AsyncStream<Int>.makeStream()
        let standIn = Box()
        let router = Router()
        for provider in SocialProvider.allCases {
            router.get("\(provider.rawValue)/keys") { _, _ -> Response in
                guard let me = standIn.value else { return Response(status: .serviceUnavailable) }
                let (down, keys, maxAge) = me.state.withLock { s in
                    s.fetches[provider, default: 0] += 1
                    return (s.down, s.published[provider] ?? [], s.maxAge)
                }
                guard !down else { return Response(status: .serviceUnavailable) }
                let set = JSONValue.object(["keys": .array(try keys.map { try PublicJWK.rs256(publicKeyPEM: $0.publicKeyPEM) })])
                var response = Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: set.jsonText)))
                response.headers[.contentType] = "application/json"
                response.headers[.cacheControl] = "public, max-age=\(maxAge), must-revalidate"
                return response
            }
        }
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                bound.continuation.yield(channel.localAddress?.port ?? 0)
                bound.continuation.finish()
            })
        let server = Task { try await app.runService(gracefulShutdownSignals: []) }
        defer { server.cancel() }
        var ports = bound.stream.makeAsyncIterator()
        guard let port = await ports.next(), port > 0 else { throw StandInError.notStarted }
        let me = ProviderStandIn(port: port, state: Mutex(State()))
        standIn.value = me
        for provider in SocialProvider.allCases { try await me.rotate(provider, keep: false) }
        return try await body(me)
    }

    /// Keys are made on a thread of their own: a debug build takes seconds per RSA key, and on the
    /// process's shared pool that held up every SQLite statement of the tests running beside (their
    /// connection requests timed out).
    static let keyPool: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: 1)
        pool.start()
        return pool
    }()

    /// Publishes a new key for `provider`, which signs from now on; the old ones stay published if `keep`.
    @discardableResult
    func rotate(_ provider: SocialProvider, keep: Bool = true) async throws -> Key {
        let key = try await Self.newKey()
        state.withLock { s in s.published[provider] = (keep ? s.published[provider] ?? [] : []) + [key] }
        return key
    }

    static func newKey() async throws -> Key {
        let pair = try await RSAKeyPairGenerator(pool: keyPool).makeKeyPair()
        return Key(kid: try PublicJWK.kid(publicKeyPEM: pair.publicKeyPEM), privateKeyPEM: pair.privateKeyPEM, publicKeyPEM: pair.publicKeyPEM)
    }

    /// The key `provider` signs with now.
    func currentKey(_ provider: SocialProvider) -> Key { state.withLock { $0.published[provider]!.last! } }

    /// What goes into a token; each test changes what it forges.
    struct Claims: JWTPayload {
        var iss: String
        var sub: String
        var aud: String
        var exp: Int
        var iat: Int
        var email: String?
        /// Apple sends it as a string.
        var emailVerified: String?

        enum CodingKeys: String, CodingKey {
            case iss, sub, aud, exp, iat, email
            case emailVerified = "email_verified"
        }

        func verify(using algorithm: some JWTAlgorithm) throws {}
    }

    /// Claims as the provider issues them to this app for `email` (sub derived from it).
    func claims(_ provider: SocialProvider, email: String, subject: String? = nil) -> Claims {
        let now = Int(Date().timeIntervalSince1970)
        return Claims(
            iss: provider == .apple ? "https://appleid.apple.com" : "https://accounts.google.com",
            sub: subject ?? "\(provider.rawValue)-sub-\(email)", aud: provider == .apple ? Self.bundleId : Self.clientId,
            exp: now + 600, iat: now, email: email, emailVerified: "true")
    }

    /// A token signed as the provider signs (or with `key`, e.g. one it never published).
    func token(_ provider: SocialProvider, _ claims: Claims, key: Key? = nil) async throws -> String {
        let key = key ?? currentKey(provider)
        let keys = await JWTKeyCollection().add(
            rsa: try Insecure.RSA.PrivateKey(pem: key.privateKeyPEM), digestAlgorithm: .sha256, kid: JWKIdentifier(string: key.kid))
        return try await keys.sign(claims, kid: JWKIdentifier(string: key.kid))
    }

    func token(_ provider: SocialProvider, email: String) async throws -> String {
        try await token(provider, claims(provider, email: email))
    }

    /// A token with `alg: none` and no signature.
    func unsignedToken(_ provider: SocialProvider, _ claims: Claims) throws -> String {
        let header = #"{"alg":"none","kid":"\#(currentKey(provider).kid)","typ":"JWT"}"#
        return "\(Data(header.utf8).base64URLEncodedString()).\((try JSONEncoder().encode(claims)).base64URLEncodedString())."
    }

    /// The HS256 confusion: a token "signed" with HMAC keyed by the provider's *public* key, which anyone has.
    func hmacWithPublicKeyToken(_ provider: SocialProvider, _ claims: Claims) throws -> String {
        let key = currentKey(provider)
        let header = #"{"alg":"HS256","kid":"\#(key.kid)","typ":"JWT"}"#
        let input = "\(Data(header.utf8).base64URLEncodedString()).\((try JSONEncoder().encode(claims)).base64URLEncodedString())"
        let mac = HMAC<SHA256>.authenticationCode(for: Data(input.utf8), using: SymmetricKey(data: Data(key.publicKeyPEM.utf8)))
        return "\(input).\(Data(mac).base64URLEncodedString())"
    }

    enum StandInError: Error { case notStarted }

    /// Lets the routes reach the stand-in made after the server has bound its port.
    final class Box: Sendable {
        private let lock = Mutex<ProviderStandIn?>(nil)
        var value: ProviderStandIn? {
            get { lock.withLock { $0 } }
            set { lock.withLock { $0 = newValue } }
        }
    }
}
