import CSodium
public import CosyncAuthCore
import Metrics
public import NIOPosix

/// argon2id through libsodium (`crypto_pwhash_str`), run on a thread pool so hashing never blocks an
/// event loop, each hash in an arena kept between hashes (`HashArenas`). libsodium's argon2id uses one
/// lane (p=1).
public final class Argon2PasswordHasher: PasswordHasher {
    public struct Cost: Sendable, Equatable {
        /// Memory in KiB; OWASP's minimum for argon2id is 19 MiB with t=2.
        public var memoryKiB: Int
        public var iterations: Int

        public static let owasp = Cost(memoryKiB: 19 * 1024, iterations: 2)

        public init(memoryKiB: Int, iterations: Int) {
            self.memoryKiB = memoryKiB
            self.iterations = iterations
        }

        var memlimit: Int { memoryKiB * 1024 }
        var opslimit: UInt64 { UInt64(iterations) }
    }

    public let cost: Cost
    public let decoyHash: String
    private let pool: NIOThreadPool
    private let arenas: HashArenas

    /// `pool` must be started; the caller owns its lifetime. An arena unused for `arenaIdleRelease` gives
    /// its memory back to the kernel.
    public init(cost: Cost = .owasp, pool: NIOThreadPool, arenaIdleRelease: Duration = .seconds(2)) throws {
        Sodium.ensureReady()
        guard cost.memlimit >= Int(crypto_pwhash_argon2id_MEMLIMIT_MIN), cost.iterations >= 1 else {
            throw Argon2Error.invalidCost
        }
        self.cost = cost
        self.pool = pool
        // Huge pages come whole: the arena ends on a 2 MiB boundary.
        let hugePage = 2 << 20
        let arenas = HashArenas(capacity: (cost.memlimit + hugePage - 1) / hugePage * hugePage, idleRelease: arenaIdleRelease)
        self.arenas = arenas
        self.decoyHash = try arenas.run { try Self.hashNow(RandomToken.make(), cost: cost) }
    }

    public func hash(_ password: String) async throws -> String {
        let (cost, arenas) = (self.cost, self.arenas)
        return try await pool.runIfActive { try Self.timed("hash") { try arenas.run { try Self.hashNow(password, cost: cost) } } }
    }

    public func verify(_ password: String, against hash: String) async throws -> Bool {
        let arenas = self.arenas
        return try await pool.runIfActive { Self.timed("verify") { arenas.run { Self.verifyNow(password, hash: hash) } } }
    }

    /// The time a hash takes on its thread, queueing excluded (`cosync_auth_password_hash_seconds`): what
    /// a login costs a core at this cost on this machine, the figure to choose the cost by. Made per call,
    /// as the metrics backend is chosen after the hasher is made.
    private static func timed<T>(_ operation: String, _ work: () throws -> T) rethrows -> T {
        let start = ContinuousClock.now
        defer { Timer(label: "cosync_auth_password_hash_seconds", dimensions: [("operation", operation)]).record(duration: .now - start) }
        return try work()
    }

    /// How many idle hash arenas still hold memory: none once the hasher has been idle `arenaIdleRelease`.
    public var residentArenas: Int { arenas.residentCount }

    public func needsRehash(_ hash: String) -> Bool {
        hash.withCString { crypto_pwhash_str_needs_rehash($0, cost.opslimit, cost.memlimit) } != 0
    }

    static func hashNow(_ password: String, cost: Cost) throws -> String {
        var out = [CChar](repeating: 0, count: Int(crypto_pwhash_STRBYTES))
        let length = UInt64(password.utf8.count)
        let rc = password.withCString { pw in
            crypto_pwhash_str_alg(&out, pw, length, cost.opslimit, cost.memlimit, crypto_pwhash_ALG_ARGON2ID13)
        }
        guard rc == 0 else { throw Argon2Error.outOfMemory }
        return String(decoding: out.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func verifyNow(_ password: String, hash: String) -> Bool {
        let length = UInt64(password.utf8.count)
        return password.withCString { pw in
            hash.withCString { crypto_pwhash_str_verify($0, pw, length) == 0 }
        }
    }
}

public enum Argon2Error: Error, CustomStringConvertible {
    case invalidCost
    case outOfMemory

    public var description: String {
        switch self {
        case .invalidCost: "argon2id needs at least 8 KiB of memory and one iteration"
        case .outOfMemory: "argon2id could not allocate its memory"
        }
    }
}
