public import Foundation

/// The layout of an app's export, as the original CoSync server writes it (public repository
/// Cosync/CosyncJWT-Server, `exportAppDatabase`): five CSV files at the root of a zip, with the
/// original's column names in its order, then this host's own columns after them (an original reader
/// ignores columns it does not know).
public enum ArchiveLayout {
    public static let appFile = "app-collection.csv"
    public static let userFile = "user-collection.csv"
    public static let signupFile = "signup-collection.csv"
    public static let inviteFile = "invite-collection.csv"
    public static let templateFile = "email-template-collection.csv"
    public static let files = [appFile, userFile, signupFile, inviteFile, templateFile]

    public static let appColumns = [
        "name", "status", "jwtEnabled", "appPrivateKey", "appPublicKey", "appToken", "appSecret", "handle",
        "invitationEnabled", "signupEnabled", "signupFlow", "twoFactorVerification", "emailExtension",
        "emailExtensionAPIKey", "emailExtensionSenderEmail", "TWILIOAccountSid", "TWILIOToken", "TWILIOPhoneNumber",
        "googleAppName", "maxLoginAttempts", "passwordFilter", "passwordMinLength", "passwordMinUpper",
        "passwordMinLower", "passwordMinDigit", "passwordMinSpecial", "userJWTExpiration", "realmAppId", "appData",
        "metaDataInvite", "metaData", "metaDataEmail", "locales", "createdAt", "updatedAt",
        // This host's own: the whole settings object, and the token kept from a former host.
        "appId", "settings", "legacyAppToken",
    ]
    public static let userColumns = [
        "handle", "password", "status", "appId", "twoFactorPhoneVerification", "twoFactorGoogleVerification",
        "googleSecretKey", "twoFactorCode", "phone", "phoneVerified", "phoneCode", "metaData", "lastLogin", "locale",
        "createdAt", "updatedAt",
        "userName", "loginProvider", "socialUserId",
    ]
    public static let signupColumns = [
        "handle", "password", "status", "appId", "code", "locale", "metaData", "createdAt", "updatedAt",
        "expiresAt",
    ]
    public static let inviteColumns = [
        "handle", "senderHandle", "senderUserId", "code", "status", "appId", "metaData", "createdAt", "updatedAt",
        "expiresAt",
    ]
    public static let templateColumns = [
        "appId", "subject", "replyTo", "templateName", "htmlTemplate", "locale", "createdAt", "updatedAt",
        "textTemplate",
    ]

    static func date(_ date: Date) -> String { ProtocolDate.text(date) }

    /// A time as either server writes it: ISO 8601 (this host), or JavaScript's `Date.toString()` (the
    /// original: `Tue Mar 05 2024 09:12:44 GMT+0000 (Coordinated Universal Time)`).
    public static func parseDate(_ text: String) -> Date? {
        let text = text.trimmingCharacters(in: .whitespaces)
        if let date = ProtocolDate.parse(text) { return date }
        let parts = text.split(separator: " ")
        guard parts.count >= 6, parts[5].hasPrefix("GMT"),
            let month = months.firstIndex(of: String(parts[1])), let day = Int(parts[2]), let year = Int(parts[3])
        else { return nil }
        let clock = parts[4].split(separator: ":").compactMap { Int($0) }
        let offsetText = parts[5].dropFirst(3)
        guard clock.count == 3, offsetText.count == 5, let sign = offsetText.first, sign == "+" || sign == "-",
            let hh = Int(offsetText.dropFirst().prefix(2)), let mm = Int(offsetText.suffix(2))
        else { return nil }
        let offset = (hh * 3600 + mm * 60) * (sign == "-" ? -1 : 1)
        var calendar = Calendar(identifier: .gregorian)
        guard let zone = TimeZone(secondsFromGMT: offset) else { return nil }
        calendar.timeZone = zone
        return calendar.date(from: DateComponents(year: year, month: month + 1, day: day, hour: clock[0], minute: clock[1], second: clock[2]))
    }

    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
}
