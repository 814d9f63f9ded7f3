import Foundation

/// Applies one setting, named as in the protocol, with its value as text (from `app set` or an admin
/// request). Validation lives here so the CLI and the API refuse the same values with the same words.
public enum AppSettingChange {
    public struct Invalid: Error, Equatable, Sendable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    /// Every name `apply` accepts, for help texts and error messages.
    public static let settingNames: [String] = [
        "name", "status", "signupEnabled", "signupFlow", "anonymousLoginEnabled", "userNamesEnabled",
        "invitationEnabled", "googleLoginEnabled", "appleLoginEnabled", "appleBundleId", "googleClientId",
        "twoFactorVerification",
        "userJWTExpiration", "accessTokenExpiration", "realmAppId", "metaDataEmail", "locales",
        "passwordFilter", "passwordMinLength", "passwordMinUpper", "passwordMinLower", "passwordMinDigit",
        "passwordMinSpecial", "maxLoginAttempts", "metaData", "metaDataInvite", "appData", "emailFrom",
        "emailReplyTo", "signupCodeExpiration", "resetCodeExpiration", "inviteCodeExpiration",
        "twilioAccountSid", "twilioPhoneNumber", "smsDailyLimit",
    ]

    /// Settings that are secrets: applied by `AppAdministration`, which seals them, never stored as settings.
    public static let secretSettingNames: Set<String> = ["twilioToken"]

