public import Foundation

/// Creates an app from an export, its own or an original CoSync host's, all or nothing: the app, its
/// users (password hashes as they are: argon2id, or bcrypt from the original, rehashed at first login),
/// pending signups and invites that still have a code, and templates. The app keeps its RSA key pair
/// when the export has it, and its former app token as a second accepted token, because that token is
/// compiled into apps already in users' hands.
public struct AppImporter: Sendable {
    let store: any AuthStore
    let sealer: any SecretSealer
    let keys: any KeyPairGenerator
    let codes: any CodeHasher
    let now: @Sendable () -> Date
    public static let batchSize = 500

    public init(
        store: any AuthStore, sealer: any SecretSealer, keys: any KeyPairGenerator, codes: any CodeHasher,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store
        self.sealer = sealer
        self.keys = keys
        self.codes = codes
        self.now = now
    }

    var audit: AuditTrail { AuditTrail(log: store, now: now) }

    public struct Result: Sendable {
        public var app: App
        /// The app secret: the exported one when the export had it, else a new one (shown once).
        public var appSecret: String
        public var users = 0
        public var signups = 0
        public var invites = 0
        public var templates = 0
        public var keptKeyPair = false
        public var keptAppToken = false
        /// What was read but could not be kept, for the operator.
        public var warnings: [String] = []
    }

    public func importApp(from source: any ImportSource, name: String?) async throws -> Result {
        for file in [ArchiveLayout.appFile, ArchiveLayout.userFile] where !source.contains(file) {
            throw AdminFailure.archive(file: file, line: nil, "missing from the archive")
        }
        let (result, privateKeyPEM, smsToken) = try await readApp(source, name: name)
        let app = result.app
        let sealed = SealedAppSecrets(
            appSecret: try sealer.seal(result.appSecret), privateKeyPEM: try sealer.seal(privateKeyPEM),
            smsToken: try smsToken.map(sealer.seal))
        let prepared = result
        return try await audit.around(.appImport, app: app.id, detail: app.name) {
            try await store.transaction { store in
                var result = prepared
                do {
                    try await store.insert(app, secrets: sealed)
                } catch StoreConflict.appName {
                    throw AdminFailure.nameTaken(app.name)
                }
                result.users = try await importUsers(source, app: app, store: store)
                let signups = try await importSignups(source, app: app, store: store)
                result.signups = signups.imported
                if signups.skipped > 0 {
                    result.warnings.append("\(signups.skipped) pending signups without a code were left out: those people sign up again")
                }
                let invites = try await importInvites(source, app: app, store: store)
                result.invites = invites.imported
                if invites.skipped > 0 { result.warnings.append("\(invites.skipped) invitations without a code were left out: send them again") }
                result.templates = try await importTemplates(source, app: app, store: store, warnings: &result.warnings)
                return result
            }
        }
    }

    // MARK: The app

