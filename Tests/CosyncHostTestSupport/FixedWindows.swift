public import Foundation

/// The host counts its limits in fixed windows (multiples of the window's length since 1970), so a
/// test that counts must not straddle the start of one, or its count starts again halfway (a CI run
/// failed that way once, at 08:30:00). With less than `needed` left of the current window, this waits
/// for the next, and answers the window it is in.
@discardableResult
public func waitForRoomInWindow(of length: TimeInterval, needed: TimeInterval = 60) async throws -> Int {
    let left = length - Date().timeIntervalSince1970.truncatingRemainder(dividingBy: length)
    if left < needed { try await Task.sleep(for: .seconds(left + 0.5)) }
    return windowNumber(of: length)
}

/// Which window of `length` seconds the present is in.
public func windowNumber(of length: TimeInterval) -> Int {
    Int(Date().timeIntervalSince1970 / length)
}
