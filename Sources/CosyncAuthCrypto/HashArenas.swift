import CHashArena
import Synchronization

/// The regions argon2id works in, kept between hashes (see `hash_arena.h` for why: half of a verify
/// was the kernel faulting in a fresh region). One per hash running at once, made on first need. An
/// arena left unused for `idleRelease` gives its pages back to the kernel, so an idle host holds none
/// of that memory; the next hash faults them in again, once.
final class HashArenas: Sendable {
    let capacity: Int
    let idleRelease: Duration
    private let state = Mutex(State())

    private struct State {
        var free: [Arena] = []
        var sweeping = false
    }

    private struct Arena {
        /// The arena's address (a pointer is not Sendable; only the C side reads or writes through it).
        let address: UInt
        var resident: Bool
        var lastUse: ContinuousClock.Instant
        var base: UnsafeMutableRawPointer { UnsafeMutableRawPointer(bitPattern: address)! }
    }

    init(capacity: Int, idleRelease: Duration) {
        self.capacity = capacity
        self.idleRelease = idleRelease
    }

    /// Runs `work` (a libsodium hash or verify, on the calling thread) in an arena. Without one (the
    /// kernel refused the memory) libsodium maps its own, as it would anyway.
    func run<T>(_ work: () throws -> T) rethrows -> T {
        guard var arena = takeArena() else { return try work() }
        cosync_hash_arena_lend(arena.base, capacity)
        defer {
            cosync_hash_arena_end_loan()
            arena.resident = true
            arena.lastUse = .now
            giveBack(arena)
        }
        return try work()
    }

    /// Idle arenas still holding pages.
    var residentCount: Int { state.withLock { $0.free.count(where: \.resident) } }

    /// A hash holds its arenas while it runs and the sweep holds them until all are released, so every
    /// arena is idle here.
    deinit {
        state.withLock { state in
            for arena in state.free { cosync_hash_arena_destroy(arena.base, capacity) }
        }
    }

    private func takeArena() -> Arena? {
        if let arena = state.withLock({ $0.free.popLast() }) { return arena }
        guard let base = cosync_hash_arena_create(capacity) else { return nil }
        return Arena(address: UInt(bitPattern: base), resident: false, lastUse: .now)
    }

    private func giveBack(_ arena: Arena) {
        let startSweeping = state.withLock { state in
            state.free.append(arena)
            defer { state.sweeping = true }
            return !state.sweeping
        }
        if startSweeping { Task.detached { await self.sweep() } }
    }

    /// Releases the arenas idle for `idleRelease`, until none holds pages.
    private func sweep() async {
        while true {
            try? await Task.sleep(for: idleRelease / 2)
            let done = state.withLock { state in
                let cutoff = ContinuousClock.now - idleRelease
                for index in state.free.indices where state.free[index].resident && state.free[index].lastUse <= cutoff {
                    cosync_hash_arena_release(state.free[index].base, capacity)
                    state.free[index].resident = false
                }
                state.sweeping = state.free.contains(where: \.resident)
                return !state.sweeping
            }
            if done { return }
        }
    }
}