    /// The app as the archive describes it, with its private key in clear (kept, or new) and its SMS
    /// token when the export has it.
    private func readApp(_ source: any ImportSource, name: String?) async throws -> (Result, String, String?) {
        var rows: [(Int, [String: String])] = []
        try await eachRow(source, ArchiveLayout.appFile) { line, row in
            rows.append((line, row))
            guard rows.count == 1 else { throw AdminFailure.archive(file: ArchiveLayout.appFile, line: line, "holds more than one app") }
        }
        guard let (line, row) = rows.first else { throw AdminFailure.archive(file: ArchiveLayout.appFile, line: nil, "holds no app") }
        func fail(_ message: String) -> AdminFailure { AdminFailure.archive(file: ArchiveLayout.appFile, line: line, message) }

        let appName: String
        do { appName = try AppSettingChange.appName(name ?? row["name"] ?? "") } catch { throw fail(error.message) }
        var warnings: [String] = []
        var settings = AppSettings()
        if let json = row["settings"], !json.isEmpty {
            guard let decoded = try? JSONDecoder().decode(AppSettings.self, from: Data(json.utf8)) else {
                throw fail("settings is not a settings object")
            }
            settings = decoded
        } else {
            settings = try originalSettings(row, warnings: &warnings, fail: fail)
        }

        let keyPair: (privateKeyPEM: String, publicKeyPEM: String)
        var keptKeyPair = false
        if let encoded = row["appPrivateKey"], !encoded.isEmpty {
            guard let data = Data(base64Encoded: encoded), let pem = String(data: data, encoding: .utf8),
                let pair = try? keys.keyPair(privateKeyPEM: pem)
            else { throw fail("appPrivateKey is not the base64 of an RSA private key (PEM, 2048 bits or more)") }
            keyPair = pair
            keptKeyPair = true
        } else {
            keyPair = try await keys.makeKeyPair()
            warnings.append("the export has no private key: the app has a new key pair, so backends must trust its new public key")
        }
        let exportedSecret = row["appSecret"].flatMap { $0.isEmpty ? nil : $0 }
        if exportedSecret == nil { warnings.append("the export has no app secret: the app has a new one") }

        let legacyToken = row["appToken"].flatMap { $0.isEmpty ? nil : $0 }
        var keptToken = false
        if let legacyToken {
            if try await store.app(token: legacyToken) == nil {
                keptToken = true
            } else {
                warnings.append("the exported app token is used by another app on this host; only the new token works")
            }
        }
        let created = now()
        let status = AppStatus(rawValue: row["status"] ?? "") ?? .active
        let app = App(
            id: UUID(), name: appName, appToken: RandomToken.make(prefix: "app_"), publicKeyPEM: keyPair.publicKeyPEM,
            status: status, settings: settings, createdAt: row["createdAt"].flatMap(ArchiveLayout.parseDate) ?? created,
            updatedAt: created, legacyAppToken: keptToken ? legacyToken : nil)
        var result = Result(app: app, appSecret: exportedSecret ?? RandomToken.make(prefix: "as_"))
        result.keptKeyPair = keptKeyPair
        result.keptAppToken = keptToken
        result.warnings = warnings
        return (result, keyPair.privateKeyPEM, row["TWILIOToken"].flatMap { $0.isEmpty ? nil : $0 })
    }

    /// Settings from the original's columns. Its export wrote objects with JavaScript's `String()`,
    /// so metadata field lists arrive as `[object Object]` and cannot be recovered: they are reported.
    private func originalSettings(_ row: [String: String], warnings: inout [String], fail: (String) -> AdminFailure) throws -> AppSettings {
        var settings = AppSettings()
        let names: [(column: String, setting: String)] = [
            ("invitationEnabled", "invitationEnabled"), ("signupEnabled", "signupEnabled"), ("signupFlow", "signupFlow"),
            ("twoFactorVerification", "twoFactorVerification"), ("maxLoginAttempts", "maxLoginAttempts"),
            ("passwordFilter", "passwordFilter"), ("passwordMinLength", "passwordMinLength"),
            ("passwordMinUpper", "passwordMinUpper"), ("passwordMinLower", "passwordMinLower"),
            ("passwordMinDigit", "passwordMinDigit"), ("passwordMinSpecial", "passwordMinSpecial"),
            ("userJWTExpiration", "userJWTExpiration"), ("realmAppId", "realmAppId"), ("metaDataEmail", "metaDataEmail"),
            ("locales", "locales"), ("emailExtensionSenderEmail", "emailFrom"), ("TWILIOAccountSid", "twilioAccountSid"),
            ("TWILIOPhoneNumber", "twilioPhoneNumber"),
        ]
        var app = App(id: UUID(), name: "import", appToken: "", publicKeyPEM: "", settings: settings, createdAt: Date(), updatedAt: Date())
        for (column, setting) in names {
            guard let value = row[column], !value.isEmpty else { continue }
            do { app = try AppSettingChange.apply(setting, value: value, to: app) } catch {
                throw fail("\(column): \(error.message)")
            }
        }
        settings = app.settings
        for (column, setting) in [("metaData", "metaData"), ("metaDataInvite", "metaDataInvite"), ("appData", "appData")] {
            guard let value = row[column], !value.isEmpty else { continue }
            if let changed = try? AppSettingChange.apply(setting, value: value, to: app) {
                app = changed
            } else {
                warnings.append("\(column) could not be read (\(value.prefix(40))); set it again with cosync-auth app set or app fields")
            }
        }
        return app.settings
    }

