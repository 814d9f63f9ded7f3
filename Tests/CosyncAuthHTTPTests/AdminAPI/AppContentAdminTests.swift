import CosyncAuthCore
import CosyncAuthHost
import CosyncHostTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("admin API: metadata fields, templates, locales, secrets")
struct AppContentAdminTests {
    @Test(arguments: TestDatabase.allCases)
    func metadataFieldsAreAddedReplacedAndRemoved(_ db: TestDatabase) async throws {
        try await TestHost.run(db) { t async throws in
            func fields(_ answer: TestHost.Answer, _ list: String) -> [JSONValue] {
                if case .array(let items)? = answer.object["settings"]?.objectValue?[list] { return items }
                return []
            }
            func field(_ path: String, _ name: String, required: Bool, canEdit: Bool) -> JSONValue {
                .object(["path": .string(path), "fieldName": .string(name), "required": .bool(required), "canEdit": .bool(canEdit)])
            }
            let appId = JSONValue.string(t.appId)
            let added = try await t.admin(
                "/api/app/updateAppMetaData", method: .post,
                json: .object([
                    "appId": appId, "path": .string("user_data.name.first"), "required": .bool(true), "canEdit": .string("true"),
                ]))
            #expect(added.status == .ok, "\(added.text)")
            #expect(fields(added, "metaData") == [field("user_data.name.first", "first", required: true, canEdit: true)])

            let replaced = try await t.admin(
                "/api/app/updateAppMetaData", method: .post,
                json: .object([
                    "appId": appId, "path": .string("user_data.name.first"), "fieldName": .string("firstName"), "required": .bool(false),
                ]))
            #expect(fields(replaced, "metaData") == [field("user_data.name.first", "firstName", required: false, canEdit: false)])
            let second = try await t.admin(
                "/api/app/updateAppMetaData", method: .post,
                json: .object([
                    "appId": appId, "path": .string("user_data.age"), "required": .bool(true),
                ]))
            #expect(fields(second, "metaData").count == 2)

            let invite = try await t.admin(
                "/api/app/updateAppInviteMetaData", method: .post,
                json: .object([
                    "appId": appId, "path": .string("invited.team"),
                ]))
            #expect(fields(invite, "metaDataInvite") == [field("invited.team", "team", required: false, canEdit: false)])
            #expect(fields(invite, "metaData").count == 2, "the user list is untouched")

            // The required field is enforced at signup.
            #expect(
                try await t.form(
                    "/api/appuser/signup", [("handle", "nometa@example.com"), ("password", md5("x")), ("metaData", "{}")], appToken: t.token
                ).code == 604)

            // Bad paths and flags are refused and change nothing.
            let settingsBefore = try await t.currentSettings()
            for bad in ["user..name", ".name", "name.", "user.na me", "user.$name", "a/b"] {
                let refused = try await t.admin("/api/app/updateAppMetaData", method: .post, json: .object(["appId": appId, "path": .string(bad)]))
                #expect(refused.status == .badRequest, "path '\(bad)': \(refused.text)")
                #expect(
                    try await t.admin("/api/app/updateAppInviteMetaData", method: .post, json: .object(["appId": appId, "path": .string(bad)])).status
                        == .badRequest)
            }
            #expect(try await t.admin("/api/app/updateAppMetaData", method: .post, json: .object(["appId": appId])).status == .badRequest)
            #expect(
                try await t.admin(
                    "/api/app/updateAppMetaData", method: .post,
                    json: .object([
                        "appId": appId, "path": .string("ok.path"), "fieldName": .string(""),
                    ])
                ).status == .badRequest)
            #expect(
                try await t.admin(
                    "/api/app/updateAppMetaData", method: .post,
                    json: .object([
                        "appId": appId, "path": .string("ok.path"), "required": .string("maybe"),
                    ])
                ).status == .badRequest)
            #expect(
                try await t.admin(
                    "/api/app/updateAppMetaData", method: .post,
                    json: .object([
                        "appId": .string("No Such App"), "path": .string("ok.path"),
                    ])
                ).status == .notFound)
            #expect(try await t.currentSettings() == settingsBefore)

            // Removal, from each list.
            let removed = try await t.admin(
                "/api/app/deleteMetadata", method: .post, json: .object(["appId": appId, "path": .string("user_data.age")]))
            #expect(fields(removed, "metaData") == [field("user_data.name.first", "firstName", required: false, canEdit: false)])
            #expect(fields(removed, "metaDataInvite").count == 1)
            #expect(
                try await t.admin(
                    "/api/app/deleteMetadata", method: .post,
                    json: .object([
                        "appId": appId, "path": .string("invited.team"), "type": .string("metaData"),
                    ])
                ).status == .notFound, "the invite field is not in the user list")
            let removedInvite = try await t.admin(
                "/api/app/deleteMetadata", method: .post,
                json: .object([
                    "appId": appId, "path": .string("invited.team"), "type": .string("metaDataInvite"),
                ]))
            #expect(fields(removedInvite, "metaDataInvite").isEmpty && fields(removedInvite, "metaData").count == 1)
            #expect(
                try await t.admin(
                    "/api/app/deleteMetadata", method: .post,
                    json: .object([
                        "appId": appId, "path": .string("user_data.name.first"), "type": .string("other"),
                    ])
                ).status == .badRequest)
            #expect(
                try await t.admin(
                    "/api/app/deleteMetadata", method: .post,
                    json: .object([
                        "appId": appId, "path": .string("user_data.age"),
                    ])
                ).status == .notFound)
            let stored = try await t.host.apps.findApp(t.appId).settings
            #expect(stored.metaData == [MetadataField(path: "user_data.name.first", fieldName: "firstName")] && stored.metaDataInvite.isEmpty)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func templatesShowCustomAndDefaultAndRefuseUnknownPlaceholders(_ db: TestDatabase) async throws {
        try await TestHost.run(db) { t async throws in
            let names = Set(EmailTemplate.Name.allCases.map(\.rawValue))
            let initial = try await t.admin("/api/app/emailTemplates?appId=\(t.appId)")
            #expect(initial.status == .ok, "\(initial.text)")
            #expect(Set(initial.items.compactMap { $0["templateName"]?.stringValue }) == names && initial.items.count == names.count)
            #expect(initial.items.allSatisfy { $0["custom"] == .bool(false) && $0["locale"] == .string("EN") })

            let saved = try await t.admin(
                "/api/app/updateEmailTemplate", method: .post,
                json: .object([
                    "appId": .string(t.appId), "templateName": .string("signUp"), "subject": .string("Your %APP_NAME% code: %CODE%"),
                    "htmlTemplate": .string("<p>Hello %HANDLE%, %CODE%</p>"), "replyTo": .string("help@example.com"),
                ]))
            #expect(saved.text == "true", "\(saved.text)")
            let afterSave = try await t.admin("/api/app/emailTemplates?appId=\(t.appId)")
            let signUp = try #require(afterSave.items.first { $0["templateName"] == .string("signUp") })
            #expect(signUp["custom"] == .bool(true) && signUp["subject"] == .string("Your %APP_NAME% code: %CODE%"))
            #expect(signUp["replyTo"] == .string("help@example.com") && signUp["htmlTemplate"] == .string("<p>Hello %HANDLE%, %CODE%</p>"))
            #expect(afterSave.items.filter { $0["custom"] == .bool(true) }.count == 1)

            // An unknown placeholder: 400, and neither the template nor the default is touched.
            for (name, subject, html) in [("signUp", "Code %CODE%", "<p>%COD%</p>"), ("invite", "Hi %FIRST_NAME%", "<p>%CODE%</p>")] {
                let refused = try await t.admin(
                    "/api/app/updateEmailTemplate", method: .post,
                    json: .object([
                        "appId": .string(t.appId), "templateName": .string(name), "subject": .string(subject), "htmlTemplate": .string(html),
                    ]))
                #expect(refused.status == .badRequest && refused["message"]?.contains("placeholder") == true, "\(refused.text)")
            }
            #expect(try await t.admin("/api/app/emailTemplates?appId=\(t.appId)").text == afterSave.text)
            #expect(try await t.host.storage.store.emailTemplate(appId: t.app.id, name: .invite, locale: "EN") == nil)
            for body: [String: JSONValue] in [
                ["templateName": .string("welcome"), "subject": .string("s"), "htmlTemplate": .string("<p>x</p>")],
                [
                    "templateName": .string("signUp"), "subject": .string("s %CODE%"), "htmlTemplate": .string("<p>%CODE%</p>"),
                    "locale": .string("DE"),
                ],
                ["templateName": .string("signUp"), "subject": .string("s")],
            ] {
                var json = body
                json["appId"] = .string(t.appId)
                #expect(try await t.admin("/api/app/updateEmailTemplate", method: .post, json: .object(json)).status == .badRequest, "\(body)")
            }
            #expect(try await t.admin("/api/app/emailTemplates?appId=\(t.appId)").text == afterSave.text)

            // Another locale shows what its users get: the English template, as custom as it is.
            let french = try await t.admin("/api/app/emailTemplates?appId=\(t.appId)&locale=fr")
            #expect(french.items.count == names.count && french.items.allSatisfy { $0["locale"] == .string("FR") })
            #expect(try await t.admin("/api/app/emailTemplates?appId=\(t.appId)&locale=french").status == .badRequest)

            // The saved template is what a signup sends.
            _ = try await t.form("/api/appuser/signup", [("handle", "templated@example.com"), ("password", md5("pw"))], appToken: t.token)
            let mail = try #require(try await t.mail(to: "templated@example.com").first)
            #expect(mail.subject == "Your Test App code:" && mail.text.hasPrefix("Hello templated@example.com, "))
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func localesAreAddedAndRemovedWithTheirTemplates(_ db: TestDatabase) async throws {
        try await TestHost.run(db) { t async throws in
            let appId = JSONValue.string(t.appId)
            func locales(_ answer: TestHost.Answer) -> JSONValue? { answer.object["settings"]?.objectValue?["locales"] }

            let added = try await t.admin("/api/app/addLocale", method: .post, json: .object(["appId": appId, "locale": .string("fr")]))
            #expect(added.status == .ok, "\(added.text)")
            #expect(locales(added) == .array([.string("EN"), .string("FR")]))
            #expect(
                try await t.admin("/api/app/addLocale", method: .post, json: .object(["appId": appId, "locale": .string("FR")])).status == .conflict)
            #expect(
                try await t.admin("/api/app/addLocale", method: .post, json: .object(["appId": appId, "locale": .string("french")])).status
                    == .badRequest)
            #expect(try await t.admin("/api/app/emailTemplates?appId=\(t.appId)").items.count == 2 * EmailTemplate.Name.allCases.count)

            for locale in ["EN", "FR"] {
                #expect(
                    try await t.admin(
                        "/api/app/updateEmailTemplate", method: .post,
                        json: .object([
                            "appId": appId, "templateName": .string("signUp"), "locale": .string(locale),
                            "subject": .string("\(locale) %CODE%"), "htmlTemplate": .string("<p>\(locale) %CODE%</p>"),
                        ])
                    ).text == "true")
            }
            #expect(try await t.host.storage.store.emailTemplate(appId: t.app.id, name: .signUp, locale: "FR") != nil)

            // EN is every app's fallback and stays.
            let english = try await t.admin("/api/app/removeLocale", method: .post, json: .object(["appId": appId, "locale": .string("en")]))
            #expect(english.status == .badRequest, "\(english.text)")
            #expect(try await t.currentSettings()["locales"] == .array([.string("EN"), .string("FR")]))

            let removed = try await t.admin("/api/app/removeLocale", method: .post, json: .object(["appId": appId, "locale": .string("FR")]))
            #expect(removed.status == .ok, "\(removed.text)")
            #expect(locales(removed) == .array([.string("EN")]))
            #expect(try await t.host.storage.store.emailTemplate(appId: t.app.id, name: .signUp, locale: "FR") == nil, "FR templates went with FR")
            #expect(try await t.host.storage.store.emailTemplate(appId: t.app.id, name: .signUp, locale: "EN")?.subject == "EN %CODE%")
            #expect(
                try await t.admin("/api/app/removeLocale", method: .post, json: .object(["appId": appId, "locale": .string("FR")])).status
                    == .notFound)
            #expect(
                try await t.admin("/api/app/removeLocale", method: .post, json: .object(["appId": appId, "locale": .string("x1")])).status
                    == .badRequest)

            // A signup in FR is refused now; added back, FR starts from the English template.
            #expect(
                try await t.form("/api/appuser/signup", [("handle", "fr@example.com"), ("password", md5("pw")), ("locale", "FR")], appToken: t.token)
                    .code == 602)
            _ = try await t.admin("/api/app/addLocale", method: .post, json: .object(["appId": appId, "locale": .string("FR")]))
            let again = try await t.admin("/api/app/emailTemplates?appId=\(t.appId)&locale=FR")
            let signUp = try #require(again.items.first { $0["templateName"] == .string("signUp") })
            #expect(signUp["custom"] == .bool(false) && signUp["subject"] == .string("EN %CODE%"))
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func secretsAreCreatedListedAndRevokedAndTheOutboxListed(_ db: TestDatabase) async throws {
        try await TestHost.run(db) { t async throws in
            let listed = try await t.admin("/api/app/secrets")
            #expect(listed.items.compactMap { $0["name"]?.stringValue } == ["tests"])
            #expect(!listed.text.contains("ss_"), "secrets are never listed")

            let created = try await t.admin("/api/app/secrets", method: .post, json: .object(["name": .string("portal")]))
            #expect(created["name"] == "portal", "\(created.text)")
            let portal = try #require(created["serverSecret"])
            #expect(portal.hasPrefix("ss_"))
            #expect(try await t.admin("/api/app/secrets", method: .post, json: .object(["name": .string("portal")])).status == .conflict)
            #expect(try await t.admin("/api/app/secrets", method: .post, json: .object(["name": .string("Not Valid")])).status == .badRequest)
            #expect(try await t.admin("/api/app/secrets", method: .post, json: .object([:])).status == .badRequest)
            #expect(Set(try await t.admin("/api/app/secrets").items.compactMap { $0["name"]?.stringValue }) == ["tests", "portal"])

            // The new secret works, and stops working the moment it is revoked.
            #expect(try await t.admin("/api/app/allApps", secret: portal).status == .ok)
            #expect(try await t.admin("/api/app/secrets/portal", method: .delete).text == "true")
            let revoked = try await t.admin("/api/app/allApps", secret: portal)
            #expect(revoked.status == .unauthorized && revoked["message"] == "invalid server secret")
            #expect(try await t.admin("/api/app/secrets/portal", method: .delete).status == .notFound)
            // A secret can revoke itself; its next request is refused.
            let own = try #require(try await t.admin("/api/app/secrets", method: .post, json: .object(["name": .string("self")]))["serverSecret"])
            #expect(try await t.admin("/api/app/secrets/self", method: .delete, secret: own).text == "true")
            #expect(try await t.admin("/api/app/secrets", secret: own).status == .unauthorized)
            #expect(try await t.admin("/api/app/secrets").items.compactMap { $0["name"]?.stringValue } == ["tests"])

            // The outbox: newest first, filtered by status, never the message body.
            _ = try await t.form("/api/appuser/signup", [("handle", "first@example.com"), ("password", md5("pw"))], appToken: t.token)
            _ = try await t.form("/api/appuser/signup", [("handle", "second@example.com"), ("password", md5("pw"))], appToken: t.token)
            let outbox = try await t.admin("/api/app/outbox")
            #expect(outbox.items.compactMap { $0["recipient"]?.stringValue } == ["second@example.com", "first@example.com"])
            #expect(
                outbox.items.allSatisfy {
                    $0["status"] == .string("pending") && $0["appId"] == .string(t.appId.lowercased()) && $0["attempts"] == .number(0)
                        && $0["subject"]?.stringValue?.isEmpty == false
                })
            #expect(outbox.items.allSatisfy { $0["text"] == nil && $0["html"] == nil }, "never a message's body")
            #expect(
                try await t.admin("/api/app/outbox?status=pending&limit=1").items.compactMap { $0["recipient"]?.stringValue } == [
                    "second@example.com"
                ])
            #expect(try await t.admin("/api/app/outbox?status=sent").items.isEmpty)
            #expect(try await t.admin("/api/app/outbox?status=lost").status == .badRequest)
            #expect(try await t.admin("/api/app/outbox?limit=0").status == .badRequest)
            #expect(try await t.admin("/api/app/outbox?limit=10001").status == .badRequest)
        }
    }
}
