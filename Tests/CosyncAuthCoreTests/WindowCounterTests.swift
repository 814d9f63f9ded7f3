import CosyncAuthCore
import Foundation
import Testing

/// The in-memory per-address counter: exact under parallel hits, windowed, and bounded in memory.
@Suite("window counter")
struct WindowCounterTests {
    @Test func hitsAreCountedPerKeyAndWindow() {
        let counter = WindowCounter()
        let start = Date(timeIntervalSince1970: 1_000_000)
        #expect(counter.hit(key: "a", window: 60, now: start) == (1, 60))
        #expect(counter.hit(key: "a", window: 60, now: start + 20) == (2, 40))
        #expect(counter.hit(key: "b", window: 60, now: start + 20).hits == 1, "keys apart")
        #expect(counter.hit(key: "a", window: 60, now: start + 60) == (1, 60), "a new window")
    }

    /// Thousands of hits at once, from many tasks: every one counted exactly once.
    @Test func parallelHitsAreCountedExactly() async {
        let counter = WindowCounter()
        let now = Date()
        let counts = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<2_000 { group.addTask { counter.hit(key: "203.0.113.9", window: 60, now: now).hits } }
            return await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(Set(counts) == Set(1...2_000), "each hit saw its own count")
    }

    /// A flood of addresses does not grow memory without end: ended windows go.
    @Test func endedWindowsAreDropped() {
        let counter = WindowCounter(shards: 1, pruneAbove: 100)
        let start = Date(timeIntervalSince1970: 1_000_000)
        for n in 0..<1_000 { _ = counter.hit(key: "k\(n)", window: 60, now: start) }
        #expect(counter.keyCount == 1_000, "all in one window")
        _ = counter.hit(key: "later", window: 60, now: start + 61)
        #expect(counter.keyCount == 1)
        // Within a window the keys are walked once, not on every hit: new keys stay until the next one.
        for n in 0..<200 { _ = counter.hit(key: "m\(n)", window: 60, now: start + 62) }
        #expect(counter.keyCount == 201)
        _ = counter.hit(key: "after", window: 60, now: start + 122)
        #expect(counter.keyCount == 1)
    }
}

@Suite("hex text")
struct HexTextTests {
    @Test func bytesAsLowerCaseHex() {
        #expect(HexText.encode([0x00, 0x0f, 0xa5, 0xff]) == "000fa5ff")
        #expect(HexText.encode([UInt8]()) == "")
        #expect(RandomToken.digest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "SHA-256 of abc")
    }
}