    // MARK: Users, signups, invites, templates

    private func importUsers(_ source: any ImportSource, app: App, store: any AuthStore) async throws -> Int {
        var batch: [User] = []
        // Authenticator secrets of the batch, saved once their users exist.
        var enrollments: [TOTPEnrollment] = []
        // Hashes rather than handles keep memory small for a million users; a hash seen before is
        // confirmed against the batch and the rows already written, so a collision is never taken for
        // a duplicate.
        var seen = Set<Int>()
        var count = 0
        let file = ArchiveLayout.userFile
        try await eachRow(source, file) { line, row in
            func fail(_ message: String) -> AdminFailure { AdminFailure.archive(file: file, line: line, message) }
            // Anonymous handles keep their case, as loginAnonymous stores them.
            let raw = row["handle"] ?? ""
            guard let handle = Handle.anonymous(raw) ?? Handle.normalized(raw) else { throw fail("handle is empty or malformed") }
            let anonymous = Handle.isAnonymous(handle)
            guard anonymous || Handle.isEmail(handle) else { throw fail("handle '\(handle)' is not an email address") }
            if !seen.insert(handle.hashValue).inserted {
                var duplicate = batch.contains { $0.handle == handle }
                if !duplicate { duplicate = try await store.user(appId: app.id, handle: handle) != nil }
                if duplicate {
                    throw fail("handle '\(handle)' appears twice")
                }
            }
            let password = row["password"] ?? ""
            guard password.isEmpty || StoredPasswordHash.isRecognized(password) else { throw fail("password is not an argon2id or bcrypt hash") }
            let status: UserStatus
            switch row["status"] ?? "" {
            case "", "active": status = .active
            case "suspend", "suspended": status = .suspended
            case let other: throw fail("status '\(other)' is neither active nor suspended")
            }
            let metadata = try Self.metadata(row["metaData"], fail: fail)
            let provider = LoginProvider(rawValue: row["loginProvider"] ?? "") ?? (anonymous ? .anonymous : .email)
            let created = try Self.date(row["createdAt"], fail: fail) ?? app.createdAt
            let userName = row["userName"].flatMap { $0.isEmpty ? nil : $0 }
            // A phone counts only when it is a real E.164 number; 2FA only with what it needs (a verified
            // phone, or the authenticator's secret), else the user could never finish a login.
            let phone = E164.normalized(row["phone"] ?? "")
            let phoneVerified = phone != nil && row["phoneVerified"] == "true"
            let secret = row["googleSecretKey"].flatMap { $0.isEmpty ? nil : Base32.decode($0) }.flatMap { $0.count >= 10 ? $0 : nil }
            var user = User(
                appId: app.id, handle: handle, userName: userName, passwordHash: password.isEmpty ? nil : password,
                status: status, locale: Locales.normalized(row["locale"] ?? "") ?? Locales.fallback, metadata: metadata,
                loginProvider: provider,
                // The provider's subject: a user of Apple or Google signs in by it (the original's column too).
                socialUserId: provider == .apple || provider == .google
                    ? row["socialUserId"].flatMap { $0.isEmpty ? nil : String($0.prefix(255)) } : nil,
                phone: phone, phoneVerified: phoneVerified,
                twoFactorPhoneVerification: phoneVerified && row["twoFactorPhoneVerification"] == "true",
                twoFactorGoogleVerification: secret != nil && row["twoFactorGoogleVerification"] == "true",
                createdAt: created, updatedAt: try Self.date(row["updatedAt"], fail: fail) ?? created,
                lastLogin: try Self.date(row["lastLogin"], fail: fail))
            if user.twoFactorGoogleVerification, let secret {
                enrollments.append(TOTPEnrollment(userId: user.id, sealedSecret: try sealer.seal(Base32.encode(secret)), createdAt: created))
            } else {
                user.twoFactorGoogleVerification = false
            }
            batch.append(user)
            if batch.count == Self.batchSize {
                try await insert(batch, store: store, file: file, line: line)
                for enrollment in enrollments { try await store.save(enrollment) }
                enrollments.removeAll()
                count += batch.count
                batch.removeAll(keepingCapacity: true)
            }
        }
        try await insert(batch, store: store, file: file, line: nil)
        for enrollment in enrollments { try await store.save(enrollment) }
        return count + batch.count
    }

