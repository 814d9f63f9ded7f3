import CosyncAuthCore
import Foundation
import Synchronization
import Testing

/// A hasher whose every call waits until the test lets them all go, counting how many run at once.
final class StalledHasher: PasswordHasher {
    private let state = Mutex<(running: Int, most: Int, released: Bool, waiting: [CheckedContinuation<Void, Never>])>((0, 0, false, []))
    let decoyHash = "decoy"

    var mostAtOnce: Int { state.withLock { $0.most } }

    func release() {
        let waiting = state.withLock { state in
            state.released = true
            defer { state.waiting = [] }
            return state.waiting
        }
        for continuation in waiting { continuation.resume() }
    }

    func needsRehash(_ hash: String) -> Bool { false }
    func hash(_ password: String) async throws -> String {
        await stall()
        return "hash"
    }
    func verify(_ password: String, against hash: String) async throws -> Bool {
        await stall()
        return true
    }

    private func stall() async {
        await withCheckedContinuation { continuation in
            let goOn = state.withLock { state in
                state.running += 1
                state.most = max(state.most, state.running)
                if state.released { return true }
                state.waiting.append(continuation)
                return false
            }
            if goOn { continuation.resume() }
        }
        state.withLock { $0.running -= 1 }
    }
}

@Suite("bounded password hashing")
struct BoundedHashingTests {
    /// Two run, three wait, and the rest are refused at once with 503 before anything is hashed.
    @Test func beyondTheQueueRequestsAreRefusedAtOnce() async throws {
        let stalled = StalledHasher()
        let bounded = BoundedPasswordHasher(stalled, concurrency: 2, queueLimit: 3)
        let outcomes = try await withThrowingTaskGroup(of: Int?.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    do {
                        _ = try await bounded.hash("pw")
                        return nil
                    } catch let error as AuthError {
                        return error.code
                    }
                }
            }
            // The refusals come back while the admitted ones are still stalled.
            var refused: [Int?] = []
            while refused.count < 15, let outcome = try await group.next() { refused.append(outcome) }
            #expect(refused.allSatisfy { $0 == 503 })
            stalled.release()
            var admitted: [Int?] = []
            for try await outcome in group { admitted.append(outcome) }
            return (refused, admitted)
        }
        #expect(outcomes.0.count == 15)
        #expect(outcomes.1.count == 5 && outcomes.1.allSatisfy { $0 == nil }, "the running and the waiting ones finish")
        #expect(stalled.mostAtOnce <= 2, "never more than the cores at once")
        // Once the line has drained, the gate admits again.
        #expect(try await bounded.verify("pw", against: "hash"))
    }

    /// A request admitted as a whole holds its place from before its first step to its end: with two
    /// places, a third request is refused before its work runs at all, and the admitted ones hash without
    /// being refused by the line they already hold their place in.
    @Test func admissionRefusesARequestBeforeItsWorkRuns() async throws {
        let stalled = StalledHasher()
        let bounded = BoundedPasswordHasher(stalled, concurrency: 1, queueLimit: 1)
        let started = Tally()
        let outcomes = try await withThrowingTaskGroup(of: Int?.self) { group in
            for _ in 0..<6 {
                group.addTask {
                    do {
                        return try await bounded.admitting {
                            started.count.withLock { $0 += 1 }
                            _ = try await bounded.verify("pw", against: "hash")
                            return nil
                        }
                    } catch let error as AuthError {
                        return error.code
                    }
                }
            }
            var refused: [Int?] = []
            while refused.count < 4, let outcome = try await group.next() { refused.append(outcome) }
            stalled.release()
            var admitted: [Int?] = []
            for try await outcome in group { admitted.append(outcome) }
            return (refused, admitted)
        }
        #expect(outcomes.0 == [503, 503, 503, 503])
        #expect(outcomes.1 == [nil, nil])
        #expect(started.count.withLock { $0 } == 2, "the refused requests never began")
        #expect(stalled.mostAtOnce == 1)
        // Its places given back, the gate admits again, and a hash outside any admission still queues.
        #expect(try await bounded.admitting { try await bounded.verify("pw", against: "hash") })
        #expect(try await bounded.hash("pw") == "hash")
    }
}

final class Tally: Sendable {
    let count = Mutex(0)
}
