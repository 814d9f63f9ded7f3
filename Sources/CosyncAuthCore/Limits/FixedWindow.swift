public import Foundation

/// The windows the database counts its limits in: consecutive spans of `length` seconds since 1970
/// (UTC), the same on every instance, so that each limit is one conditional statement and needs no
/// shared clock beyond the instances' own.
public enum FixedWindow {
    /// The start, in whole seconds since 1970, of the window of `length` seconds that `date` falls in.
    public static func start(at date: Date, length: TimeInterval) -> Int64 {
        let seconds = max(1, Int64(length))
        return Int64(date.timeIntervalSince1970) / seconds * seconds
    }

    /// Whole seconds from `date` to the end of its window.
    public static func secondsLeft(at date: Date, length: TimeInterval) -> Int {
        Int(start(at: date, length: length) + max(1, Int64(length)) - Int64(date.timeIntervalSince1970))
    }
}