    private func insert(_ users: [User], store: any AuthStore, file: String, line: Int?) async throws {
        do {
            try await store.insert(users: users)
        } catch StoreConflict.userName {
            throw AdminFailure.archive(file: file, line: line, "two users have the same user name (in the batch ending here)")
        } catch StoreConflict.handle {
            throw AdminFailure.archive(file: file, line: line, "a handle, or an Apple or Google account, appears twice (in the batch ending here)")
        } catch StoreConflict.phone {
            throw AdminFailure.archive(file: file, line: line, "two users have the same phone number (in the batch ending here)")
        }
    }

    private func importSignups(_ source: any ImportSource, app: App, store: any AuthStore) async throws -> (imported: Int, skipped: Int) {
        try await eachCodedRow(source, ArchiveLayout.signupFile, lifetimeHours: app.settings.signupCodeExpiration) { row, pending, fail in
            guard let handle = Handle.normalized(row["handle"] ?? ""), Handle.isEmail(handle) else { throw fail("handle is not an email address") }
            let password = row["password"] ?? ""
            guard StoredPasswordHash.isRecognized(password) else { throw fail("password is not an argon2id or bcrypt hash") }
            guard let pending else { return }
            try await store.save(
                PendingSignup(
                    id: pending.id, appId: app.id, handle: handle, passwordHash: password,
                    metadata: try Self.metadata(row["metaData"], fail: fail),
                    locale: Locales.normalized(row["locale"] ?? "") ?? Locales.fallback, codeDigest: pending.codeDigest,
                    createdAt: pending.created, expiresAt: pending.expires))
        }
    }

    private func importInvites(_ source: any ImportSource, app: App, store: any AuthStore) async throws -> (imported: Int, skipped: Int) {
        try await eachCodedRow(source, ArchiveLayout.inviteFile, lifetimeHours: app.settings.inviteCodeExpiration) { row, pending, fail in
            guard let handle = Handle.normalized(row["handle"] ?? ""), Handle.isEmail(handle) else { throw fail("handle is not an email address") }
            guard let pending else { return }
            try await store.save(
                Invite(
                    id: pending.id, appId: app.id, handle: handle, senderUserId: nil, senderHandle: row["senderHandle"] ?? "",
                    metadata: try Self.metadata(row["metaData"], fail: fail), codeDigest: pending.codeDigest,
                    createdAt: pending.created, expiresAt: pending.expires))
        }
    }

    /// A record waiting for a code (a signup, an invite) as it is kept here: a new id, the code as this
    /// host's keyed digest, and its times.
    private struct PendingCode {
        var id: UUID
        var codeDigest: String
        var created: Date
        var expires: Date
    }

