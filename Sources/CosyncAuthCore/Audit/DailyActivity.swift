public import Foundation

/// What happened in an app on one day (UTC): users created, successful and failed logins, lockouts.
public struct DailyActivity: Sendable, Equatable {
    /// Midnight UTC starting the day.
    public var day: Date
    public var signups = 0
    public var logins = 0
    public var failedLogins = 0
    public var lockouts = 0

    public init(day: Date, signups: Int = 0, logins: Int = 0, failedLogins: Int = 0, lockouts: Int = 0) {
        self.day = day
        self.signups = signups
        self.logins = logins
        self.failedLogins = failedLogins
        self.lockouts = lockouts
    }

    /// Days since 1970-01-01 UTC, as the store groups them.
    public static func dayNumber(_ date: Date) -> Int {
        Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
    }

    public static func date(dayNumber: Int) -> Date {
        Date(timeIntervalSince1970: Double(dayNumber) * 86_400)
    }

    /// The events counted as logins: every way a user gets a session.
    public static let loginEvents: [AuditEvent] = [.login, .loginComplete, .socialLogin, .loginAnonymous]
}
