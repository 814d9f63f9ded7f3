/// Every app setting the portal edits, grouped as an operator thinks of them, each with one line of help.
/// The host checks the values; the portal only lays them out.
enum SettingsCatalog {
    enum Kind {
        case bool
        case choice([String])
        case number
        case text
        case secret
        case json
    }

    struct Setting {
        var name: String
        var label: String
        var kind: Kind
        var help: String
    }

    struct Group {
        var title: String
        var settings: [Setting]
    }

    static let groups: [Group] = [
        Group(
            title: "App",
            settings: [
                Setting(name: "name", label: "Name", kind: .text, help: "The app's name, unique on the host."),
                Setting(
                    name: "status", label: "Status", kind: .choice(["active", "inactive", "migrated"]),
                    help: "Only an active app serves its users."),
            ]),
        Group(
            title: "Sign-up",
            settings: [
                Setting(name: "signupEnabled", label: "Sign-up open", kind: .bool, help: "Whether new users may sign up at all."),
                Setting(
                    name: "signupFlow", label: "Sign-up flow", kind: .choice(["code", "link", "none"]),
                    help: "code: a six-digit code by email; link: a link by email; none: signed up at once."),
                Setting(name: "signupCodeExpiration", label: "Sign-up code lifetime (hours)", kind: .number, help: "How long a sign-up code works."),
                Setting(name: "invitationEnabled", label: "Invitations", kind: .bool, help: "Whether users may invite others."),
                Setting(name: "inviteCodeExpiration", label: "Invitation lifetime (hours)", kind: .number, help: "How long an invitation works."),
                Setting(
                    name: "anonymousLoginEnabled", label: "Anonymous login", kind: .bool, help: "Whether a client may log in without an account."),
                Setting(name: "userNamesEnabled", label: "User names", kind: .bool, help: "Whether users may pick a user name to log in with."),
            ]),
        Group(
            title: "Login & 2FA",
            settings: [
                Setting(
                    name: "maxLoginAttempts", label: "Failed logins before lockout", kind: .number,
                    help: "Consecutive failures that lock an account for a while; 0 turns the lockout off."),
                Setting(
                    name: "twoFactorVerification", label: "Second factor", kind: .choice(["none", "phone", "google"]),
                    help: "none, a code by SMS (phone), or an authenticator app (google)."),
                Setting(
                    name: "resetCodeExpiration", label: "Password reset code lifetime (hours)", kind: .number, help: "How long a reset code works."),
                Setting(name: "passwordFilter", label: "Password rules", kind: .bool, help: "Whether the rules below apply to new passwords."),
                Setting(name: "passwordMinLength", label: "Minimum length", kind: .number, help: "Characters a password needs at least."),
                Setting(name: "passwordMinUpper", label: "Upper-case letters", kind: .number, help: "At least this many."),
                Setting(name: "passwordMinLower", label: "Lower-case letters", kind: .number, help: "At least this many."),
                Setting(name: "passwordMinDigit", label: "Digits", kind: .number, help: "At least this many."),
                Setting(name: "passwordMinSpecial", label: "Other characters", kind: .number, help: "At least this many."),
            ]),
        Group(
            title: "Tokens & JWT",
            settings: [
                Setting(name: "userJWTExpiration", label: "JWT lifetime (hours)", kind: .number, help: "How long a user JWT is valid."),
                Setting(
                    name: "accessTokenExpiration", label: "Access token lifetime (days)", kind: .number,
                    help: "How long a session's access token works."),
                Setting(name: "realmAppId", label: "JWT audience (aud)", kind: .text, help: "The aud claim of user JWTs; empty for none."),
                Setting(name: "metaDataEmail", label: "Email claim", kind: .bool, help: "Whether user JWTs carry the handle as an email claim."),
            ]),
        Group(
            title: "Email",
            settings: [
                Setting(name: "emailFrom", label: "Sender", kind: .text, help: "The app's own From address; empty for the host's."),
                Setting(name: "emailReplyTo", label: "Reply-To", kind: .text, help: "Where replies go; empty for none."),
            ]),
        Group(
            title: "SMS",
            settings: [
                Setting(name: "twilioAccountSid", label: "Twilio account SID", kind: .text, help: "The app's account with its SMS provider."),
                Setting(name: "twilioToken", label: "Twilio token", kind: .secret, help: "Kept sealed; leave empty to keep the current one."),
                Setting(name: "twilioPhoneNumber", label: "Sender number", kind: .text, help: "In E.164 form, such as +14155550123."),
                Setting(name: "smsDailyLimit", label: "Messages per day", kind: .number, help: "A ceiling on what SMS can cost the app in a day."),
            ]),
        Group(
            title: "Social sign-in",
            settings: [
                Setting(name: "appleLoginEnabled", label: "Sign in with Apple", kind: .bool, help: "Whether users may sign in with Apple."),
                Setting(name: "appleBundleId", label: "Apple bundle ids", kind: .text, help: "Comma-separated; an ID token must be issued to one."),
                Setting(name: "googleLoginEnabled", label: "Sign in with Google", kind: .bool, help: "Whether users may sign in with Google."),
                Setting(name: "googleClientId", label: "Google client ids", kind: .text, help: "Comma-separated; an ID token must be issued to one."),
            ]),
        Group(
            title: "App data",
            settings: [
                Setting(name: "appData", label: "App data (JSON)", kind: .json, help: "A JSON object the app's clients read with getApplication.")
            ]),
    ]

    static let names: Set<String> = Set(groups.flatMap { $0.settings.map(\.name) })

    /// Settings kept elsewhere in the portal: locales on the templates tab, metadata fields below the settings.
    static let editedElsewhere: Set<String> = ["locales", "metaData", "metaDataInvite"]
}