    /// Feeds `body` each row of a file of records waiting for a code, with that code as kept here, or nil
    /// when the row has none: this host exports only keyed digests, which another host cannot check, so
    /// such a record cannot be completed and is counted as skipped.
    private func eachCodedRow(
        _ source: any ImportSource, _ file: String, lifetimeHours: Int,
        _ body: ([String: String], PendingCode?, (String) -> AdminFailure) async throws -> Void
    ) async throws -> (imported: Int, skipped: Int) {
        guard source.contains(file) else { return (0, 0) }
        var imported = 0
        var skipped = 0
        try await eachRow(source, file) { line, row in
            func fail(_ message: String) -> AdminFailure { AdminFailure.archive(file: file, line: line, message) }
            var pending: PendingCode?
            if let code = row["code"], !code.isEmpty {
                let id = UUID()
                let created = try Self.date(row["createdAt"], fail: fail) ?? now()
                let expires = try Self.date(row["expiresAt"], fail: fail) ?? created.addingTimeInterval(Double(lifetimeHours) * 3600)
                pending = PendingCode(id: id, codeDigest: codes.digest(code, salt: id), created: created, expires: expires)
            }
            try await body(row, pending, fail)
            if pending == nil { skipped += 1 } else { imported += 1 }
        }
        return (imported, skipped)
    }

    private func importTemplates(
        _ source: any ImportSource, app: App, store: any AuthStore, warnings: inout [String]
    ) async throws -> Int {
        let file = ArchiveLayout.templateFile
        guard source.contains(file) else { return 0 }
        var count = 0
        try await eachRow(source, file) { line, row in
            guard let name = EmailTemplate.Name(rawValue: row["templateName"] ?? "") else {
                warnings.append("\(file) line \(line): unknown template '\(row["templateName"] ?? "")' left out")
                return
            }
            let template = EmailTemplate(
                name: name, locale: Locales.normalized(row["locale"] ?? "") ?? Locales.fallback, subject: row["subject"] ?? "",
                replyTo: row["replyTo"].flatMap { $0.isEmpty ? nil : $0 }, html: row["htmlTemplate"] ?? "",
                text: row["textTemplate"].flatMap { $0.isEmpty ? nil : $0 })
            do throws(AuthError) { try template.validate() } catch {
                warnings.append("\(file) line \(line): \(name.rawValue) left out (\(error.message)); the default is used")
                return
            }
            try await store.save(template, appId: app.id)
            count += 1
        }
        return count
    }

    // MARK: Reading

    /// Feeds `body` each data row of a file with its line, mapped by the header's column names.
    private func eachRow(
        _ source: any ImportSource, _ file: String,
        _ body: (Int, [String: String]) async throws -> Void
    ) async throws {
        var reader = CSVReader()
        var table: CSVTable?
        func handle(_ records: [CSVRecord]) async throws {
            for record in records {
                do {
                    guard let current = table else {
                        table = try CSVTable(header: record, keepingFirstDuplicate: true)
                        continue
                    }
                    try await body(record.line, try current.row(record))
                } catch let error as CSVError {
                    throw AdminFailure.archive(file: file, line: error.line, error.message)
                }
            }
        }
        do {
            try await source.read(file) { chunk in
                try await handle(try reader.feed(chunk))
            }
            try await handle(try reader.finish())
        } catch let error as CSVError {
            throw AdminFailure.archive(file: file, line: error.line, error.message)
        }
        guard table != nil else { throw AdminFailure.archive(file: file, line: 1, "has no header line") }
    }

    /// A metadata object; the original's `[object Object]` (its export could not write objects) and an
    /// empty cell read as empty.
    static func metadata(_ text: String?, fail: (String) -> AdminFailure) throws -> JSONValue {
        guard let text, !text.isEmpty, text != "[object Object]" else { return .emptyObject }
        guard let value = JSONValue(jsonText: text), value.objectValue != nil else { throw fail("metaData is not a JSON object") }
        return value
    }

    static func date(_ text: String?, fail: (String) -> AdminFailure) throws -> Date? {
        guard let text, !text.isEmpty else { return nil }
        guard let date = ArchiveLayout.parseDate(text) else { throw fail("'\(text)' is not a date") }
        return date
    }
}
