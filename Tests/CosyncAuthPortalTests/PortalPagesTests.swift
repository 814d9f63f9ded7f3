import CosyncAuthCore
import CosyncAuthHost
import CosyncHostTestSupport
import Foundation
import Testing

@testable import CosyncAuthPortal

/// Every page of the portal, reached by following links from the host list, and what its forms do to
/// the host behind it.
@Suite("portal: pages")
struct PortalPagesTests {
    /// Logs in and registers the live host as "prod"; answers the host page's path.
    static func prepare(_ t: TestHost, _ browser: PortalBrowser, _ hostURL: String) async throws -> String {
        _ = try await browser.login("ops@example.com", PortalSite.password)
        _ = try await browser.get("/hosts/new")
        return try #require(try await browser.post("/hosts", [("name", "prod"), ("url", hostURL), ("secret", t.adminSecret)]).location)
    }

    @Test func everyTemplateIsBuiltIn() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/CosyncAuthPortal/Resources")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".mustache") }
        #expect(Set(files.map { String($0.dropLast(".mustache".count)) }) == Set(PortalPages.templates.keys))
        _ = try PortalPages(base: "")
    }

    /// Every setting the host takes is on the portal's settings page, or on the tab that edits it.
    @Test func everySettingHasAPlace() {
        let host = Set(AppSettingChange.settingNames).union(AppSettingChange.secretSettingNames)
        #expect(SettingsCatalog.names.union(SettingsCatalog.editedElsewhere) == host)
    }

    /// From the host list, following every link of the portal's own: each page answers 200 with the
    /// layout, none a failure.
    @Test(arguments: TestDatabase.allCases)
    func everyPageIsReachableFromTheHostList(_ db: TestDatabase) async throws {
        try await PortalSite.run(db, settings: [("signupFlow", "none")]) { t, browser, hostURL async throws in
            _ = try await t.signUp("someone@example.com")
            _ = try await t.signUp("other@example.com")
            _ = try await Self.prepare(t, browser, hostURL)
            var seen: Set<String> = []
            var queue = ["/"]
            while let path = queue.popLast() {
                guard seen.insert(path).inserted else { continue }
                let page = try await browser.get(path)
                #expect(page.status == .ok && page.html.contains("</html>"), "\(path): \(page.status)")
                #expect(!page.html.contains("Something went wrong"), "\(path)")
                for match in page.html.matches(of: /href="(\/[^"#]*)"/) {
                    let link = String(match.output.1).replacingOccurrences(of: "&amp;", with: "&")
                    if !link.hasPrefix("/assets/") && !seen.contains(link) { queue.append(link) }
                }
            }
            let kinds = Set(seen.map { $0.replacing(/[0-9a-f]{8}-[0-9a-f-]{27}/, with: "ID").split(separator: "?").first.map(String.init) ?? $0 })
            for expected in [
                "/", "/hosts/new", "/hosts/ID", "/hosts/ID/edit", "/hosts/ID/secrets", "/hosts/ID/outbox", "/hosts/ID/apps/ID",
                "/hosts/ID/apps/ID/settings", "/hosts/ID/apps/ID/users", "/hosts/ID/apps/ID/users/ID", "/hosts/ID/apps/ID/pending",
                "/hosts/ID/apps/ID/audit", "/hosts/ID/apps/ID/templates", "/hosts/ID/apps/ID/move",
            ] {
                #expect(kinds.contains(expected), "no link leads to \(expected): \(kinds.sorted())")
            }
        }
    }

    /// The overview's figures and chart come from the host's own daily counts.
    @Test func theOverviewChartsTheLastThirtyDays() async throws {
        try await PortalSite.run(.sqlite, settings: [("signupFlow", "none")]) { t, browser, hostURL async throws in
            _ = try await t.signUp("someone@example.com")
            _ = try await t.form("/api/appuser/login", [("handle", "someone@example.com"), ("password", md5("pass1234"))], appToken: t.token)
            _ = try await t.form("/api/appuser/login", [("handle", "someone@example.com"), ("password", md5("wrong"))], appToken: t.token)
            let hostPage = try await Self.prepare(t, browser, hostURL)
            let overview = try await browser.get("\(hostPage)/apps/\(t.app.id.uuidString.lowercased())")
            #expect(overview.html.contains("id=\"activity-chart\""))
            #expect(overview.html.components(separatedBy: "<rect ").count - 1 == 60, "two bars a day for 30 days")
            #expect(overview.html.contains(": 1 sign-ups</title>") && overview.html.contains(": 1 logins</title>"))
            #expect(overview.html.contains(#"id="failed-30">1<"#) && overview.html.contains(#"id="signups-30">1<"#))
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func aUsersPageChangesTheUserOnTheHost(_ db: TestDatabase) async throws {
        try await PortalSite.run(db, settings: [("signupFlow", "none")]) { t, browser, hostURL async throws in
            _ = try await t.signUp("someone@example.com")
            let first = try await t.form("/api/appuser/login", [("handle", "someone@example.com"), ("password", md5("pass1234"))], appToken: t.token)
            #expect(first.status == .ok)
            let hostPage = try await Self.prepare(t, browser, hostURL)
            let user = try #require(try await t.host.storage.store.user(appId: t.app.id, handle: "someone@example.com"))
            let userPage = "\(hostPage)/apps/\(t.app.id.uuidString.lowercased())/users/\(user.id.uuidString.lowercased())"
            let shown = try await browser.get(userPage)
            #expect(shown.html.contains("someone@example.com") && shown.html.contains("id=\"user-logins\""), "the signup's login is listed")

            let badJSON = try await browser.post("\(userPage)/metadata", [("metaData", "{not json")])
            #expect(badJSON.status == .badRequest && badJSON.html.contains("id=\"error-metaData\"") && badJSON.html.contains("{not json"))
            let metadata = try await browser.post("\(userPage)/metadata", [("metaData", #"{"team": "blue"}"#)])
            #expect(metadata.status == .ok && metadata.html.contains("Metadata saved"))
            #expect(try await t.host.storage.store.user(id: user.id)?.metadata == .object(["team": .string("blue")]))

            let password = try await browser.post("\(userPage)/password", [("password", "brand new pass")])
            #expect(password.html.contains("Password set"))
            let login = try await t.form(
                "/api/appuser/login", [("handle", "someone@example.com"), ("password", md5("brand new pass"))], appToken: t.token)
            #expect(login.status == .ok, "the new password works: \(login.text)")

            #expect(try await browser.post("\(userPage)/delete", []).status == .badRequest, "unconfirmed: nothing happens")
            #expect(try await t.host.storage.store.user(id: user.id) != nil)
            let deleted = try await browser.post("\(userPage)/delete", [("confirm", "yes")])
            #expect(deleted.status == .seeOther)
            #expect(try await t.host.storage.store.user(id: user.id) == nil)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func templatesAreEditedWithAPreviewAndAnUnknownPlaceholderIsRefusedAtItsField(_ db: TestDatabase) async throws {
        try await PortalSite.run(db) { t, browser, hostURL async throws in
            let hostPage = try await Self.prepare(t, browser, hostURL)
            let templates = "\(hostPage)/apps/\(t.app.id.uuidString.lowercased())/templates"
            let page = try await browser.get("\(templates)?locale=EN&name=signUp")
            #expect(page.status == .ok && page.html.contains("id=\"template-resetPassword\"") && page.html.contains("%CODE%"))
            let fields = [("name", "signUp"), ("locale", "EN"), ("subject", "Welcome to %APP_NAME%"), ("replyTo", "")]
            let bad = try await browser.post("\(templates)/save", fields + [("html", "<p>Your code: %COD%</p>"), ("text", "")])
            #expect(bad.status == .badRequest && bad.html.contains("id=\"error-html\"") && bad.html.contains("%COD%"), "kept for fixing")
            let good = try await browser.post("\(templates)/save", fields + [("html", "<p>Your code: <b>%CODE%</b></p>"), ("text", "")])
            #expect(good.status == .ok && good.html.contains("saved"))
            let saved = try await t.host.apps.templates(app: t.app.name, locale: "EN").first { $0.template.name == .signUp }
            #expect(saved?.isCustom == true && saved?.template.html == "<p>Your code: <b>%CODE%</b></p>")

            let preview = try await browser.get("\(templates)/preview?locale=EN&name=signUp")
            #expect(preview.html == "<p>Your code: <b>123456</b></p>", "sample values")
            #expect(preview.headers[.contentSecurityPolicy]?.hasPrefix("sandbox;") == true)
            let edits = try await browser.post("\(templates)/preview", fields + [("html", "<p>Hi %HANDLE%</p>"), ("text", "")])
            #expect(edits.html == "<p>Hi someone@example.com</p>")

            let added = try await browser.post("\(templates)/locale", [("do", "add"), ("locale", "fr")])
            #expect(added.html.contains("Locale FR added") && added.html.contains("<option value=\"FR\" selected>"))
            #expect(try await browser.post("\(templates)/locale", [("do", "add"), ("locale", "french")]).html.contains("id=\"error-locale\""))
            let removed = try await browser.post("\(templates)/locale", [("do", "remove"), ("locale", "FR"), ("confirm", "yes")])
            #expect(removed.html.contains("Locale FR removed"))
            #expect(try await t.host.apps.findApp(t.app.name).settings.locales == ["EN"])
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func metadataFieldsAndDeliveryTestsOnTheSettingsPage(_ db: TestDatabase) async throws {
        try await PortalSite.run(db) { t, browser, hostURL async throws in
            let hostPage = try await Self.prepare(t, browser, hostURL)
            let settings = "\(hostPage)/apps/\(t.app.id.uuidString.lowercased())/settings"
            _ = try await browser.get(settings)
            let added = try await browser.post("\(settings)/field", [("type", "user"), ("path", "user_data.team"), ("required", "true")])
            #expect(added.html.contains("Field user_data.team saved") && added.html.contains("<code>user_data.team</code>"))
            let field = try #require(try await t.host.apps.findApp(t.app.name).settings.metaData.first)
            #expect(field.path == "user_data.team" && field.fieldName == "team" && field.required && !field.canEdit)
            let bad = try await browser.post("\(settings)/field", [("type", "invite"), ("path", "")])
            #expect(bad.status == .badRequest && bad.html.contains("id=\"error-field\""))
            _ = try await browser.post("\(settings)/field/remove", [("type", "user"), ("path", "user_data.team")])
            #expect(try await t.host.apps.findApp(t.app.name).settings.metaData.isEmpty)

            let email = try await browser.post("\(settings)/test-email", [("to", "ops@example.com")])
            #expect(email.status == .badRequest && email.html.contains("id=\"delivery-result\""), "no SMTP server in tests: said so")
            let sms = try await browser.post("\(settings)/test-sms", [("phone", "+14155550123")])
            #expect(sms.status == .badRequest && sms.html.contains("twilio"), "no SMS account: said so")
        }
    }

    /// An app moved through the portal: exported, imported back as a copy with its users, then the copy's
    /// key rotated, its users reset and the copy deleted.
    @Test(arguments: TestDatabase.allCases)
    func anAppIsExportedImportedRotatedResetAndDeleted(_ db: TestDatabase) async throws {
        try await PortalSite.run(db, settings: [("signupFlow", "none")]) { t, browser, hostURL async throws in
            _ = try await t.signUp("someone@example.com")
            _ = try await t.signUp("other@example.com")
            let hostPage = try await Self.prepare(t, browser, hostURL)
            let move = "\(hostPage)/apps/\(t.app.id.uuidString.lowercased())/move"
            #expect(try await browser.get(move).html.contains("id=\"export-app\""))
            let export = try await browser.download("\(move)/export", [])
            #expect(export.status == .ok && export.headers[.contentType] == "application/zip" && export.bytes.starts(with: [0x50, 0x4B]))

            _ = try await browser.get(hostPage)
            let report = try await browser.upload("\(hostPage)/import", file: export.bytes, fields: [("appName", "Copy")])
            #expect(report.status == .ok && report.html.contains("Copy was imported"), "\(report.html.prefix(2000))")
            #expect(report.html.contains("id=\"app-secret\">as_"))
            let copy = try await t.host.apps.findApp("Copy")
            #expect(try await t.host.users.counts(app: "Copy").users == 2)
            let broken = try await browser.upload("\(hostPage)/import", file: Array("not a zip".utf8), fields: [("appName", "Broken")])
            #expect(broken.status == .badRequest && broken.html.contains("id=\"error-import\""))

            let copyMove = "\(hostPage)/apps/\(copy.id.uuidString.lowercased())/move"
            _ = try await browser.get(copyMove)
            let rotated = try await browser.post("\(copyMove)/rotate-key", [("graceHours", "2")])
            #expect(rotated.html.contains("new key") && rotated.html.contains(">retiring<"))
            _ = try await browser.post("\(copyMove)/reset", [("confirm", "yes")])
            #expect(try await t.host.users.counts(app: "Copy").users == 0)
            let wrongName = try await browser.post("\(copyMove)/delete", [("confirmName", "copy")])
            #expect(wrongName.status == .badRequest && wrongName.html.contains("id=\"error-confirmName\""))
            let deleted = try await browser.post("\(copyMove)/delete", [("confirmName", "Copy")])
            #expect(deleted.status == .seeOther)
            await #expect(throws: AdminFailure.self) { try await t.host.apps.findApp("Copy") }
            #expect(try await t.host.users.counts(app: t.app.name).users == 2, "the original is untouched")
        }
    }

    /// An export of an app on the original CoSync server, imported through the portal: its users log in
    /// with their old passwords. A user added in the portal logs in at once.
    @Test(arguments: TestDatabase.allCases)
    func anOriginalExportIsImportedAndAUserAdded(_ db: TestDatabase) async throws {
        try await PortalSite.run(db) { t, browser, hostURL async throws in
            let hostPage = try await Self.prepare(t, browser, hostURL)
            let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("Fixtures/cosync-original/cosync-export.zip")
            _ = try await browser.get(hostPage)
            let report = try await browser.upload("\(hostPage)/import", file: Array(try Data(contentsOf: fixture)), fields: [("appName", "")])
            #expect(report.status == .ok && report.html.contains("was imported"), "\(report.html.prefix(1500))")
            let appHref = try #require(report.html.firstMatch(of: /href="([^"]+)" id="open-imported-app"/).map { String($0.output.1) })
            let imported = try await t.host.apps.findApp(String(try #require(appHref.split(separator: "/").last)))
            let legacy = try await t.form(
                "/api/appuser/login", [("handle", "legacy1@example.com"), ("password", md5("legacy-pass-1"))], appToken: imported.appToken)
            #expect(legacy.status == .ok, "\(legacy.text)")

            let users = "\(appHref)/users"
            _ = try await browser.get(users)
            let bad = try await browser.post("\(users)/add", [("handle", "not an address"), ("password", "pw")])
            #expect(bad.status == .badRequest && bad.html.contains("id=\"error-add-user\""))
            let added = try await browser.post("\(users)/add", [("handle", "new@example.com"), ("password", "a fresh pass"), ("metaData", "")])
            #expect(added.html.contains("new@example.com added"))
            let login = try await t.form(
                "/api/appuser/login", [("handle", "new@example.com"), ("password", md5("a fresh pass"))], appToken: imported.appToken)
            #expect(login.status == .ok, "\(login.text)")
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func invitationsSecretsAndTheAuditLog(_ db: TestDatabase) async throws {
        try await PortalSite.run(db, settings: [("invitationEnabled", "true")]) { t, browser, hostURL async throws in
            let hostPage = try await Self.prepare(t, browser, hostURL)
            let pending = "\(hostPage)/apps/\(t.app.id.uuidString.lowercased())/pending"
            _ = try await browser.get(pending)
            let bad = try await browser.post("\(pending)/invite", [("handles", "one@example.com, not-an-address")])
            #expect(bad.status == .badRequest && bad.html.contains("id=\"error-handles\"") && bad.html.contains("not-an-address"), "\(bad.html)")
            #expect(try await t.host.storage.store.invite(appId: t.app.id, handle: "one@example.com") == nil, "all or none")
            let invited = try await browser.post("\(pending)/invite", [("handles", "one@example.com\ntwo@example.com")])
            #expect(invited.html.contains("2 invitations sent") && invited.html.contains("two@example.com"), "\(invited.html)")
            let resent = try await browser.post("\(pending)/invite/resend", [("handle", "one@example.com")])
            #expect(resent.html.contains("sent again"))
            _ = try await browser.post("\(pending)/invite/withdraw", [("handle", "two@example.com"), ("confirm", "yes")])
            #expect(try await t.host.storage.store.invite(appId: t.app.id, handle: "two@example.com") == nil)

            let secrets = "\(hostPage)/secrets"
            _ = try await browser.get(secrets)
            let created = try await browser.post(secrets, [("name", "ci")])
            let secret = try #require(created.html.firstMatch(of: /id="new-secret">(ss_[A-Za-z0-9_-]+)</).map { String($0.output.1) })
            #expect(try await t.host.serverSecrets.verify(secret) == "ci")
            _ = try await browser.post("\(secrets)/revoke", [("name", "ci"), ("confirm", "yes")])
            #expect(try await t.host.serverSecrets.verify(secret) == nil, "revoked at once")

            let outbox = try await browser.get("\(hostPage)/outbox")
            #expect(outbox.html.contains("one@example.com"), "the invitations wait in the outbox: no SMTP in tests")

            let audit = try await browser.get("\(hostPage)/apps/\(t.app.id.uuidString.lowercased())/audit?event=invite.create")
            #expect(audit.status == .ok && audit.html.contains("invite.create") && !audit.html.contains(">app.update<"))
        }
    }
}
