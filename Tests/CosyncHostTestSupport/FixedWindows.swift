import CosyncAuthCore
public import Foundation

/// The host counts its limits in fixed windows (`FixedWindow`), so a test that counts must not straddle
/// the start of one, or its count starts again halfway (a CI run failed that way once, at 08:30:00). With
/// less than `needed` left of the current window, this waits for the next, and answers the window's
/// start.
@discardableResult
public func waitForRoomInWindow(of length: TimeInterval, needed: TimeInterval = 60) async throws -> Int64 {
    let left = FixedWindow.secondsLeft(at: Date(), length: length)
    if Double(left) < needed { try await Task.sleep(for: .seconds(Double(left) + 0.5)) }
    return FixedWindow.start(at: Date(), length: length)
}
