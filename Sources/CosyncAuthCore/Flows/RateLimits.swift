public import Foundation

/// How often one handle may be used where abuse costs someone else: logins (guessing from many
/// addresses, beyond the lockout) and the calls that send a message (a stranger's inbox or phone
/// flooded). Counted in the database, so the limits hold across instances. The per-address limit of
/// the whole user API is counted in each instance's memory instead: it is paid on every request.
public struct RateLimits: Sendable {
    public struct Limit: Sendable {
        public var requests: Int
        public var window: TimeInterval
        public init(requests: Int, window: TimeInterval) {
            self.requests = requests
            self.window = window
        }
    }

    /// Login attempts per handle (the lockout, when an app sets one, usually stops sooner).
    public var login = Limit(requests: 30, window: 600)
    /// Messages sent to one handle or phone by signup, forgotPassword, setPhone and SMS logins.
    public var messages = Limit(requests: 5, window: 3600)
    /// Attempts at codes per handle (completeSignup, resetPassword, register) or per user (verifyPhone,
    /// loginComplete, across all of a user's login challenges): each record also allows only a few
    /// wrong codes, but records can be asked for again, and this bounds guesses over all of them.
    public var codeAttempts = Limit(requests: 10, window: 3600)
    /// Requests per client address to the whole user API, per instance; 0 turns it off.
    public var perAddress = Limit(requests: 600, window: 60)

    public init() {}
}

extension AccountService {
    /// Counts one use of `key` and refuses it beyond `limit` with the time to wait.
    func throttle(_ limit: RateLimits.Limit, _ key: String) async throws {
        guard limit.requests > 0 else { return }
        let (hits, retryAfter) = try await store.hit(key: key, window: limit.window, now: now())
        guard hits <= limit.requests else { throw AuthError.tooManyRequests(retryAfter: retryAfter) }
    }

    /// The per-address limit of the user API, called by the HTTP adapter for every request: counted in
    /// this instance's memory, no database round trip.
    public func throttleAddress(_ address: String) throws {
        let limit = policy.rateLimits.perAddress
        guard limit.requests > 0 else { return }
        let (hits, retryAfter) = addressCounter.hit(key: address, window: limit.window, now: now())
        guard hits <= limit.requests else { throw AuthError.tooManyRequests(retryAfter: retryAfter) }
    }
}
