import AsyncHTTPClient
import Foundation
import JWTKit
import Logging
import NIOCore

/// One provider's signing keys, a JWK Set fetched from its URL and kept as long as the provider's
/// `Cache-Control: max-age` allows. A login never waits for a fetch while the keys are fresh; a token
/// naming a key the set does not hold (the provider rotated) triggers one refetch, at most once per
/// `refetchInterval`, so tokens with made-up key ids cannot make the host hammer the provider. When the
/// provider cannot be reached, the keys last fetched go on being used.
actor ProviderKeySet {
    struct Snapshot {
        var keys: JWTKeyCollection
        var kids: Set<String>
        var freshUntil: Date
    }

    let url: String
    let http: HTTPClient
    let refetchInterval: TimeInterval
    let logger: Logger
    let now: @Sendable () -> Date
    private var snapshot: Snapshot?
    private var lastAttempt: Date?
    private var inFlight: Task<Snapshot, any Error>?

    /// Bounds on the provider's max-age: at least a minute (a provider answering max-age=0 must not cost
    /// a fetch per login), at most a day (a rotated-out key is dropped within a day).
    static let shortestLifetime: TimeInterval = 60
    static let longestLifetime: TimeInterval = 86_400
    /// When the provider names no lifetime.
    static let defaultLifetime: TimeInterval = 3_600
    static let largestSet = 256 * 1024

    init(url: String, http: HTTPClient, refetchInterval: TimeInterval, logger: Logger, now: @escaping @Sendable () -> Date) {
        self.url = url
        self.http = http
        self.refetchInterval = refetchInterval
        self.logger = logger
        self.now = now
    }

    /// The keys to verify a token signed with `kid`; nil when the provider does not (or no longer) have it.
    /// Throws `ProviderUnavailable` when no keys were ever had. Attempts are spaced by `refetchInterval`
    /// even then: while a provider is down, logins are answered at once instead of each waiting for a
    /// fetch that will time out.
    func keys(for kid: String) async throws -> JWTKeyCollection? {
        let time = now()
        if let snapshot, time < snapshot.freshUntil, snapshot.kids.contains(kid) { return snapshot.keys }
        // A fetch under way is shared whatever the interval: a burst of first logins waits for it together.
        if inFlight != nil || mayRefetch(at: time) {
            do {
                snapshot = try await refreshed()
            } catch {
                guard snapshot != nil else { throw ProviderUnavailable() }
                logger.warning("provider keys could not be refreshed; using the last ones", metadata: ["url": "\(url)", "error": "\(error)"])
            }
        }
        guard let snapshot else { throw ProviderUnavailable() }
        guard snapshot.kids.contains(kid) else { return nil }
        return snapshot.keys
    }

    private func mayRefetch(at time: Date) -> Bool {
        guard let lastAttempt else { return true }
        return time.timeIntervalSince(lastAttempt) >= refetchInterval
    }

    /// One fetch at a time: requests that arrive while it runs share its result.
    private func refreshed() async throws -> Snapshot {
        if let inFlight { return try await inFlight.value }
        lastAttempt = now()
        let task = Task { try await fetch() }
        inFlight = task
        defer { inFlight = nil }
        return try await task.value
    }

    private func fetch() async throws -> Snapshot {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "Accept", value: "application/json")
        let response = try await http.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: Self.largestSet)
        guard response.status == .ok else { throw FetchFailed(status: Int(response.status.code)) }
        let set = try JSONDecoder().decode(JWKS.self, from: Data(body.readableBytesView))
        let keys = JWTKeyCollection()
        var kids = Set<String>()
        // Only RSA signing keys with an id: a token's header names its key, and RS256 is all the
        // providers use. Keys of other kinds are skipped rather than failing the whole set.
        for key in set.keys where key.keyType == .rsa {
            guard let kid = key.keyIdentifier?.string, key.algorithm == nil || key.algorithm == .rs256 else { continue }
            let rs256 = JWK.rsa(.rs256, identifier: key.keyIdentifier, modulus: key.modulus, exponent: key.exponent)
            guard (try? await keys.add(jwk: rs256)) != nil else { continue }
            kids.insert(kid)
        }
        let lifetime = Self.maxAge(response.headers.first(name: "Cache-Control")) ?? Self.defaultLifetime
        let fetched = now()
        logger.info("provider keys fetched", metadata: ["url": "\(url)", "keys": "\(kids.count)"])
        return Snapshot(
            keys: keys, kids: kids,
            freshUntil: fetched.addingTimeInterval(min(max(lifetime, Self.shortestLifetime), Self.longestLifetime)))
    }

    /// The `max-age` of a Cache-Control header, in seconds.
    static func maxAge(_ header: String?) -> TimeInterval? {
        guard let header else { return nil }
        for directive in header.split(separator: ",") {
            let parts = directive.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2, parts[0].lowercased() == "max-age", let seconds = Int(parts[1]), seconds >= 0 {
                return TimeInterval(seconds)
            }
        }
        return nil
    }

    struct FetchFailed: Error, CustomStringConvertible {
        let status: Int
        var description: String { "the provider answered \(status)" }
    }
}

struct ProviderUnavailable: Error {}
