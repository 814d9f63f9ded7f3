import CosyncAuthCore
import CosyncAuthCrypto
import CosyncAuthHTTP
import CosyncAuthHost
import CosyncHostTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

extension TestHost {
    /// As `run`, but behind a real socket: requests carry the client's address, as in production.
    static func runLive(
        _ database: TestDatabase, settings: [(String, String)] = [], _ test: @Sendable (TestHost) async throws -> Void
    ) async throws {
        try await run(database, settings: settings, testing: .live, test)
    }

    /// An app's log (or the host's, with `app` nil) through the admin API, newest first, with its raw JSON.
    func log(_ app: String?, query: String = "") async throws -> (entries: [[String: JSONValue]], text: String) {
        var path = "/api/app/logs?limit=500"
        if let app { path += "&appId=\(escaped(app))" }
        if !query.isEmpty { path += "&\(query)" }
        let answer = try await admin(path)
        #expect(answer.status == .ok, "\(path): \(answer.text)")
        return (answer.items, answer.text)
    }
}

extension [[String: JSONValue]] {
    func with(event: String) -> [[String: JSONValue]] { filter { $0["event"] == .string(event) } }

    /// The entries' JSON without their ids, in which a six-digit code could appear by chance.
    var withoutIds: String {
        JSONValue.array(map { entry in .object(entry.filter { $0.key != "id" && $0.key != "appId" }) }).jsonText
    }
}

/// Whether `text` (a log's JSON) holds `secret`; codes are looked for outside the entries' ids.
func logHolds(_ secret: String, entries: [[String: JSONValue]], text: String) -> Bool {
    secret.count == 6 && secret.allSatisfy(\.isNumber) ? entries.withoutIds.contains(secret) : text.contains(secret)
}

