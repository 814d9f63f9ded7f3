import CosyncAuthCore
import CosyncAuthHost
import CosyncHostTestSupport
import CosyncTestSupport
import Foundation
import HTTPTypes
import Testing

@Suite("signup by code and link, password reset")
struct EmailFlowTests {
    @Test(arguments: TestDatabase.allCases)
    func signupByCode(_ db: TestDatabase) async throws {
        try await TestHost.run(db) { t async throws in
            let signup = try await t.form(
                "/api/appuser/signup", [("handle", "Code+1@Example.com"), ("password", md5("pw1")), ("locale", "EN")], appToken: t.token)
            #expect(signup.text == "true")
            let mail = try await t.mail(to: "code+1@example.com")
            #expect(mail.count == 1)
            #expect(mail.first?.subject == "Your Test App verification code", "never the code in a subject")
            let code = try await t.code(sentTo: "code+1@example.com")
            let wrong = code == "000000" ? "111111" : "000000"
            let outbox = try await t.admin("/api/app/outbox?limit=50")
            #expect(
                outbox.status == .ok && outbox.text.contains("code+1@example.com") && !outbox.text.contains(code),
                "an operator listing the outbox never sees a live code")

            #expect(
                try await t.form("/api/appuser/completeSignup", [("handle", "code+1@example.com"), ("code", wrong)], appToken: t.token).code == 602)
            let done = try await t.form("/api/appuser/completeSignup", [("handle", "code+1@example.com"), ("code", code)], appToken: t.token)
            #expect(done.status == .ok, "\(done.text)")
            #expect(done["access-token"] != nil && done["jwt"] != nil)
            #expect(try await t.mail(to: "code+1@example.com").last?.subject == "Welcome to Test App")
            #expect(
                try await t.form("/api/appuser/completeSignup", [("handle", "code+1@example.com"), ("code", code)], appToken: t.token).code == 601)
            #expect(
                try await t.form("/api/appuser/login", [("handle", "code+1@example.com"), ("password", md5("pw1"))], appToken: t.token).status == .ok)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func fiveWrongCodesKillTheSignupAndOldCodesExpire(_ db: TestDatabase) async throws {
        try await TestHost.run(db) { t async throws in
            _ = try await t.form("/api/appuser/signup", [("handle", "guess@example.com"), ("password", md5("pw"))], appToken: t.token)
            let code = try await t.code(sentTo: "guess@example.com")
            let wrong = code == "000000" ? "111111" : "000000"
            for _ in 0..<5 {
                #expect(
                    try await t.form("/api/appuser/completeSignup", [("handle", "guess@example.com"), ("code", wrong)], appToken: t.token).code == 602
                )
            }
            #expect(
                try await t.form("/api/appuser/completeSignup", [("handle", "guess@example.com"), ("code", code)], appToken: t.token).code == 602)
            #expect(try await t.host.storage.store.user(appId: t.app.id, handle: "guess@example.com") == nil)

            _ = try await t.form("/api/appuser/signup", [("handle", "late@example.com"), ("password", md5("pw"))], appToken: t.token)
            let lateCode = try await t.code(sentTo: "late@example.com")
            var pending = try #require(try await t.host.storage.store.pendingSignup(appId: t.app.id, handle: "late@example.com"))
            pending.expiresAt = Date().addingTimeInterval(-1)
            try await t.host.storage.store.save(pending)
            #expect(
                try await t.form("/api/appuser/completeSignup", [("handle", "late@example.com"), ("code", lateCode)], appToken: t.token).code == 411)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func signupByLinkOpensAPage(_ db: TestDatabase) async throws {
        try await TestHost.run(db, settings: [("signupFlow", "link")]) { t async throws in
            _ = try await t.form("/api/appuser/signup", [("handle", "o'brien+link@example.com"), ("password", md5("pw"))], appToken: t.token)
            let message = try #require(try await t.mail(to: "o'brien+link@example.com").first)
            #expect(message.html?.contains("o&#39;brien+link@example.com") == true, "handles are HTML-escaped")
            let link = String(try #require(message.text.firstMatch(of: /https?:\/\/\S+/)).output)
            #expect(link.contains("handle=o%27brien%2Blink@example.com"))
            let start = try #require(link.range(of: "/api/appuser")).lowerBound
            let path = String(link[start...])

            // Opening the link (as a mail scanner does, twice) confirms nothing: it shows a button.
            for _ in 0..<2 {
                let page = try await t.get(path)
                #expect(page.status == .ok && page.text.contains("<form method=\"post\""))
                #expect(page.text.contains("o&#39;brien+link@example.com"))
            }
            #expect(try await t.host.storage.store.user(appId: t.app.id, handle: "o'brien+link@example.com") == nil)
            let fields = HTMLForm.hiddenFields(in: try await t.get(path).text)
            #expect(fields.map(\.name) == ["appToken", "handle", "code", "confirm"])
            let formHeaders: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            let confirmed = try await t.send("/api/appuser/completeSignup", method: .post, headers: formHeaders, body: HTMLForm.body(fields))
            #expect(confirmed.status == .ok && confirmed.text.contains("<html") && confirmed.text.contains("o&#39;brien+link@example.com"))
            #expect(try await t.host.storage.store.user(appId: t.app.id, handle: "o'brien+link@example.com") != nil)
            let again = try await t.send("/api/appuser/completeSignup", method: .post, headers: formHeaders, body: HTMLForm.body(fields))
            #expect(again.status == .badRequest && again.text.contains("already confirmed"))
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func forgotAndResetPassword(_ db: TestDatabase) async throws {
        try await TestHost.run(db, settings: [("signupFlow", "none")]) { t async throws in
            let session = try await t.signUp("reset@example.com", password: "old")
            #expect(try await t.form("/api/appuser/forgotPassword", [("handle", "nobody@example.com")], appToken: t.token).code == 603)
            #expect(try await t.form("/api/appuser/forgotPassword", [("handle", "RESET@example.com")], appToken: t.token).text == "true")
            let code = try await t.code(sentTo: "reset@example.com")
            let wrong = code == "000000" ? "111111" : "000000"

            #expect(
                try await t.form(
                    "/api/appuser/resetPassword", [("handle", "reset@example.com"), ("password", md5("new")), ("code", wrong)], appToken: t.token
                ).code == 602)
            #expect(
                try await t.form(
                    "/api/appuser/resetPassword", [("handle", "reset@example.com"), ("password", "new"), ("code", code)], appToken: t.token
                ).code == 602)
            #expect(
                try await t.form(
                    "/api/appuser/resetPassword", [("handle", "reset@example.com"), ("password", md5("new")), ("code", code)], appToken: t.token
                ).text == "true")
            #expect(try await t.get("/api/appuser/getUser", accessToken: session).code == 405, "a reset revokes every session")
            #expect(
                try await t.form("/api/appuser/login", [("handle", "reset@example.com"), ("password", md5("old"))], appToken: t.token).code == 600)
            #expect(
                try await t.form("/api/appuser/login", [("handle", "reset@example.com"), ("password", md5("new"))], appToken: t.token).status == .ok)
            #expect(
                try await t.form(
                    "/api/appuser/resetPassword", [("handle", "reset@example.com"), ("password", md5("again")), ("code", code)], appToken: t.token
                ).code == 602, "codes are single use")
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func localizedTemplatesFallBackToEnglish(_ db: TestDatabase) async throws {
        try await TestHost.run(db, settings: [("locales", "EN,FR")]) { t async throws in
            try await t.host.storage.store.save(
                EmailTemplate(
                    name: .signUp, locale: "FR", subject: "Votre code %APP_NAME% : %CODE%", html: "<p>Bonjour %HANDLE%, code %CODE%</p>"),
                appId: t.app.id)
            _ = try await t.form("/api/appuser/signup", [("handle", "fr@example.com"), ("password", md5("pw")), ("locale", "FR")], appToken: t.token)
            _ = try await t.form("/api/appuser/signup", [("handle", "en@example.com"), ("password", md5("pw"))], appToken: t.token)
            let french = try #require(try await t.mail(to: "fr@example.com").first)
            #expect(french.subject == "Votre code Test App :", "the code stays out of the subject: \(french.subject)")
            #expect(french.text.hasPrefix("Bonjour fr@example.com, code "))
            #expect(try await t.mail(to: "en@example.com").first?.subject.hasPrefix("Your Test App verification code") == true)
        }
    }
}

