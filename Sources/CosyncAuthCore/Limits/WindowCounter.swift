public import Foundation
import Synchronization

/// Counts hits per key in fixed windows, in this process's memory: cheap enough for every request of
/// the user API (the per-address limit), where a database write per request cost more than the request.
/// Each instance counts its own requests; limits that must hold across instances (per handle, per
/// message) stay in the database.
public final class WindowCounter: Sendable {
    private struct Window: Sendable {
        var start: Date
        var hits: Int
    }

    /// One lock, its keys, and when its ended windows were last dropped.
    private struct Keys {
        var windows: [String: Window] = [:]
        var prunedAt = Date.distantPast
    }

    private final class Shard: Sendable {
        let keys = Mutex(Keys())
    }

    /// Keys are spread over shards so that parallel requests rarely wait for one another.
    private let shards: [Shard]
    /// Windows that have ended are dropped once a shard holds this many keys, at most once a window: a
    /// flood of addresses must not make every request walk them all.
    private let pruneAbove: Int

    public init(shards: Int = 16, pruneAbove: Int = 10_000) {
        self.shards = (0..<max(1, shards)).map { _ in Shard() }
        self.pruneAbove = pruneAbove
    }

    /// Counts one hit of `key` in its current window of `window` seconds; answers the hits so far in it
    /// and the whole seconds until it ends.
    public func hit(key: String, window: TimeInterval, now: Date) -> (hits: Int, retryAfter: Int) {
        let shard = shards[Int(UInt(bitPattern: key.hashValue) % UInt(shards.count))]
        return shard.keys.withLock { keys in
            if keys.windows.count > pruneAbove, now.timeIntervalSince(keys.prunedAt) >= window {
                keys.windows = keys.windows.filter { now.timeIntervalSince($0.value.start) < window }
                keys.prunedAt = now
            }
            var current = keys.windows[key] ?? Window(start: now, hits: 0)
            if now.timeIntervalSince(current.start) >= window { current = Window(start: now, hits: 0) }
            current.hits += 1
            keys.windows[key] = current
            let left = window - now.timeIntervalSince(current.start)
            return (current.hits, max(1, Int(left.rounded(.up))))
        }
    }

    /// How many keys are held, for tests of the memory bound.
    public var keyCount: Int {
        shards.reduce(0) { total, shard in total + shard.keys.withLock { $0.windows.count } }
    }
}
