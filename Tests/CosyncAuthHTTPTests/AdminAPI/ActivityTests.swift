import CosyncAuthCore
import CosyncHostTestSupport
import Foundation
import Testing

/// `GET /api/app/activity`: per day, counted in the database from the users and the audit log.
@Suite("admin API: activity per day")
struct ActivityTests {
    @Test(arguments: TestDatabase.allCases)
    func todaysSignupsLoginsFailuresAndLockoutsAreCounted(_ db: TestDatabase) async throws {
        try await TestHost.run(db, settings: [("signupFlow", "none"), ("maxLoginAttempts", "2")]) { t async throws in
            _ = try await t.signUp("one@example.com")
            _ = try await t.signUp("two@example.com")
            for _ in 0..<3 {
                #expect(
                    try await t.form("/api/appuser/login", [("handle", "one@example.com"), ("password", md5("pass1234"))], appToken: t.token).status
                        == .ok)
            }
            for _ in 0..<2 {
                _ = try await t.form("/api/appuser/login", [("handle", "two@example.com"), ("password", md5("wrong"))], appToken: t.token)
            }
            let answer = try await t.admin("/api/app/activity?appId=\(t.app.id.uuidString)&days=7")
            #expect(answer.status == .ok, "\(answer.text)")
            let days = answer.items
            #expect(days.count == 7, "every day present")
            let today = try #require(days.last)
            #expect(today["date"] == .string(Date().formatted(Date.ISO8601FormatStyle(timeZone: .gmt).year().month().day())))
            #expect(today["signups"] == .number(2) && today["logins"] == .number(3), "\(today)")
            #expect(today["failedLogins"] == .number(2) && today["lockouts"] == .number(1), "\(today)")
            #expect(days.dropLast().allSatisfy { $0["signups"] == .number(0) && $0["logins"] == .number(0) })
            #expect(try await t.admin("/api/app/activity?appId=\(t.app.id.uuidString)&days=0").status == .badRequest)
            #expect(try await t.admin("/api/app/activity?appId=nope").status == .notFound)
        }
    }
}
