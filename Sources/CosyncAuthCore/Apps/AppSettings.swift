/// Every setting of an app, named as in the protocol. Decoding fills in defaults for missing keys, so a
/// setting added later needs no data migration.
public struct AppSettings: Sendable, Equatable, Codable {
    public var signupEnabled = true
    public var signupFlow = SignupFlow.code
    public var anonymousLoginEnabled = false
    public var userNamesEnabled = false
    public var invitationEnabled = false
    public var googleLoginEnabled = false
    public var appleLoginEnabled = false
    /// The app's bundle ids (Apple) and OAuth client ids (Google), comma-separated: an ID token must be
    /// issued to one of them.
    public var appleBundleId: String? = nil
    public var googleClientId: String? = nil
    public var twoFactorVerification = TwoFactorMode.none
    /// Lifetime of a user JWT, in hours.
    public var userJWTExpiration = 24
    /// Lifetime of an access token, in days (a deliberate difference: the original's never expired).
    public var accessTokenExpiration = 30
    /// The JWT `aud` claim; "none" when unset.
    public var realmAppId: String? = nil
    /// Whether the user JWT carries the handle as an `email` claim.
    public var metaDataEmail = true
    /// Upper-case ISO 639-1 codes; the first is not special, EN is always the fallback.
    public var locales = ["EN"]
    public var passwordFilter = false
    public var passwordMinLength = 8
    public var passwordMinUpper = 1
    public var passwordMinLower = 1
    public var passwordMinDigit = 1
    public var passwordMinSpecial = 1
    /// Consecutive failed logins before a lockout; 0 turns the lockout off.
    public var maxLoginAttempts = 0
    public var metaData: [MetadataField] = []
    public var metaDataInvite: [MetadataField] = []
    /// Free-form data the app shows its clients through getApplication.
    public var appData = JSONValue.emptyObject
    /// The app's own sender address; the host's (`--email-from`) when nil.
    public var emailFrom: String? = nil
    public var emailReplyTo: String? = nil
    /// Code lifetimes, in hours.
    public var signupCodeExpiration = 48
    public var resetCodeExpiration = 1
    public var inviteCodeExpiration = 168
    /// The app's account with its Twilio-compatible SMS provider, and its sender number. The token is
    /// not a setting: it is sealed apart (`SealedAppSecrets.smsToken`).
    public var twilioAccountSid: String? = nil
    public var twilioPhoneNumber: String? = nil
    /// SMS messages the app may send in a day (codes for setPhone and SMS logins): a ceiling on what an
    /// attacker pumping SMS to premium numbers can cost the app's owner.
    public var smsDailyLimit = 1_000

    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = AppSettings()
        signupEnabled = try c.decodeIfPresent(Bool.self, forKey: .signupEnabled) ?? d.signupEnabled
        signupFlow = try c.decodeIfPresent(SignupFlow.self, forKey: .signupFlow) ?? d.signupFlow
        anonymousLoginEnabled = try c.decodeIfPresent(Bool.self, forKey: .anonymousLoginEnabled) ?? d.anonymousLoginEnabled
        userNamesEnabled = try c.decodeIfPresent(Bool.self, forKey: .userNamesEnabled) ?? d.userNamesEnabled
        invitationEnabled = try c.decodeIfPresent(Bool.self, forKey: .invitationEnabled) ?? d.invitationEnabled
        googleLoginEnabled = try c.decodeIfPresent(Bool.self, forKey: .googleLoginEnabled) ?? d.googleLoginEnabled
        appleLoginEnabled = try c.decodeIfPresent(Bool.self, forKey: .appleLoginEnabled) ?? d.appleLoginEnabled
        appleBundleId = try c.decodeIfPresent(String.self, forKey: .appleBundleId)
        googleClientId = try c.decodeIfPresent(String.self, forKey: .googleClientId)
        twoFactorVerification = try c.decodeIfPresent(TwoFactorMode.self, forKey: .twoFactorVerification) ?? d.twoFactorVerification
        userJWTExpiration = try c.decodeIfPresent(Int.self, forKey: .userJWTExpiration) ?? d.userJWTExpiration
        accessTokenExpiration = try c.decodeIfPresent(Int.self, forKey: .accessTokenExpiration) ?? d.accessTokenExpiration
        realmAppId = try c.decodeIfPresent(String.self, forKey: .realmAppId)
        metaDataEmail = try c.decodeIfPresent(Bool.self, forKey: .metaDataEmail) ?? d.metaDataEmail
        locales = try c.decodeIfPresent([String].self, forKey: .locales) ?? d.locales
        passwordFilter = try c.decodeIfPresent(Bool.self, forKey: .passwordFilter) ?? d.passwordFilter
        passwordMinLength = try c.decodeIfPresent(Int.self, forKey: .passwordMinLength) ?? d.passwordMinLength
        passwordMinUpper = try c.decodeIfPresent(Int.self, forKey: .passwordMinUpper) ?? d.passwordMinUpper
        passwordMinLower = try c.decodeIfPresent(Int.self, forKey: .passwordMinLower) ?? d.passwordMinLower
        passwordMinDigit = try c.decodeIfPresent(Int.self, forKey: .passwordMinDigit) ?? d.passwordMinDigit
        passwordMinSpecial = try c.decodeIfPresent(Int.self, forKey: .passwordMinSpecial) ?? d.passwordMinSpecial
        maxLoginAttempts = try c.decodeIfPresent(Int.self, forKey: .maxLoginAttempts) ?? d.maxLoginAttempts
        metaData = try c.decodeIfPresent([MetadataField].self, forKey: .metaData) ?? d.metaData
        metaDataInvite = try c.decodeIfPresent([MetadataField].self, forKey: .metaDataInvite) ?? d.metaDataInvite
        appData = try c.decodeIfPresent(JSONValue.self, forKey: .appData) ?? d.appData
        emailFrom = try c.decodeIfPresent(String.self, forKey: .emailFrom)
        emailReplyTo = try c.decodeIfPresent(String.self, forKey: .emailReplyTo)
        signupCodeExpiration = try c.decodeIfPresent(Int.self, forKey: .signupCodeExpiration) ?? d.signupCodeExpiration
        resetCodeExpiration = try c.decodeIfPresent(Int.self, forKey: .resetCodeExpiration) ?? d.resetCodeExpiration
        inviteCodeExpiration = try c.decodeIfPresent(Int.self, forKey: .inviteCodeExpiration) ?? d.inviteCodeExpiration
        twilioAccountSid = try c.decodeIfPresent(String.self, forKey: .twilioAccountSid)
        twilioPhoneNumber = try c.decodeIfPresent(String.self, forKey: .twilioPhoneNumber)
        smsDailyLimit = try c.decodeIfPresent(Int.self, forKey: .smsDailyLimit) ?? d.smsDailyLimit
    }
}

extension AppSettings {
    public var appleBundleIds: [String] { Self.idList(appleBundleId) }
    public var googleClientIds: [String] { Self.idList(googleClientId) }

    static func idList(_ text: String?) -> [String] {
        (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

public enum SignupFlow: String, Sendable, Codable, CaseIterable {
    case code
    case link
    case none
}

public enum TwoFactorMode: String, Sendable, Codable, CaseIterable {
    case none
    case phone
    case google
}
