import CosyncAuthCore
import Foundation
import Testing

@Suite("app settings")
struct AppSettingChangeTests {
    let app = App(id: UUID(), name: "A", appToken: "t", publicKeyPEM: "k", createdAt: Date(), updatedAt: Date())

    @Test func everyNamedSettingIsAccepted() throws {
        let values: [String: String] = [
            "name": "B", "status": "inactive", "signupEnabled": "false", "signupFlow": "link",
            "anonymousLoginEnabled": "true", "userNamesEnabled": "true", "invitationEnabled": "true",
            "googleLoginEnabled": "false", "appleLoginEnabled": "false", "twoFactorVerification": "google",
            "userJWTExpiration": "48", "accessTokenExpiration": "7", "realmAppId": "realm-1", "metaDataEmail": "false",
            "locales": "fr,EN,de", "passwordFilter": "true", "passwordMinLength": "12", "passwordMinUpper": "2",
            "passwordMinLower": "2", "passwordMinDigit": "2", "passwordMinSpecial": "0", "maxLoginAttempts": "5",
            "metaData": #"[{"path":"a.b","fieldName":"b","required":true,"canEdit":true}]"#,
            "metaDataInvite": #"[{"path":"code"}]"#, "appData": #"{"theme":"dark"}"#,
            "emailFrom": "app@example.com", "emailReplyTo": "help@example.com", "signupCodeExpiration": "24",
            "resetCodeExpiration": "2", "inviteCodeExpiration": "72", "twilioAccountSid": "AC0123abcd",
            "twilioPhoneNumber": "+1 (415) 555-0100", "smsDailyLimit": "50",
            "appleBundleId": " com.example.app , com.example.app.watch ", "googleClientId": "1-abc.apps.googleusercontent.com",
        ]
        #expect(Set(values.keys) == Set(AppSettingChange.settingNames))
        var changed = app
        for (name, value) in values {
            changed = try AppSettingChange.apply(name, value: value, to: changed)
        }
        let s = changed.settings
        #expect(changed.name == "B" && changed.status == .inactive)
        #expect(!s.signupEnabled && s.signupFlow == .link && s.anonymousLoginEnabled && s.userNamesEnabled)
        #expect(s.twoFactorVerification == .google && s.userJWTExpiration == 48 && s.accessTokenExpiration == 7)
        #expect(s.realmAppId == "realm-1" && !s.metaDataEmail && s.locales == ["FR", "EN", "DE"])
        #expect(s.passwordFilter && s.passwordMinLength == 12 && s.maxLoginAttempts == 5 && s.smsDailyLimit == 50)
        #expect(s.metaData == [MetadataField(path: "a.b", fieldName: "b", required: true, canEdit: true)])
        #expect(s.metaDataInvite == [MetadataField(path: "code", fieldName: "code")])
        #expect(s.appData == .object(["theme": .string("dark")]))
        #expect(s.emailFrom == "app@example.com" && s.emailReplyTo == "help@example.com")
        #expect(s.signupCodeExpiration == 24 && s.resetCodeExpiration == 2 && s.inviteCodeExpiration == 72)
        #expect(s.twilioAccountSid == "AC0123abcd" && s.twilioPhoneNumber == "+14155550100")
    }

    @Test(arguments: [
        ("signupFlow", "sometimes"), ("signupEnabled", "maybe"), ("userJWTExpiration", "0"),
        ("userJWTExpiration", "ten"), ("maxLoginAttempts", "-1"), ("locales", "english"), ("status", "gone"),
        ("metaData", "{}"), ("metaData", #"[{"path":"a..b"}]"#), ("metaData", #"[{"path":"a"},{"path":"a"}]"#),
        ("appData", "[1]"), ("name", "  "), ("nosuch", "1"), ("emailFrom", "Bob <bob@x.com>"), ("resetCodeExpiration", "0"),
    ])
    func badValuesAreRefused(_ name: String, _ value: String) {
        #expect(throws: AppSettingChange.Invalid.self) { try AppSettingChange.apply(name, value: value, to: app) }
    }

    @Test func settingsDecodeWithDefaultsForMissingKeys() throws {
        let decoded = try JSONDecoder().decode(AppSettings.self, from: Data(#"{"signupFlow":"none"}"#.utf8))
        var expected = AppSettings()
        expected.signupFlow = .none
        #expect(decoded == expected)
    }
}