    /// Returns the app with the setting changed, or throws `Invalid` and changes nothing.
    public static func apply(_ name: String, value: String, to app: App) throws(Invalid) -> App {
        var app = app
        var s = app.settings
        switch name {
        case "name": app.name = try appName(value)
        case "status": app.status = try choice(value, of: AppStatus.self, for: name)
        case "signupEnabled": s.signupEnabled = try bool(value, for: name)
        case "signupFlow": s.signupFlow = try choice(value, of: SignupFlow.self, for: name)
        case "anonymousLoginEnabled": s.anonymousLoginEnabled = try bool(value, for: name)
        case "userNamesEnabled": s.userNamesEnabled = try bool(value, for: name)
        case "invitationEnabled": s.invitationEnabled = try bool(value, for: name)
        case "googleLoginEnabled": s.googleLoginEnabled = try bool(value, for: name)
        case "appleLoginEnabled": s.appleLoginEnabled = try bool(value, for: name)
        case "appleBundleId": s.appleBundleId = try providerIds(value, for: name)
        case "googleClientId": s.googleClientId = try providerIds(value, for: name)
        case "twoFactorVerification": s.twoFactorVerification = try choice(value, of: TwoFactorMode.self, for: name)
        case "userJWTExpiration": s.userJWTExpiration = try int(value, for: name, in: 1...87_600)
        case "accessTokenExpiration": s.accessTokenExpiration = try int(value, for: name, in: 1...3_650)
        case "realmAppId":
            let trimmed = value.trimmingCharacters(in: .whitespaces)
            s.realmAppId = trimmed.isEmpty ? nil : trimmed
        case "metaDataEmail": s.metaDataEmail = try bool(value, for: name)
        case "locales": s.locales = try locales(value)
        case "passwordFilter": s.passwordFilter = try bool(value, for: name)
        case "passwordMinLength": s.passwordMinLength = try int(value, for: name, in: 1...256)
        case "passwordMinUpper": s.passwordMinUpper = try int(value, for: name, in: 0...256)
        case "passwordMinLower": s.passwordMinLower = try int(value, for: name, in: 0...256)
        case "passwordMinDigit": s.passwordMinDigit = try int(value, for: name, in: 0...256)
        case "passwordMinSpecial": s.passwordMinSpecial = try int(value, for: name, in: 0...256)
        case "maxLoginAttempts": s.maxLoginAttempts = try int(value, for: name, in: 0...1_000)
        case "metaData": s.metaData = try fields(value, for: name)
        case "metaDataInvite": s.metaDataInvite = try fields(value, for: name)
        case "appData":
            guard let data = JSONValue(jsonText: value), data.objectValue != nil else {
                throw Invalid(message: "appData must be a JSON object")
            }
            s.appData = data
        case "emailFrom": s.emailFrom = try optionalEmail(value, for: name)
        case "emailReplyTo": s.emailReplyTo = try optionalEmail(value, for: name)
        case "signupCodeExpiration": s.signupCodeExpiration = try int(value, for: name, in: 1...720)
        case "resetCodeExpiration": s.resetCodeExpiration = try int(value, for: name, in: 1...72)
        case "inviteCodeExpiration": s.inviteCodeExpiration = try int(value, for: name, in: 1...2_160)
        case "twilioAccountSid":
            let sid = value.trimmingCharacters(in: .whitespaces)
            guard sid.count <= 64, sid.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
                throw Invalid(message: "twilioAccountSid takes letters and digits (AC...), not '\(value)'")
            }
            s.twilioAccountSid = sid.isEmpty ? nil : sid
        case "twilioPhoneNumber":
            let trimmed = value.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty {
                s.twilioPhoneNumber = nil
            } else {
                guard let phone = E164.normalized(trimmed) else {
                    throw Invalid(message: "twilioPhoneNumber takes an E.164 number such as +14155550123, not '\(value)'")
                }
                s.twilioPhoneNumber = phone
            }
        case "smsDailyLimit": s.smsDailyLimit = try int(value, for: name, in: 0...1_000_000)
        default:
            throw Invalid(message: "unknown setting '\(name)'; settings are: \(settingNames.joined(separator: ", "))")
        }
        app.settings = s
        return app
    }

    public static func appName(_ value: String) throws(Invalid) -> String {
        let name = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 100, !name.contains(where: { $0.isNewline }) else {
            throw Invalid(message: "an app name is 1 to 100 characters on one line")
        }
        return name
    }

    public static func locales(_ value: String) throws(Invalid) -> [String] {
        var result: [String] = []
        for part in value.split(separator: ",") {
            guard let code = Locales.normalized(String(part)) else {
                throw Invalid(message: "locales takes two-letter ISO 639-1 codes separated by commas, e.g. EN,FR")
            }
            if !result.contains(code) { result.append(code) }
        }
        if !result.contains("EN") { result.insert("EN", at: 0) }
        return result
    }

    /// An address, or nothing (empty) to use the host's.
    private static func optionalEmail(_ value: String, for name: String) throws(Invalid) -> String? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return nil }
        guard Handle.isEmail(trimmed), !trimmed.contains(where: { "<>\r\n,;\"".contains($0) }) else {
            throw Invalid(message: "\(name) takes an email address (or nothing for the host's), not '\(value)'")
        }
        return trimmed
    }

    /// Ids at a sign-in provider, comma-separated (nothing clears them): printable ASCII without spaces.
    private static func providerIds(_ value: String, for name: String) throws(Invalid) -> String? {
        let ids = AppSettings.idList(value)
        guard value.utf8.count <= 2_000,
            ids.allSatisfy({ $0.allSatisfy { $0.isASCII && !$0.isWhitespace && !$0.isNewline && $0 != "," && ($0.asciiValue ?? 0) >= 0x21 } })
        else { throw Invalid(message: "\(name) takes ids separated by commas, e.g. com.example.app,com.example.app.watch") }
        return ids.isEmpty ? nil : ids.joined(separator: ",")
    }

    private static func bool(_ value: String, for name: String) throws(Invalid) -> Bool {
        switch value.lowercased() {
        case "true", "on", "yes", "1": return true
        case "false", "off", "no", "0": return false
        default: throw Invalid(message: "\(name) takes true or false, not '\(value)'")
        }
    }

    private static func int(_ value: String, for name: String, in range: ClosedRange<Int>) throws(Invalid) -> Int {
        guard let n = Int(value.trimmingCharacters(in: .whitespaces)), range.contains(n) else {
            throw Invalid(message: "\(name) takes a whole number from \(range.lowerBound) to \(range.upperBound), not '\(value)'")
        }
        return n
    }

    private static func choice<T: RawRepresentable & CaseIterable>(
        _ value: String, of: T.Type, for name: String
    ) throws(Invalid) -> T where T.RawValue == String {
        guard let v = T(rawValue: value) else {
            let options = T.allCases.map(\.rawValue).joined(separator: ", ")
            throw Invalid(message: "\(name) takes one of \(options), not '\(value)'")
        }
        return v
    }

    private static func fields(_ value: String, for name: String) throws(Invalid) -> [MetadataField] {
        guard let data = value.data(using: .utf8),
            let fields = try? JSONDecoder().decode([MetadataField].self, from: data)
        else {
            throw Invalid(message: "\(name) takes a JSON array of {\"path\", \"fieldName\", \"required\", \"canEdit\"}")
        }
        if let bad = fields.first(where: { !$0.isValid }) {
            throw Invalid(message: "\(name): '\(bad.path)' is not a dotted path of letters, digits, _ and -")
        }
        var seen = Set<String>()
        for field in fields where !seen.insert(field.path).inserted {
            throw Invalid(message: "\(name): the path '\(field.path)' appears twice")
        }
        return fields
    }
}
