import CosyncAuthCore
import CosyncAuthHost
import CosyncHostTestSupport
import Foundation
import HTTPTypes
import Testing

@Suite("user API: rate limits")
struct RateLimitTests {
    /// A stranger cannot flood someone's inbox: five reset emails an hour per handle, then 429 with the
    /// wait, and nothing more is sent.
    @Test(arguments: TestDatabase.allCases)
    func messagesToOneHandleAreLimited(_ db: TestDatabase) async throws {
        try await TestHost.run(db, settings: [("signupFlow", "none")]) { t async throws in
            _ = try await t.signUp("flood@example.com")
            let window = try await waitForRoomInWindow(of: t.host.accounts.policy.rateLimits.messages.window)
            for _ in 0..<5 {
                #expect(try await t.form("/api/appuser/forgotPassword", [("handle", "flood@example.com")], appToken: t.token).status == .ok)
            }
            let refused = try await t.client.execute(
                uri: "/api/appuser/forgotPassword", method: .post,
                headers: [.init("app-token")!: t.token, .contentType: "application/x-www-form-urlencoded"],
                body: .init(string: "handle=flood%40example.com")
            ) { ($0.status, $0.headers[.retryAfter], String(buffer: $0.body)) }
            #expect(refused.0 == .tooManyRequests)
            #expect(Int(refused.1 ?? "") ?? 0 > 0, "Retry-After says how long")
            #expect(refused.2.contains("\"code\":429"))
            #expect(
                FixedWindow.start(at: Date(), length: t.host.accounts.policy.rateLimits.messages.window) == window, "the requests spanned two windows"
            )
            #expect(
                try await t.mail(to: "flood@example.com").filter { $0.subject.contains("password reset code") }.count == 5, "the sixth was not sent")
            // Another handle is not affected.
            _ = try await t.signUp("calm@example.com")
            #expect(try await t.form("/api/appuser/forgotPassword", [("handle", "calm@example.com")], appToken: t.token).status == .ok)
        }
    }

    /// Counters live in the database: two hosts on one database share them.
    @Test func countersAreAtomicAndWindowed() async throws {
        try await TestHost.run(.postgres) { t async throws in
            let store = t.host.storage.store
            let now = Date(timeIntervalSince1970: 1_800_000_000)
            let hits = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<20 { group.addTask { try await store.hit(key: "k", window: 60, now: now).hits } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(hits.sorted() == Array(1...20), "each concurrent hit counted once")
            let next = try await store.hit(key: "k", window: 60, now: now.addingTimeInterval(60))
            #expect(next.hits == 1 && next.retryAfter == 60, "a new window starts again")
        }
    }

    /// Every request of one address counts, however many arrive at once; beyond the limit the answer is
    /// 429 (live, so requests have an address). Sent all together, so they fall in one window even on a
    /// busy machine.
    @Test func oneAddressIsLimited() async throws {
        let limited: (inout HostConfiguration) -> Void = { $0.requestsPerMinute = 30 }
        try await TestHost.run(.sqlite, testing: .live, options: limited) { t async throws in
            // Windows are whole minutes: start early in one, so that all requests fall in it.
            while Int(Date().timeIntervalSince1970) % 60 > 40 { try await Task.sleep(for: .seconds(1)) }
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<35 { group.addTask { try await t.get("/api/appuser/getApplication", appToken: t.token).status } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .ok }.count == 30, "\(statuses)")
            #expect(statuses.filter { $0 == .tooManyRequests }.count == 5, "\(statuses)")
        }
    }

    /// SMS cost money: one user cannot send codes to number after number, and an app sends at most its
    /// `smsDailyLimit` a day (none with 0).
    @Test(arguments: TestDatabase.allCases)
    func textMessagesAreLimitedPerUserAndPerApp(_ db: TestDatabase) async throws {
        try await TestHost.run(db, settings: [("signupFlow", "none"), ("twoFactorVerification", "phone")]) { t async throws in
            let pumper = try await t.signUp("pumper@example.com")
            var answers: [Int?] = []
            for n in 0..<6 {
                answers.append(try await t.form("/api/appuser/setPhone", [("phone", "+1415555010\(n)")], accessToken: pumper).code)
            }
            #expect(answers.prefix(5).allSatisfy { $0 == nil } && answers.last == 429, "\(answers)")

            _ = try await t.host.apps.setSetting(app: t.app.name, name: "smsDailyLimit", value: "6")
            let other = try await t.signUp("other@example.com")
            #expect(try await t.form("/api/appuser/setPhone", [("phone", "+14155550200")], accessToken: other).text == "true")
            let overQuota = try await t.form("/api/appuser/setPhone", [("phone", "+14155550201")], accessToken: other)
            #expect(overQuota.code == 429, "the app's sixth SMS of the day was the last: \(overQuota.text)")
            _ = try await t.host.apps.setSetting(app: t.app.name, name: "smsDailyLimit", value: "0")
            let third = try await t.signUp("third@example.com")
            #expect(try await t.form("/api/appuser/setPhone", [("phone", "+14155550300")], accessToken: third).code == 429)
            let sent = try await t.host.storage.store.outboxMessages(status: nil, limit: 100).filter { $0.channel == .sms }
            #expect(sent.count == 6)
        }
    }
}
