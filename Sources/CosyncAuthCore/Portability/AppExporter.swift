import Foundation

/// Writes an app, its users, pending signups, invites and templates in the original CoSync layout
/// (`ArchiveLayout`), walking users a page at a time so that memory stays flat whatever their number.
/// Codes are never exported (only their keyed digests exist); the app secret and private key only when
/// asked.
public struct AppExporter: Sendable {
    /// Finds the app to export, by id or name.
    let apps: AppAdministration
    let store: any AuthStore
    let sealer: any SecretSealer
    public static let pageSize = 1_000

    public init(apps: AppAdministration, store: any AuthStore, sealer: any SecretSealer) {
        self.apps = apps
        self.store = store
        self.sealer = sealer
    }

    var audit: AuditTrail { AuditTrail(log: store, now: apps.now) }

    public func export(app idOrName: String, includeSecrets: Bool, to sink: any ExportSink) async throws -> App {
        let app = try await apps.findApp(idOrName)
        return try await audit.around(.appExport, app: app.id, detail: includeSecrets ? "with secrets" : nil) {
            try await write(ArchiveLayout.appFile, ArchiveLayout.appColumns, to: sink, rows: [try await appRow(app, includeSecrets: includeSecrets)])

            var after: UUID?
            try await write(ArchiveLayout.userFile, ArchiveLayout.userColumns, to: sink) {
                let page = try await store.usersPage(appId: app.id, after: after, limit: Self.pageSize)
                after = page.last?.id
                var rows: [[String]] = []
                for user in page {
                    // The authenticator secret is a secret: only with --include-secrets, as the app's keys.
                    var secret: String?
                    if includeSecrets, user.twoFactorGoogleVerification, let enrollment = try await store.totpEnrollment(userId: user.id) {
                        secret = try sealer.open(enrollment.sealedSecret)
                    }
                    rows.append(userRow(user, googleSecretKey: secret))
                }
                return rows
            }

            var signupOffset = 0
            try await write(ArchiveLayout.signupFile, ArchiveLayout.signupColumns, to: sink) {
                let (signups, _) = try await store.pendingSignups(appId: app.id, containing: "", offset: signupOffset, limit: Self.pageSize)
                signupOffset += signups.count
                return signups.map(signupRow)
            }

            var inviteOffset = 0
            try await write(ArchiveLayout.inviteFile, ArchiveLayout.inviteColumns, to: sink) {
                let (invites, _) = try await store.invites(appId: app.id, containing: "", offset: inviteOffset, limit: Self.pageSize)
                inviteOffset += invites.count
                return invites.map(inviteRow)
            }

            let templates = try await store.emailTemplates(appId: app.id).map { templateRow($0, app: app) }
            try await write(ArchiveLayout.templateFile, ArchiveLayout.templateColumns, to: sink, rows: templates)
            return app
        }
    }

    /// One file: its header, then the rows of each page `nextPage` gives until it gives none.
    private func write(
        _ file: String, _ columns: [String], to sink: any ExportSink, nextPage: () async throws -> [[String]]
    ) async throws {
        try await sink.begin(file: file)
        try await sink.append(CSV.line(columns))
        while true {
            let rows = try await nextPage()
            guard !rows.isEmpty else { break }
            try await sink.append(rows.map(CSV.line).joined())
        }
        try await sink.end()
    }

    private func write(_ file: String, _ columns: [String], to sink: any ExportSink, rows: [[String]]) async throws {
        var pending = rows
        try await write(file, columns, to: sink) {
            defer { pending = [] }
            return pending
        }
    }