@Suite("audit log")
struct AuditLogTests {
    @Test(arguments: TestDatabase.allCases)
    func authEventsAreLoggedWithTheirActorAndAddress(_ db: TestDatabase) async throws {
        try await TestHost.runLive(db, settings: [("signupFlow", "none"), ("maxLoginAttempts", "3")]) { t async throws in
            let handle = "audit+me@example.com"
            // Everything secret that passes through, which the log must never hold.
            var secrets = [t.adminSecret]
            for password in ["first-pass", "wrong-pass", "second-pass", "third-pass", "coded-pass"] {
                secrets += [password, md5(password)]
            }
            func login(_ password: String) async throws -> TestHost.Answer {
                try await t.form("/api/appuser/login", [("handle", handle), ("password", md5(password))], appToken: t.token)
            }

            secrets.append(try await t.signUp(handle, password: "first-pass"))
            #expect(try await login("wrong-pass").code == 600)
            secrets.append(try #require(try await login("first-pass")["access-token"]))
            for _ in 0..<3 { #expect(try await login("wrong-pass").code == 600) }
            #expect(try await login("first-pass").code == 600, "locked")

            #expect(try await t.form("/api/appuser/forgotPassword", [("handle", handle)], appToken: t.token).text == "true")
            let resetCode = try await t.code(sentTo: handle)
            secrets.append(resetCode)
            #expect(
                try await t.form(
                    "/api/appuser/resetPassword", [("handle", handle), ("password", md5("second-pass")), ("code", resetCode)], appToken: t.token
                ).text == "true")
            let session = try #require(try await login("second-pass")["access-token"])
            secrets.append(session)
            #expect(
                try await t.form(
                    "/api/appuser/changePassword", [("password", md5("second-pass")), ("newPassword", md5("third-pass"))], accessToken: session
                ).text == "true")
            #expect(
                try await t.form("/api/appuser/changePassword", [("password", md5("wrong-pass")), ("newPassword", md5("x"))], accessToken: session)
                    .code == 602)

            _ = try await t.admin("/api/app/update", method: .post, json: .object(["appId": .string(t.appId), "signupFlow": .string("code")]))
            #expect(
                try await t.form("/api/appuser/signup", [("handle", "coded@example.com"), ("password", md5("coded-pass"))], appToken: t.token).text
                    == "true")
            let signupCode = try await t.code(sentTo: "coded@example.com")
            secrets.append(signupCode)
            let completed = try await t.form(
                "/api/appuser/completeSignup", [("handle", "coded@example.com"), ("code", signupCode)], appToken: t.token)
            secrets.append(try #require(completed["access-token"]))
            secrets.append(try #require(completed["signed-user-token"]))

            #expect(
                try await t.form("/api/appuser/deleteAccount", [("handle", handle), ("password", md5("third-pass"))], accessToken: session).text
                    == "true")

            let (entries, text) = try await t.log(t.appId)
            func one(_ event: String, outcome: String = AuditEntry.success, actor: String = handle) -> [String: JSONValue]? {
                entries.with(event: event).first { $0["outcome"] == .string(outcome) && $0["actor"] == .string(actor) }
            }
            for (event, actor) in [
                ("signup", handle), ("login", handle), ("password.forgot", handle), ("password.reset", handle),
                ("password.change", handle), ("account.delete", handle), ("signup", "coded@example.com"),
                ("signup.complete", "coded@example.com"), ("app.update", "secret:tests"),
            ] {
                let entry = one(event, actor: actor)
                #expect(entry != nil, "\(event) by \(actor)")
                #expect(entry?["address"]?.stringValue?.isEmpty == false, "\(event): the client's address")
                #expect(entry?["appId"] == .string(t.appId.lowercased()))
            }
            let failedLogins = entries.with(event: "login").filter { $0["outcome"] == .string("error 600: invalid login credentials") }
            #expect(failedLogins.count == 5 && failedLogins.allSatisfy { $0["actor"] == .string(handle) })
            #expect(entries.with(event: "login").filter { $0["outcome"] == .string(AuditEntry.success) }.count == 2)
            let lockouts = entries.with(event: "lockout")
            #expect(lockouts.count == 1, "one lockout, however many tries follow")
            #expect(lockouts.first?["actor"] == .string(handle) && lockouts.first?["detail"] == .string("after 3 failed logins"))
            #expect(lockouts.first?["address"]?.stringValue != nil)
            #expect(one("password.change", outcome: "error 602: invalid data: the current password is wrong") != nil)
            // Every entry made over HTTP names the address; newest first.
            #expect(entries.filter { $0["actor"] != .null }.allSatisfy { $0["address"]?.stringValue != nil })
            let times = entries.compactMap { $0["time"]?.stringValue.flatMap(AppJSON.parseDate) }
            #expect(times.count == entries.count && times == times.sorted(by: >))

            for secret in secrets {
                #expect(!logHolds(secret, entries: entries, text: text), "the log holds '\(secret)'")
            }
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func adminActionsAreLoggedUnderTheSecretsName(_ db: TestDatabase) async throws {
        try await TestHost.runLive(db, settings: [("invitationEnabled", "true")]) { t async throws in
            let appId = JSONValue.string(t.appId)
            var secrets = [t.adminSecret, "admin-pass", md5("admin-pass"), "new-pass", md5("new-pass")]
            func ok(_ path: String, _ body: [String: JSONValue], method: HTTPRequest.Method = .post) async throws {
                let answer = try await t.admin(path, method: method, json: .object(body))
                #expect(answer.status == .ok, "\(path): \(answer.text)")
            }

            let created = try await t.admin("/api/app/", method: .post, json: .object(["name": .string("Second App")]))
            let secondId = try #require(created["appId"])
            secrets.append(try #require(created["appSecret"]))
            let ops = try #require(try await t.admin("/api/app/secrets", method: .post, json: .object(["name": .string("ops")]))["serverSecret"])
            secrets.append(ops)

            _ = try await t.form("/api/appuser/signup", [("handle", "waiting@example.com"), ("password", md5("admin-pass"))], appToken: t.token)
            secrets.append(try await t.code(sentTo: "waiting@example.com"))
            try await ok("/api/app/update", ["appId": appId, "maxLoginAttempts": .number(5)])
            try await ok("/api/app/updateAppMetaData", ["appId": appId, "path": .string("profile.nick")])
            try await ok("/api/app/deleteMetadata", ["appId": appId, "path": .string("profile.nick")])
            try await ok("/api/app/addLocale", ["appId": appId, "locale": .string("FR")])
            try await ok(
                "/api/app/updateEmailTemplate",
                [
                    "appId": appId, "templateName": .string("invite"), "locale": .string("FR"), "subject": .string("Invitation %APP_NAME%"),
                    "htmlTemplate": .string("<p>%CODE%</p>"),
                ])
            try await ok("/api/app/removeLocale", ["appId": appId, "locale": .string("FR")])
            try await ok("/api/app/invite", ["appId": appId, "handles": .string("guest@example.com")])
            secrets.append(try await t.code(sentTo: "guest@example.com"))
            try await ok("/api/app/resendInvite", ["appId": appId, "handle": .string("guest@example.com")])
            secrets.append(try await t.code(sentTo: "guest@example.com"))
            try await ok("/api/app/removeInvite", ["appId": appId, "handle": .string("guest@example.com")])
            #expect(
                try await t.admin("/api/app/removeInvite", method: .post, json: .object(["appId": appId, "handle": .string("guest@example.com")]))
                    .status == .notFound)
            try await ok("/api/app/removeSignup", ["appId": appId, "handle": .string("waiting@example.com")])
            try await ok("/api/app/addUser", ["appId": appId, "handle": .string("added@example.com"), "password": .string(md5("admin-pass"))])
            let session = try #require(
                try await t.form("/api/appuser/login", [("handle", "added@example.com"), ("password", md5("admin-pass"))], appToken: t.token)[
                    "access-token"])
            secrets.append(session)
            try await ok("/api/app/user", ["appId": appId, "userId": .string("added@example.com"), "status": .string("suspend")])
            try await ok(
                "/api/app/resetUserPassword", ["appId": appId, "userId": .string("added@example.com"), "hashValue": .string(md5("new-pass"))])
            try await ok("/api/app/updateAppUserMetaData", ["appId": appId, "handle": .string("added@example.com"), "metaData": .object([:])])
            try await ok("/api/app/removeUser", ["appId": appId, "handle": .string("added@example.com")])
            try await ok("/api/app/reset", ["appId": appId])
            #expect(try await t.admin("/api/app/\(secondId)", method: .delete).text == "true")
            #expect(try await t.admin("/api/app/secrets/ops", method: .delete).text == "true")

            let (entries, text) = try await t.log(t.appId)
            for event in [
                "app.update", "locale.add", "template.update", "locale.remove", "invite.create", "invite.resend", "invite.remove",
                "signup.remove", "user.add", "user.status", "user.password", "user.metadata", "user.remove", "app.reset",
            ] {
                let entry = entries.with(event: event).first {
                    $0["actor"] == .string("secret:tests") && $0["outcome"] == .string(AuditEntry.success)
                }
                #expect(entry != nil, "\(event)")
                #expect(entry?["address"]?.stringValue?.isEmpty == false, "\(event)")
            }
            let failed = entries.with(event: "invite.remove").filter { $0["outcome"] != .string(AuditEntry.success) }
            #expect(failed.count == 1 && failed.first?["outcome"]?.stringValue?.hasPrefix("error:") == true)
            #expect(entries.with(event: "template.update").first?["detail"] == .string("invite FR"))
            #expect(entries.with(event: "invite.create").first?["detail"] == .string("guest@example.com"))

            // A deleted app's log stays readable by its id.
            let second = try await t.log(secondId)
            #expect(second.entries.map { $0["event"]?.stringValue } == ["app.delete", "app.create"])
            #expect(second.entries.allSatisfy { $0["actor"] == .string("secret:tests") && $0["address"]?.stringValue != nil })
            #expect(try await t.admin("/api/app/logs?appId=\(escaped("Second App"))").status == .notFound, "by name it is gone")

            // The host's own entries: secrets, under no app.
            let host = try await t.log(nil)
            #expect(host.entries.allSatisfy { $0["appId"] == .null })
            let opsCreated = host.entries.with(event: "secret.create").first { $0["detail"] == .string("ops") }
            #expect(opsCreated?["actor"] == .string("secret:tests") && opsCreated?["address"]?.stringValue != nil)
            #expect(host.entries.with(event: "secret.revoke").first?["detail"] == .string("ops"))
            #expect(
                host.entries.with(event: "secret.create").contains { $0["detail"] == .string("tests") && $0["actor"] == .null },
                "the first secret, made on the database")
            #expect(entries.with(event: "secret.create").isEmpty && entries.with(event: "secret.revoke").isEmpty)

            for secret in secrets {
                #expect(
                    !logHolds(secret, entries: entries + second.entries + host.entries, text: text + second.text + host.text),
                    "the log holds '\(secret)'")
            }
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func eventAndSinceFiltersAndPaging(_ db: TestDatabase) async throws {
        try await TestHost.run(db, settings: [("signupFlow", "none")]) { t async throws in
            try await t.signUp("paged@example.com")
            for _ in 0..<3 {
                _ = try await t.form("/api/appuser/login", [("handle", "paged@example.com"), ("password", md5("nope"))], appToken: t.token)
            }
            try await Task.sleep(for: .milliseconds(50))
            let middle = Date()
            try await Task.sleep(for: .milliseconds(50))
            for _ in 0..<2 {
                _ = try await t.form("/api/appuser/login", [("handle", "paged@example.com"), ("password", md5("pass1234"))], appToken: t.token)
            }

            let (all, allHeaders) = try await t.adminWithHeaders("/api/app/logs?appId=\(t.appId)")
            let total = try #require(allHeaders.totalCount)
            #expect(total == all.items.count && total >= 6, "\(all.text)")

            let (logins, loginHeaders) = try await t.adminWithHeaders("/api/app/logs?appId=\(t.appId)&event=login")
            #expect(logins.items.count == 5 && loginHeaders.totalCount == 5)
            #expect(logins.items.allSatisfy { $0["event"] == .string("login") })
            #expect(logins.items.prefix(2).allSatisfy { $0["outcome"] == .string(AuditEntry.success) }, "newest first")
            let (none, noneHeaders) = try await t.adminWithHeaders("/api/app/logs?appId=\(t.appId)&event=no.such.event")
            #expect(none.items.isEmpty && noneHeaders.totalCount == 0)

            let (recent, recentHeaders) = try await t.adminWithHeaders("/api/app/logs?appId=\(t.appId)&since=\(escaped(AppJSON.date(middle)))")
            #expect(recent.items.count == 2 && recentHeaders.totalCount == 2, "\(recent.text)")
            #expect(recent.items.allSatisfy { $0["event"] == .string("login") && $0["outcome"] == .string(AuditEntry.success) })
            let recentLogins = try await t.admin("/api/app/logs?appId=\(t.appId)&event=login&since=\(escaped(AppJSON.date(middle)))")
            #expect(recentLogins.items.count == 2)
            // Without fractional seconds too.
            let wholeSecond = middle.addingTimeInterval(-3600).formatted(Date.ISO8601FormatStyle())
            #expect(try await t.admin("/api/app/logs?appId=\(t.appId)&event=login&since=\(escaped(wholeSecond))").items.count == 5)

            // Pages: `offset` is a page index; pages do not overlap and together are the whole log.
            var ids: [String] = []
            var page = 0
            while true {
                let (answer, headers) = try await t.adminWithHeaders("/api/app/logs?appId=\(t.appId)&limit=2&offset=\(page)")
                #expect(headers.totalCount == total)
                if answer.items.isEmpty { break }
                #expect(answer.items.count <= 2)
                ids += answer.items.compactMap { $0["id"]?.stringValue }
                page += 1
            }
            #expect(ids == all.items.compactMap { $0["id"]?.stringValue })
            #expect(Set(ids).count == total)

            // A page index whose row offset overflows (or is beyond any list) is a 400, never a crash.
            for bad in [
                "since=yesterday", "limit=0", "limit=501", "offset=-1", "offset=72057594037927937&limit=222",
                "offset=9223372036854775807&limit=500", "offset=99999999999999999999",
            ] {
                #expect(try await t.admin("/api/app/logs?appId=\(t.appId)&\(bad)").status == .badRequest, "\(bad)")
            }
            #expect(try await t.admin("/api/app/logs?appId=No%20Such%20App").status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func retentionPrunesOldEntries(_ db: TestDatabase) async throws {
        try await TestHost.run(db, settings: [("signupFlow", "none")]) { t async throws in
            try await t.signUp("recent@example.com")
            let store = t.host.storage.store
            let day: TimeInterval = 86_400
            let now = Date()
            for (app, age, detail) in [(t.app.id as UUID?, 100.0, "old app"), (nil, 100.0, "old host"), (t.app.id, 10.0, "young app")] {
                try await store.append(
                    AuditEntry(
                        appId: app, time: now.addingTimeInterval(-age * day), event: .appUpdate, actor: "cli", address: nil,
                        outcome: AuditEntry.success, detail: detail))
            }
            let before = try await t.log(t.appId)
            #expect(before.entries.contains { $0["detail"] == .string("old app") })
            #expect(try await t.log(nil).entries.contains { $0["detail"] == .string("old host") })

            let pruned = try await t.host.apps.audit.prune(before: now.addingTimeInterval(-30 * day))
            #expect(pruned == 2)
            let after = try await t.log(t.appId)
            #expect(after.entries.count == before.entries.count - 1)
            #expect(!after.entries.contains { $0["detail"] == .string("old app") })
            #expect(after.entries.contains { $0["detail"] == .string("young app") })
            #expect(after.entries.with(event: "signup").count == 1, "recent entries stay")
            #expect(!(try await t.log(nil).entries.contains { $0["detail"] == .string("old host") }))
            #expect(try await t.host.apps.audit.prune(before: now.addingTimeInterval(-30 * day)) == 0)

            #expect(try await t.host.apps.audit.prune(before: Date().addingTimeInterval(1)) > 0)
            let (empty, headers) = try await t.adminWithHeaders("/api/app/logs?appId=\(t.appId)")
            #expect(empty.items.isEmpty && headers.totalCount == 0)
        }
    }
}
