/// Password hashing is the costliest thing the host does (tens of milliseconds of a core and 19 MiB
/// each). A flood of logins must not queue without end and starve everything else: at most
/// `concurrency` hashes run at once, at most `queueLimit` more wait their turn, and beyond that a
/// request is refused at once with 503 and `Retry-After` before it has changed anything.
public struct BoundedPasswordHasher: PasswordHasher {
    let base: any PasswordHasher
    let gate: WorkGate

    public init(_ base: any PasswordHasher, concurrency: Int, queueLimit: Int) {
        self.base = base
        self.gate = WorkGate(concurrency: max(1, concurrency), queueLimit: max(0, queueLimit))
    }

    public var decoyHash: String { base.decoyHash }

    public func needsRehash(_ hash: String) -> Bool { base.needsRehash(hash) }

    public func hash(_ password: String) async throws -> String {
        try await gate.run { try await base.hash(password) }
    }

    public func verify(_ password: String, against hash: String) async throws -> Bool {
        try await gate.run { try await base.verify(password, against: hash) }
    }
}

/// Admits at most `concurrency` jobs at once, with a bounded line of waiters in arrival order.
actor WorkGate {
    let concurrency: Int
    let queueLimit: Int
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []
    private var nextWaiter = 0

    init(concurrency: Int, queueLimit: Int) {
        self.concurrency = concurrency
        self.queueLimit = queueLimit
    }

    nonisolated func run<T: Sendable>(_ job: @Sendable () async throws -> T) async throws -> T {
        try await enter()
        do {
            let result = try await job()
            await leave()
            return result
        } catch {
            await leave()
            throw error
        }
    }

    private func enter() async throws {
        if running < concurrency {
            running += 1
            return
        }
        guard waiting.count - nextWaiter < queueLimit else { throw AuthError.unavailable(retryAfter: 1) }
        // The slot is handed over by `leave`, so `running` stays as it is.
        await withCheckedContinuation { waiting.append($0) }
    }

    private func leave() {
        guard nextWaiter < waiting.count else {
            running -= 1
            return
        }
        let next = waiting[nextWaiter]
        nextWaiter += 1
        if nextWaiter == waiting.count {
            waiting.removeAll(keepingCapacity: true)
            nextWaiter = 0
        }
        next.resume()
    }
}