    func appRow(_ app: App, includeSecrets: Bool) async throws -> [String] {
        let s = app.settings
        var privateKey = ""
        var appSecret = ""
        var smsToken = ""
        if includeSecrets, let sealed = try await store.sealedSecrets(appId: app.id) {
            privateKey = Data(try sealer.open(sealed.privateKeyPEM).utf8).base64EncodedString()
            appSecret = try sealer.open(sealed.appSecret)
            smsToken = try sealed.smsToken.map(sealer.open) ?? ""
        }
        let settings = (try? JSONEncoder().encode(s)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        let values: [String: String] = [
            "name": app.name, "status": app.status.rawValue, "jwtEnabled": "true", "appPrivateKey": privateKey,
            "appPublicKey": Data(app.publicKeyPEM.utf8).base64EncodedString(), "appToken": app.appToken,
            "appSecret": appSecret, "invitationEnabled": "\(s.invitationEnabled)", "signupEnabled": "\(s.signupEnabled)",
            "signupFlow": s.signupFlow.rawValue, "twoFactorVerification": s.twoFactorVerification.rawValue,
            "emailExtension": "false", "emailExtensionSenderEmail": s.emailFrom ?? "",
            "TWILIOAccountSid": s.twilioAccountSid ?? "", "TWILIOToken": smsToken, "TWILIOPhoneNumber": s.twilioPhoneNumber ?? "",
            "maxLoginAttempts": "\(s.maxLoginAttempts)", "passwordFilter": "\(s.passwordFilter)",
            "passwordMinLength": "\(s.passwordMinLength)", "passwordMinUpper": "\(s.passwordMinUpper)",
            "passwordMinLower": "\(s.passwordMinLower)", "passwordMinDigit": "\(s.passwordMinDigit)",
            "passwordMinSpecial": "\(s.passwordMinSpecial)", "userJWTExpiration": "\(s.userJWTExpiration)",
            "realmAppId": s.realmAppId ?? "", "appData": s.appData.jsonText,
            "metaDataInvite": Self.json(s.metaDataInvite), "metaData": Self.json(s.metaData),
            "metaDataEmail": "\(s.metaDataEmail)", "locales": s.locales.joined(separator: ","),
            "createdAt": ArchiveLayout.date(app.createdAt), "updatedAt": ArchiveLayout.date(app.updatedAt),
            "appId": app.id.uuidString.lowercased(), "settings": settings, "legacyAppToken": app.legacyAppToken ?? "",
        ]
        return ArchiveLayout.appColumns.map { values[$0] ?? "" }
    }

    func userRow(_ user: User, googleSecretKey: String?) -> [String] {
        let values: [String: String] = [
            "googleSecretKey": googleSecretKey ?? "",
            "handle": user.handle, "password": user.passwordHash ?? "", "status": user.status.rawValue,
            "appId": user.appId.uuidString.lowercased(),
            "twoFactorPhoneVerification": "\(user.twoFactorPhoneVerification)",
            "twoFactorGoogleVerification": "\(user.twoFactorGoogleVerification)", "phone": user.phone ?? "",
            "phoneVerified": "\(user.phoneVerified)", "metaData": user.metadata.jsonText,
            "lastLogin": user.lastLogin.map(ArchiveLayout.date) ?? "", "locale": user.locale,
            "createdAt": ArchiveLayout.date(user.createdAt), "updatedAt": ArchiveLayout.date(user.updatedAt),
            "userName": user.userName ?? "", "loginProvider": user.loginProvider.rawValue,
            "socialUserId": user.socialUserId ?? "",
        ]
        return ArchiveLayout.userColumns.map { values[$0] ?? "" }
    }

    func signupRow(_ signup: PendingSignup) -> [String] {
        let values: [String: String] = [
            "handle": signup.handle, "password": signup.passwordHash, "status": "pending",
            "appId": signup.appId.uuidString.lowercased(), "locale": signup.locale, "metaData": signup.metadata.jsonText,
            "createdAt": ArchiveLayout.date(signup.createdAt), "updatedAt": ArchiveLayout.date(signup.createdAt),
            "expiresAt": ArchiveLayout.date(signup.expiresAt),
        ]
        return ArchiveLayout.signupColumns.map { values[$0] ?? "" }
    }

    func inviteRow(_ invite: Invite) -> [String] {
        let values: [String: String] = [
            "handle": invite.handle, "senderHandle": invite.senderHandle,
            "senderUserId": invite.senderUserId?.uuidString.lowercased() ?? "", "status": "pending",
            "appId": invite.appId.uuidString.lowercased(), "metaData": invite.metadata.jsonText,
            "createdAt": ArchiveLayout.date(invite.createdAt), "updatedAt": ArchiveLayout.date(invite.createdAt),
            "expiresAt": ArchiveLayout.date(invite.expiresAt),
        ]
        return ArchiveLayout.inviteColumns.map { values[$0] ?? "" }
    }

    func templateRow(_ template: EmailTemplate, app: App) -> [String] {
        let values: [String: String] = [
            "appId": app.id.uuidString.lowercased(), "subject": template.subject, "replyTo": template.replyTo ?? "",
            "templateName": template.name.rawValue, "htmlTemplate": template.html, "locale": template.locale,
            "createdAt": ArchiveLayout.date(app.createdAt), "updatedAt": ArchiveLayout.date(app.updatedAt),
            "textTemplate": template.text ?? "",
        ]
        return ArchiveLayout.templateColumns.map { values[$0] ?? "" }
    }

    static func json(_ fields: [MetadataField]) -> String {
        (try? JSONEncoder().encode(fields)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }
}
