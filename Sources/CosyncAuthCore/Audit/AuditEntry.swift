public import Foundation

/// One line of an app's audit log: who did what, from where, and how it ended. It never holds a
/// password, code, token or secret: `detail` carries names (of settings, handles), never values.
public struct AuditEntry: Sendable, Equatable {
    public var id: UUID
    /// Nil for host-wide actions (server secrets).
    public var appId: UUID?
    public var time: Date
    public var event: AuditEvent
    /// The user's handle for auth events; `secret:NAME` or `cli` for administration.
    public var actor: String?
    /// The client's address as the host saw it.
    public var address: String?
    /// `success`, or the error the caller got.
    public var outcome: String
    public var detail: String?

    public init(
        id: UUID = UUID(), appId: UUID?, time: Date, event: AuditEvent, actor: String?, address: String?,
        outcome: String, detail: String? = nil
    ) {
        self.id = id
        self.appId = appId
        self.time = time
        self.event = event
        self.actor = actor
        self.address = address
        self.outcome = outcome
        self.detail = detail
    }

    public static let success = "success"
}

/// What happened, as a dotted name (`login`, `app.update`). Open-ended so that a newer host's entries
/// still read on an older one.
public struct AuditEvent: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    // Auth events (the user API).
    public static let signup = AuditEvent(rawValue: "signup")
    public static let completeSignup = AuditEvent(rawValue: "signup.complete")
    public static let register = AuditEvent(rawValue: "register")
    public static let invite = AuditEvent(rawValue: "invite")
    public static let login = AuditEvent(rawValue: "login")
    public static let loginAnonymous = AuditEvent(rawValue: "login.anonymous")
    public static let socialLogin = AuditEvent(rawValue: "login.social")
    public static let socialSignup = AuditEvent(rawValue: "signup.social")
    public static let lockout = AuditEvent(rawValue: "lockout")
    public static let changePassword = AuditEvent(rawValue: "password.change")
    public static let forgotPassword = AuditEvent(rawValue: "password.forgot")
    public static let resetPassword = AuditEvent(rawValue: "password.reset")
    public static let deleteAccount = AuditEvent(rawValue: "account.delete")
    public static let tokensRevoked = AuditEvent(rawValue: "tokens.revoke")
    public static let loginComplete = AuditEvent(rawValue: "login.complete")
    public static let twoFactorChange = AuditEvent(rawValue: "2fa.change")
    public static let phoneSet = AuditEvent(rawValue: "phone.set")
    public static let phoneVerify = AuditEvent(rawValue: "phone.verify")
    public static let twoFactorReset = AuditEvent(rawValue: "user.2fa.reset")
    public static let smsTest = AuditEvent(rawValue: "sms.test")

    // Administration.
    public static let appCreate = AuditEvent(rawValue: "app.create")
    public static let appUpdate = AuditEvent(rawValue: "app.update")
    public static let appDelete = AuditEvent(rawValue: "app.delete")
    public static let appReset = AuditEvent(rawValue: "app.reset")
    public static let appKeyRotate = AuditEvent(rawValue: "app.key.rotate")
    public static let appExport = AuditEvent(rawValue: "app.export")
    public static let appImport = AuditEvent(rawValue: "app.import")
    public static let templateUpdate = AuditEvent(rawValue: "template.update")
    public static let localeAdd = AuditEvent(rawValue: "locale.add")
    public static let localeRemove = AuditEvent(rawValue: "locale.remove")
    public static let emailTest = AuditEvent(rawValue: "email.test")
    public static let userStatus = AuditEvent(rawValue: "user.status")
    public static let userPassword = AuditEvent(rawValue: "user.password")
    public static let userMetadata = AuditEvent(rawValue: "user.metadata")
    public static let userAdd = AuditEvent(rawValue: "user.add")
    public static let userRemove = AuditEvent(rawValue: "user.remove")
    public static let signupRemove = AuditEvent(rawValue: "signup.remove")
    public static let inviteCreate = AuditEvent(rawValue: "invite.create")
    public static let inviteResend = AuditEvent(rawValue: "invite.resend")
    public static let inviteRemove = AuditEvent(rawValue: "invite.remove")
    public static let secretCreate = AuditEvent(rawValue: "secret.create")
    public static let secretRevoke = AuditEvent(rawValue: "secret.revoke")
}
