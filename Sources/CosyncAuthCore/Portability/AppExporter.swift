import Foundation

/// Writes an app, its users, pending signups, invites and templates in the original CoSync layout
/// (`ArchiveLayout`), walking users a page at a time so that memory stays flat whatever their number.
/// Codes are never exported (only their keyed digests exist); the app secret and private key only when
/// asked.
public struct AppExporter: Sendable {
    public let apps: AppAdministration
    public static let pageSize = 1_000

    public init(apps: AppAdministration) {
        self.apps = apps
    }

    var store: any AuthStore { apps.store }

    /// How far an export is: rows written of the total.
    public struct Progress: Sendable {
        public var rows: Int
        public var total: Int
    }

    public func export(
        app idOrName: String, includeSecrets: Bool, to sink: any ExportSink,
        progress: @Sendable (Progress) -> Void = { _ in }
    ) async throws -> App {
        let app = try await apps.findApp(idOrName)
        return try await apps.audit.around(.appExport, app: app.id, detail: includeSecrets ? "with secrets" : nil) {
            let counts = try await store.userCounts(appId: app.id)
            let total = counts.total + 1
            var done = 0

            try await sink.begin(file: ArchiveLayout.appFile)
            try await sink.append(CSV.line(ArchiveLayout.appColumns))
            try await sink.append(CSV.line(try await appRow(app, includeSecrets: includeSecrets)))
            try await sink.end()
            done += 1
            progress(Progress(rows: done, total: total))

            try await sink.begin(file: ArchiveLayout.userFile)
            try await sink.append(CSV.line(ArchiveLayout.userColumns))
            var after: UUID?
            while true {
                let page = try await store.usersPage(appId: app.id, after: after, limit: Self.pageSize)
                guard let last = page.last else { break }
                var lines: [String] = []
                for user in page {
                    // The authenticator secret is a secret: only with --include-secrets, as the app's keys.
                    var secret: String?
                    if includeSecrets, user.twoFactorGoogleVerification, let enrollment = try await store.totpEnrollment(userId: user.id) {
                        secret = try apps.sealer.open(enrollment.sealedSecret)
                    }
                    lines.append(CSV.line(userRow(user, googleSecretKey: secret)))
                }
                try await sink.append(lines.joined())
                after = last.id
                done += page.count
                progress(Progress(rows: done, total: max(total, done)))
            }
            try await sink.end()

            try await sink.begin(file: ArchiveLayout.signupFile)
            try await sink.append(CSV.line(ArchiveLayout.signupColumns))
            var offset = 0
            while true {
                let (signups, _) = try await store.pendingSignups(appId: app.id, containing: "", offset: offset, limit: Self.pageSize)
                guard !signups.isEmpty else { break }
                try await sink.append(signups.map { CSV.line(signupRow($0)) }.joined())
                offset += signups.count
            }
            try await sink.end()

            try await sink.begin(file: ArchiveLayout.inviteFile)
            try await sink.append(CSV.line(ArchiveLayout.inviteColumns))
            offset = 0
            while true {
                let (invites, _) = try await store.invites(appId: app.id, containing: "", offset: offset, limit: Self.pageSize)
                guard !invites.isEmpty else { break }
                try await sink.append(invites.map { CSV.line(inviteRow($0)) }.joined())
                offset += invites.count
            }
            try await sink.end()

            try await sink.begin(file: ArchiveLayout.templateFile)
            try await sink.append(CSV.line(ArchiveLayout.templateColumns))
            for template in try await store.emailTemplates(appId: app.id) {
                try await sink.append(CSV.line(templateRow(template, app: app)))
            }
            try await sink.end()
            return app
        }
    }

    func appRow(_ app: App, includeSecrets: Bool) async throws -> [String] {
        let s = app.settings
        var privateKey = "", appSecret = "", smsToken = ""
        if includeSecrets, let sealed = try await store.sealedSecrets(appId: app.id) {
            privateKey = Data(try apps.sealer.open(sealed.privateKeyPEM).utf8).base64EncodedString()
            appSecret = try apps.sealer.open(sealed.appSecret)
            smsToken = try sealed.smsToken.map(apps.sealer.open) ?? ""
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
