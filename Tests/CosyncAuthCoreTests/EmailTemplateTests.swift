import CosyncAuthCore
import Testing

@Suite("email templates")
struct EmailTemplateTests {
    @Test func placeholdersAreFilledAndEscapedInHTMLOnly() {
        let template = EmailTemplate(
            name: .signUp, locale: "EN", subject: "Code %CODE% for %HANDLE%",
            html: "<p>Hi %HANDLE%, <a href=\"%LINK%\">confirm</a></p>")
        let email = template.render(["HANDLE": "a<b>&c@x.io", "CODE": "123456", "LINK": "https://h/x?a=1&b=2"])
        #expect(email.subject == "Code  for a<b>&c@x.io", "a code never reaches a subject, even from an old template")
        #expect(email.html == "<p>Hi a&lt;b&gt;&amp;c@x.io, <a href=\"https://h/x?a=1&amp;b=2\">confirm</a></p>")
        #expect(email.text == "Hi a<b>&c@x.io, confirm (https://h/x?a=1&b=2)\n")
    }

    @Test func unknownPlaceholdersAreRefusedWhenSaved() throws {
        #expect(throws: AuthError.self) {
            try EmailTemplate(name: .signUp, locale: "EN", subject: "Hi %HANDEL%", html: "<p>x</p>").validate()
        }
        #expect(throws: AuthError.self) { try EmailTemplate(name: .signUp, locale: "EN", subject: "s", html: " ").validate() }
        try EmailTemplate(name: .signUp, locale: "EN", subject: "50% off %APP_NAME%", html: "<p>%CODE%</p>").validate()
    }

    @Test func everyDefaultIsValidAndUsesItsPlaceholders() throws {
        for name in EmailTemplate.Name.allCases {
            let template = DefaultTemplates.template(name)
            try template.validate()
            let email = template.render(["HANDLE": "h@x.io", "APP_NAME": "App", "CODE": "987654", "LINK": "https://l"])
            #expect(!email.html.contains("%"), "\(name) leaves a placeholder")
            #expect(!email.text.contains("%"), "\(name) leaves a placeholder")
            #expect(!email.subject.contains("987654") && !email.subject.contains("https://l"), "\(name) puts a code in its subject")
        }
        #expect(DefaultTemplates.template(.signUp).render(["CODE": "987654"]).text.contains("987654"))
        #expect(DefaultTemplates.template(.signUpLink).render(["LINK": "https://l/x"]).text.contains("https://l/x"))
    }
}
