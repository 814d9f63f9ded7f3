import CosyncAuthCore
import CosyncAuthHost
import CosyncHostTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Testing

@testable import CosyncAuthPortal

/// The portal over HTTP: sessions, CSRF tokens, cross-site requests, lockout, and what its pages do to
/// a real host through its admin API.
@Suite("portal: web")
struct PortalWebTests {
    @Test func everyPageButLoginNeedsASessionAndCarriesTheSecurityHeaders() async throws {
        try await PortalSite.run(.sqlite) { _, browser, _ async throws in
            for path in ["/", "/hosts/new", "/hosts/\(UUID())"] {
                let page = try await browser.get(path)
                #expect(page.status == .seeOther && page.location == "/login", "\(path)")
            }
            let login = try await browser.get("/login")
            #expect(login.status == .ok && login.html.contains("Log in"))
            let policy = try #require(login.headers[.contentSecurityPolicy])
            #expect(policy.contains("default-src 'none'") && policy.contains("script-src 'self'") && !policy.contains("unsafe-inline"))
            #expect(login.headers[.xContentTypeOptions] == "nosniff" && login.headers[HTTPField.Name("x-frame-options")!] == "DENY")
            #expect(login.headers[.cacheControl] == "no-store")
            #expect(try await browser.get("/assets/portal.css").status == .ok, "assets are open")
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func formsNeedTheSessionsCSRFToken(_ db: TestDatabase) async throws {
        try await PortalSite.run(db) { t, browser, hostURL async throws in
            let bad = try await browser.login("ops@example.com", "wrong password")
            #expect(bad.status == .unauthorized && bad.html.contains("wrong email, password or code"))
            let login = try await browser.login("ops@example.com", PortalSite.password)
            #expect(login.status == .seeOther && login.location == "/")
            let cookie = try #require(login.headers[.setCookie])
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && !cookie.contains("Secure"), "http: no Secure")
            let hosts = try await browser.get("/")
            #expect(hosts.status == .ok && hosts.html.contains("No hosts yet"), "the empty state says how to start")

            let fields = [("name", "prod"), ("url", hostURL), ("secret", t.adminSecret)]
            #expect(try await browser.post("/hosts", fields, csrf: .some(nil)).status == .forbidden, "no token")
            #expect(try await browser.post("/hosts", fields, csrf: "forged").status == .forbidden, "a wrong token")
            #expect(try await t.host.hostRegistry.list().isEmpty, "nothing done")

            let wrongSecret = try await browser.post("/hosts", [("name", "prod"), ("url", hostURL), ("secret", "ss_wrong")])
            #expect(wrongSecret.status == .badRequest && wrongSecret.html.contains("id=\"error-secret\""))
            #expect(wrongSecret.html.contains("refused the server secret"))
            let added = try await browser.post("/hosts", fields)
            #expect(added.status == .seeOther)
            let list = try await browser.get("/")
            #expect(list.html.contains(">prod</a>") && list.html.contains("class=\"up\""))
        }
    }

    @Test func crossSiteFormsAreRefused() async throws {
        try await PortalSite.run(.sqlite) { t, browser, hostURL async throws in
            _ = try await browser.login("ops@example.com", PortalSite.password)
            _ = try await browser.get("/")
            let fields = [("name", "prod"), ("url", hostURL), ("secret", t.adminSecret)]
            let crossSite = try await browser.post("/hosts", fields, headers: [HTTPField.Name("sec-fetch-site")!: "cross-site"])
            #expect(crossSite.status == .forbidden)
            let otherOrigin = try await browser.post(
                "/hosts", fields, headers: [HTTPField.Name("sec-fetch-site")!: "", .origin: "https://evil.example"])
            #expect(otherOrigin.status == .forbidden)
            let crossSiteLogin = try await browser.post(
                "/login", [("email", "ops@example.com"), ("password", PortalSite.password)], csrf: .some(nil),
                headers: [HTTPField.Name("sec-fetch-site")!: "cross-site"])
            #expect(crossSiteLogin.status == .forbidden, "no login from another site either")
            #expect(try await t.host.hostRegistry.list().isEmpty)
        }
    }

    /// Without `Sec-Fetch-Site` (an older browser), the `Origin` decides: this host's is fine.
    @Test func theOriginDecidesWithoutFetchMetadata() {
        func post(authority: String, origin: String?, site: String? = nil) -> Request {
            var fields: HTTPFields = [:]
            if let origin { fields[.origin] = origin }
            if let site { fields[HTTPField.Name("sec-fetch-site")!] = site }
            return Request(
                head: HTTPRequest(method: .post, scheme: "https", authority: authority, path: "/hosts", headerFields: fields),
                body: .init(buffer: ByteBuffer()))
        }
        typealias Security = PortalSecurityMiddleware<BasicRequestContext>
        #expect(!Security.isCrossSite(post(authority: "portal.example.com", origin: "https://portal.example.com")))
        #expect(!Security.isCrossSite(post(authority: "portal.example.com:8090", origin: "http://portal.example.com:8090")))
        #expect(!Security.isCrossSite(post(authority: "portal.example.com", origin: nil)), "no Origin: a form from the page itself")
        #expect(Security.isCrossSite(post(authority: "portal.example.com", origin: "https://evil.example")))
        #expect(Security.isCrossSite(post(authority: "portal.example.com", origin: "null")))
        #expect(Security.isCrossSite(post(authority: "portal.example.com", origin: "https://portal.example.com", site: "same-site")))
        #expect(!Security.isCrossSite(post(authority: "portal.example.com", origin: "https://evil.example", site: "same-origin")))
    }

    @Test(arguments: TestDatabase.allCases)
    func anIdleSessionEndsAndLogoutEndsIt(_ db: TestDatabase) async throws {
        try await PortalSite.run(db) { t, browser, _ async throws in
            _ = try await browser.login("ops@example.com", PortalSite.password)
            #expect(try await browser.get("/").status == .ok)
            let token = try #require(browser.cookie?.split(separator: "=", maxSplits: 1).last.map(String.init))
            try await t.host.storage.store.touchPortalSession(digest: RandomToken.digest(token), at: Date().addingTimeInterval(-31 * 60))
            let after = try await browser.get("/")
            #expect(after.status == .seeOther && after.location == "/login", "idle for 31 minutes")

            _ = try await browser.login("ops@example.com", PortalSite.password)
            _ = try await browser.get("/")
            let out = try await browser.post("/logout", [])
            #expect(out.status == .seeOther && out.location == "/login" && browser.cookie == nil)
            #expect(try await browser.get("/").status == .seeOther)
        }
    }

    /// A host that does not answer is shown as down in the list, and its page says so: never a stack
    /// trace or a blank page.
    @Test func aHostThatIsDownIsShownAsDown() async throws {
        try await PortalSite.run(.sqlite) { t, browser, _ async throws in
            try await t.host.hostRegistry.registerItself(url: "http://127.0.0.1:9") { "ss_whatever" }
            _ = try await browser.login("ops@example.com", PortalSite.password)
            let list = try await browser.get("/")
            #expect(list.status == .ok && list.html.contains("class=\"down\""), "\(list.html)")
            let hostPage = try #require(list.html.firstMatch(of: /href="(\/hosts\/[0-9a-f-]+)"/).map { String($0.output.1) })
            let page = try await browser.get(hostPage)
            #expect(page.status == .badGateway && page.html.contains("The host did not answer") && page.html.contains("is the host running"))
            #expect(page.html.contains("</html>"), "a whole page")
            let missing = try await browser.get("/hosts/\(UUID())")
            #expect(missing.status == .notFound && missing.html.contains("no such host"))
        }
    }

    @Test func repeatedFailuresLockTheOperatorOut() async throws {
        try await PortalSite.run(.sqlite) { _, browser, _ async throws in
            for _ in 0..<5 { _ = try await browser.login("ops@example.com", "wrong password") }
            let locked = try await browser.login("ops@example.com", PortalSite.password)
            #expect(locked.status == .unauthorized && locked.html.contains("too many failed logins"))
            #expect(browser.cookie == nil)
        }
    }

    /// Suspending a user in the portal reaches the host: the user's live session stops working.
    @Test(arguments: TestDatabase.allCases)
    func aUserSuspendedInThePortalIsRefusedByTheHost(_ db: TestDatabase) async throws {
        try await PortalSite.run(db, settings: [("signupFlow", "none")]) { t, browser, hostURL async throws in
            let session = try await t.signUp("someone@example.com")
            _ = try await browser.login("ops@example.com", PortalSite.password)
            _ = try await browser.get("/hosts/new")
            let added = try await browser.post("/hosts", [("name", "prod"), ("url", hostURL), ("secret", t.adminSecret)])
            let hostPage = try #require(added.location)
            let host = try await browser.get(hostPage)
            #expect(host.html.contains("Test App"), "the host's apps")
            let appPath = "\(hostPage)/apps/\(t.app.id.uuidString.lowercased())"
            let users = try await browser.get("\(appPath)/users?q=someone")
            #expect(users.html.contains("someone@example.com") && users.html.contains("Suspend"))
            let suspended = try await browser.post("\(appPath)/users/status", [("user", "someone@example.com"), ("status", "suspend")])
            #expect(suspended.status == .seeOther)
            #expect(try await t.get("/api/appuser/getUser", accessToken: session).code == 405, "refused at once")
            #expect(try await browser.get("\(appPath)/users").html.contains("Activate"))
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func aBadSettingIsShownAtItsFieldAndChangesNothing(_ db: TestDatabase) async throws {
        try await PortalSite.run(db) { t, browser, hostURL async throws in
            _ = try await browser.login("ops@example.com", PortalSite.password)
            _ = try await browser.get("/hosts/new")
            let hostPage = try #require(try await browser.post("/hosts", [("name", "prod"), ("url", hostURL), ("secret", t.adminSecret)]).location)
            let settingsPath = "\(hostPage)/apps/\(t.app.id.uuidString.lowercased())/settings"
            let form = try await browser.get(settingsPath)
            #expect(form.html.contains("id=\"setting-signupFlow\""))
            let bad = try await browser.post(settingsPath, [("signupFlow", "none"), ("maxLoginAttempts", "many")])
            #expect(bad.status == .badRequest && bad.html.contains("id=\"error-maxLoginAttempts\""))
            #expect(try await t.host.apps.findApp(t.app.name).settings.signupFlow == .code, "all or nothing")
            let good = try await browser.post(settingsPath, [("signupFlow", "none"), ("maxLoginAttempts", "4")])
            #expect(good.status == .ok && good.html.contains("Saved"))
            let app = try await t.host.apps.findApp(t.app.name)
            #expect(app.settings.signupFlow == .none && app.settings.maxLoginAttempts == 4)
        }
    }
}