@Suite("template administration")
struct TemplateAdministrationTests {
    @Test(arguments: TestDatabase.allCases)
    func brokenTemplatesAreRefusedWhenSaved(_ db: TestDatabase) async throws {
        try await TestHost.run(db, settings: [("locales", "EN,DE")]) { t async throws in
            let broken = EmailTemplate(name: .signUp, locale: "DE", subject: "Code %COD%", html: "<p>%CODE%</p>")
            await #expect(throws: AdminFailure.self) { try await t.host.apps.saveTemplate(app: t.app.name, broken) }
            let otherLocale = EmailTemplate(name: .signUp, locale: "IT", subject: "Codice %CODE%", html: "<p>%CODE%</p>")
            await #expect(throws: AdminFailure.self) { try await t.host.apps.saveTemplate(app: t.app.name, otherLocale) }
            #expect(try await t.host.storage.store.emailTemplate(appId: t.app.id, name: .signUp, locale: "DE") == nil)
            try await t.host.apps.saveTemplate(
                app: t.app.name, EmailTemplate(name: .signUp, locale: "de", subject: "Ihr Code %CODE%", html: "<p>%CODE%</p>"))
            #expect(try await t.host.storage.store.emailTemplate(appId: t.app.id, name: .signUp, locale: "DE")?.subject == "Ihr Code %CODE%")
        }
    }

    /// Codes may start with 0; a client that sends one as a JSON number loses the zero, and is not
    /// refused for it.
    @Test(arguments: TestDatabase.allCases)
    func aCodeSentAsAJSONNumberKeepsItsLeadingZero(_ db: TestDatabase) async throws {
        try await TestHost.run(db) { t async throws in
            let id = UUID()
            let now = Date()
            try await t.host.storage.store.save(
                PendingSignup(
                    id: id, appId: t.app.id, handle: "zero@example.com", passwordHash: try await t.host.accounts.passwords.hash(md5("pw")),
                    metadata: .emptyObject, locale: "EN", codeDigest: t.host.accounts.codes.digest("004217", salt: id),
                    createdAt: now, expiresAt: now.addingTimeInterval(3600)))
            let done = try await t.json(
                "/api/appuser/completeSignup", .object(["handle": .string("zero@example.com"), "code": .number(4217)]), appToken: t.token)
            #expect(done.status == .ok && done["access-token"] != nil, "\(done.text)")
        }
    }
}
