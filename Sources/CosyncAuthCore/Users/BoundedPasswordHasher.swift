import Metrics

/// Password hashing is the costliest thing the host does (tens of milliseconds of a core and 19 MiB
/// each). A flood of logins must not queue without end and starve everything else: at most
/// `concurrency` hashes run at once, at most `queueLimit` more wait their turn, and beyond that a
/// request is refused at once with 503 and `Retry-After` before it has changed anything. A login is
/// admitted as a whole (`admitting`): at most `concurrency + queueLimit` are under way at once, and the
/// rest are refused before their first query, so that refusing costs the database nothing.
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

    public func admitting<T: Sendable>(_ work: () async throws -> T) async throws -> T {
        try await gate.admit()
        do {
            let result = try await WorkGate.$admittedBy.withValue(ObjectIdentifier(gate)) { try await work() }
            await gate.dismiss()
            return result
        } catch {
            await gate.dismiss()
            throw error
        }
    }
}

/// Admits at most `concurrency` jobs at once, with a bounded line of waiters in arrival order. A
/// request admitted as a whole holds its place from `admit` to `dismiss`; its jobs then never count
/// against the line, which its admission already did.
actor WorkGate {
    let concurrency: Int
    let queueLimit: Int
    /// The gate that admitted the current request, if any.
    @TaskLocal static var admittedBy: ObjectIdentifier?
    private var admitted = 0
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []
    private var nextWaiter = 0

    init(concurrency: Int, queueLimit: Int) {
        self.concurrency = concurrency
        self.queueLimit = queueLimit
    }

    func admit() throws {
        guard admitted < concurrency + queueLimit else { throw Self.refusal() }
        admitted += 1
    }

    func dismiss() { admitted -= 1 }

    nonisolated func run<T: Sendable>(_ job: @Sendable () async throws -> T) async throws -> T {
        try await enter(admitted: Self.admittedBy == ObjectIdentifier(self))
        do {
            let result = try await job()
            await leave()
            return result
        } catch {
            await leave()
            throw error
        }
    }

    private func enter(admitted: Bool) async throws {
        if running < concurrency {
            running += 1
            return
        }
        guard admitted || waiting.count - nextWaiter < queueLimit else { throw Self.refusal() }
        // The slot is handed over by `leave`, so `running` stays as it is.
        await withCheckedContinuation { waiting.append($0) }
    }

    /// A refused request is counted as a metric, never in the audit log: a flood would fill it.
    private static func refusal() -> AuthError {
        Counter(label: "cosync_auth_refused_busy_total").increment()
        return AuthError.unavailable(retryAfter: 1)
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
