import CosyncAuthCore
import FluentKit
import FluentSQL
import Foundation
import PostgresNIO
import SQLKit
import SQLiteNIO

/// `AuthStore` over Fluent: one code path for SQLite and PostgreSQL.
struct FluentAuthStore: AuthStore {
    let database: any Database
    /// Where the hottest reads go when they are not part of a transaction.
    var readers: (any HotReaders)? = nil

    func transaction<T: Sendable>(_ work: @escaping @Sendable (any AuthStore) async throws -> T) async throws -> T {
        try await database.transaction { tx in try await work(FluentAuthStore(database: tx)) }
    }

    /// The SQL side of the database, for the statements Fluent's query builder cannot say.
    var sql: any SQLDatabase {
        // Both drivers are SQL databases; a non-SQL one is not a configuration this host supports.
        database as! any SQLDatabase
    }

    // MARK: Apps

    func app(id: UUID) async throws -> App? {
        try await AppModel.find(id, on: database)?.domain()
    }

    func app(name: String) async throws -> App? {
        try await AppModel.query(on: database).filter(\.$name == name).first()?.domain()
    }

    func apps() async throws -> [App] {
        try await AppModel.query(on: database).sort(\.$createdAt).sort(\.$name).all().map { try $0.domain() }
    }

    func insert(_ app: App, secrets: SealedAppSecrets) async throws {
        try await conflicts([("app_token", .appToken), ("name", .appName)]) {
            try await AppModel(app, secrets: secrets).create(on: database)
        }
    }

    func update(_ app: App) async throws {
        guard let model = try await AppModel.find(app.id, on: database) else { return }
        try model.copy(app)
        try await conflicts([("app_token", .appToken), ("name", .appName)]) {
            try await model.update(on: database)
        }
    }

    func sealedSecrets(appId: UUID) async throws -> SealedAppSecrets? {
        guard let model = try await AppModel.find(appId, on: database) else { return nil }
        return SealedAppSecrets(appSecret: model.sealedAppSecret, privateKeyPEM: model.sealedPrivateKey, smsToken: model.sealedSMSToken)
    }

    func updateSealedSMSToken(appId: UUID, sealed: String?) async throws {
        try await AppModel.query(on: database).filter(\.$id == appId).set(\.$sealedSMSToken, to: sealed).update()
    }

    func deleteApp(id: UUID) async throws {
        // Spelled out rather than left to ON DELETE CASCADE alone, so the outcome does not depend on an
        // engine's foreign-key settings.
        try await database.transaction { tx in
            try await Self.removeUsersAndPendingRecords(appId: id, in: tx)
            try await EmailTemplateModel.query(on: tx).filter(\.$appId == id).delete()
            try await OutboxModel.query(on: tx).filter(\.$appId == id).delete()
            try await (tx as! any SQLDatabase).raw("DELETE FROM app_retiring_keys WHERE app_id = \(bind: id)").run()
            try await AppModel.query(on: tx).filter(\.$id == id).delete()
        }
    }

    func resetApp(id: UUID) async throws {
        try await database.transaction { tx in
            try await Self.removeUsersAndPendingRecords(appId: id, in: tx)
            // Unsent emails carry codes of the signups and invitations just removed.
            try await OutboxModel.query(on: tx).filter(\.$appId == id).filter(\.$status == OutboxMessage.Status.pending.rawValue).delete()
        }
    }

    /// An app's users with their sessions and resets, and its pending signups and invitations: what both
    /// a reset and a deletion remove. (A user's 2FA records go with the user, by foreign key.) One
    /// statement per table, however many users: no list of their ids is ever built.
    private static func removeUsersAndPendingRecords(appId: UUID, in tx: any Database) async throws {
        try await (tx as! any SQLDatabase).raw(
            """
            DELETE FROM password_resets WHERE user_id IN (SELECT id FROM users WHERE app_id = \(bind: appId))
            """
        ).run()
        try await AccessTokenModel.query(on: tx).filter(\.$appId == appId).delete()
        try await UserModel.query(on: tx).filter(\.$appId == appId).delete()
        try await PendingSignupModel.query(on: tx).filter(\.$appId == appId).delete()
        try await InviteModel.query(on: tx).filter(\.$appId == appId).delete()
    }

    // MARK: Users

    func user(id: UUID) async throws -> User? {
        try await UserModel.find(id, on: database)?.domain()
    }

    func user(appId: UUID, provider: LoginProvider, socialUserId: String) async throws -> User? {
        try await UserModel.query(on: database).filter(\.$appId == appId).filter(\.$loginProvider == provider.rawValue)
            .filter(\.$socialUserId == socialUserId).first()?.domain()
    }

    func linkSocialUserId(userId: UUID, socialUserId: String) async throws -> Bool {
        let rows = try await sql.raw(
            """
            UPDATE users SET social_user_id = \(bind: socialUserId) WHERE id = \(bind: userId) AND social_user_id IS NULL RETURNING id
            """
        ).all()
        return !rows.isEmpty
    }

    func insert(_ user: User) async throws {
        // A second account of one provider subject is a second signup of the same person: a handle conflict.
        try await conflicts([("user_name", .userName), ("handle", .handle), ("social", .handle)]) {
            try await UserModel(user).create(on: database)
        }
    }

    func update(_ user: User, from original: User) async throws {
        let query = UserModel.query(on: database).filter(\.$id == user.id)
        var changed = false
        func set<Value: Equatable & Codable & Sendable>(_ field: KeyPath<UserModel, FieldProperty<UserModel, Value>>, _ new: Value, _ old: Value) {
            if new != old {
                query.set(field, to: new)
                changed = true
            }
        }
        func set<Value: Equatable & Codable & Sendable>(
            _ field: KeyPath<UserModel, OptionalFieldProperty<UserModel, Value>>, _ new: Value?, _ old: Value?
        ) {
            if new != old {
                query.set(field, to: new)
                changed = true
            }
        }
        set(\.$handle, user.handle, original.handle)
        set(\.$userName, user.userName, original.userName)
        set(\.$passwordHash, user.passwordHash, original.passwordHash)
        set(\.$status, user.status.rawValue, original.status.rawValue)
        set(\.$locale, user.locale, original.locale)
        set(\.$metadata, user.metadata.jsonText, original.metadata.jsonText)
        set(\.$loginProvider, user.loginProvider.rawValue, original.loginProvider.rawValue)
        set(\.$socialUserId, user.socialUserId, original.socialUserId)
        set(\.$phone, user.phone, original.phone)
        set(\.$phoneVerified, user.phoneVerified, original.phoneVerified)
        set(\.$twoFactorPhone, user.twoFactorPhoneVerification, original.twoFactorPhoneVerification)
        set(\.$twoFactorGoogle, user.twoFactorGoogleVerification, original.twoFactorGoogleVerification)
        set(\.$lastLogin, user.lastLogin, original.lastLogin)
        set(\.$failedLogins, user.failedLogins, original.failedLogins)
        set(\.$lockedUntil, user.lockedUntil, original.lockedUntil)
        guard changed else { return }
        query.set(\.$updatedAt, to: user.updatedAt)
        try await conflicts([("user_name", .userName), ("phone", .phone), ("handle", .handle)]) {
            try await query.update()
        }
    }

    func recordLogin(userId: UUID, at time: Date, verifiedHash: String?, newHash: String?) async throws -> Bool {
        let sameHash: SQLQueryString = verifiedHash.map { "AND password_hash = \(bind: $0)" } ?? ""
        let rows = try await sql.raw(
            """
            UPDATE users SET last_login = \(bind: time), failed_logins = 0, locked_until = NULL,
                password_hash = COALESCE(\(bind: newHash), password_hash)
            WHERE id = \(bind: userId) AND status = \(bind: UserStatus.active.rawValue) \(sameHash)
            RETURNING id
            """
        ).all()
        return !rows.isEmpty
    }

    func replacePasswordHash(userId: UUID, from old: String, to new: String) async throws -> Bool {
        let rows = try await sql.raw(
            """
            UPDATE users SET password_hash = \(bind: new) WHERE id = \(bind: userId) AND password_hash = \(bind: old) RETURNING id
            """
        ).all()
        return !rows.isEmpty
    }

    func deleteUser(id: UUID) async throws {
        try await database.transaction { tx in
            try await AccessTokenModel.query(on: tx).filter(\.$userId == id).delete()
            try await PasswordResetModel.query(on: tx).filter(\.$id == id).delete()
            try await UserModel.query(on: tx).filter(\.$id == id).delete()
        }
    }

    func users(
        appId: UUID, matching match: UserMatch, includeAnonymous: Bool, order: UserOrder, offset: Int, limit: Int
    ) async throws -> (
        users: [User], total: Int
    ) {
        if case .prefix(let text) = match {
            return try await users(appId: appId, prefix: text, includeAnonymous: includeAnonymous, order: order, offset: offset, limit: limit)
        }
        let query = UserModel.query(on: database).filter(\.$appId == appId)
        if case .contains(let text) = match {
            // Case-insensitive on both engines (SQLite's LIKE already is): anonymous handles keep their
            // upper-case ANON_ while searches arrive lower-cased.
            if sql.dialect.name == "postgresql" {
                let pattern = "%\(text)%"
                query.group(.or) {
                    $0.filter(\.$handle, .custom("ILIKE"), pattern).filter(\.$userName, .custom("ILIKE"), pattern)
                }
            } else {
                query.group(.or) { $0.filter(\.$handle ~~ text).filter(\.$userName ~~ text) }
            }
        }
        if !includeAnonymous { query.filter(\.$loginProvider != LoginProvider.anonymous.rawValue) }
        query.sort(.sql(unsafeRaw: Self.sortSQL(order)))
        let (page, total) = try await Self.page(query, offset: offset, limit: limit)
        return (try page.map { try $0.domain() }, total)
    }

    /// Users whose handle or user name starts with `text`: ranges of the (app_id, handle) and (app_id,
    /// user_name) indexes, which compare bytes on both engines, so every string that starts with a form
    /// lies between the form and the form followed by the last code point. The ranges are a union of
    /// ids joined to users in that order (SQLite keeps a CROSS JOIN's order): put as one query with OR,
    /// SQLite's planner without statistics prefers walking all of an app's handles in order to meet the
    /// ORDER BY, a million rows for a rare prefix.
    private func users(
        appId: UUID, prefix text: String, includeAnonymous: Bool, order: UserOrder, offset: Int, limit: Int
    ) async throws -> (users: [User], total: Int) {
        let ranges = UserMatch.storedForms(ofPrefix: text).flatMap { form -> [SQLQueryString] in
            let end = form + "\u{10FFFF}"
            return ["handle", "user_name"].map { column in
                "SELECT id FROM users WHERE app_id = \(bind: appId) AND \(ident: column) >= \(bind: form) AND \(ident: column) < \(bind: end)"
            }
        }
        let matched: SQLQueryString = "WITH matched(id) AS (\(ranges.joined(separator: " UNION ")))"
        var from: SQLQueryString = "FROM matched CROSS JOIN users WHERE users.id = matched.id"
        if !includeAnonymous { from += " AND users.login_provider <> \(bind: LoginProvider.anonymous.rawValue)" }
        let total = try await sql.raw("\(matched) SELECT COUNT(*) AS total \(from)").first()?.decode(column: "total", as: Int.self) ?? 0
        let page = try await sql.raw(
            "\(matched) SELECT users.* \(from) ORDER BY \(unsafeRaw: Self.sortSQL(order)) LIMIT \(literal: limit) OFFSET \(literal: offset)"
        )
        .all(decodingFluent: UserModel.self)
        return (try page.map { try $0.domain() }, total)
    }

    /// The ORDER BY of an operator's list of users, for both ways of finding them.
    private static func sortSQL(_ order: UserOrder) -> String {
        switch order {
        case .handle: "users.handle"
        case .newest: "users.created_at DESC, users.handle"
        // Never logged in sorts last on both engines.
        case .lastLogin: "users.last_login IS NULL, users.last_login DESC, users.handle"
        }
    }

    func usersPage(appId: UUID, after: UUID?, limit: Int) async throws -> [User] {
        let query = UserModel.query(on: database).filter(\.$appId == appId)
        if let after { query.filter(\.$id > after) }
        return try await query.sort(\.$id).limit(limit).all().map { try $0.domain() }
    }

    func insert(users: [User]) async throws {
        guard !users.isEmpty else { return }
        try await conflicts([("user_name", .userName), ("handle", .handle), ("social", .handle)]) {
            try await users.map(UserModel.init).create(on: database)
        }
    }

    func userCounts(appId: UUID) async throws -> (total: Int, anonymous: Int) {
        let total = try await UserModel.query(on: database).filter(\.$appId == appId).count()
        let anonymous = try await UserModel.query(on: database).filter(\.$appId == appId)
            .filter(\.$loginProvider == LoginProvider.anonymous.rawValue).count()
        return (total, anonymous)
    }

    // MARK: Pending signups

    func pendingSignup(appId: UUID, handle: String) async throws -> PendingSignup? {
        try await PendingSignupModel.query(on: database)
            .filter(\.$appId == appId).filter(\.$handle == handle).first()?.domain()
    }

    func save(_ signup: PendingSignup) async throws {
        try await replacing("pending_signups:\(signup.appId):\(signup.handle)") { tx in
            try await PendingSignupModel.query(on: tx)
                .filter(\.$appId == signup.appId).filter(\.$handle == signup.handle).delete()
            try await PendingSignupModel(signup).create(on: tx)
        }
    }

    func deletePendingSignup(id: UUID) async throws {
        try await PendingSignupModel.query(on: database).filter(\.$id == id).delete()
    }

    func pendingSignups(appId: UUID, containing text: String, offset: Int, limit: Int) async throws -> (signups: [PendingSignup], total: Int) {
        let query = PendingSignupModel.query(on: database).filter(\.$appId == appId)
        if !text.isEmpty { query.filter(\.$handle ~~ text) }
        let (page, total) = try await Self.page(query.sort(\.$handle), offset: offset, limit: limit)
        return (try page.map { try $0.domain() }, total)
    }

    // MARK: Access tokens

    /// In plain SQL, as every login writes it: the model's reflection cost more than the insert.
    func insert(_ token: AccessTokenRecord) async throws {
        try await sql.raw(
            """
            INSERT INTO access_tokens (digest, user_id, app_id, created_at, expires_at)
            VALUES (\(bind: token.digest), \(bind: token.userId), \(bind: token.appId), \(bind: token.createdAt), \(bind: token.expiresAt))
            """
        ).run()
    }

    func accessToken(digest: String) async throws -> AccessTokenRecord? {
        try await AccessTokenModel.find(digest, on: database)?.domain()
    }

    func deleteAccessTokens(userId: UUID, keeping: String?) async throws {
        let query = AccessTokenModel.query(on: database).filter(\.$userId == userId)
        if let keeping { query.filter(\.$id != keeping) }
        try await query.delete()
        try await LoginChallengeModel.query(on: database).filter(\.$userId == userId).delete()
    }

    // MARK: Server secrets

    func serverSecrets() async throws -> [ServerSecret] {
        try await ServerSecretModel.query(on: database).sort(\.$id).all().map { try $0.domain() }
    }

    func insert(_ secret: ServerSecret) async throws {
        try await conflicts([("server_secrets", .serverSecretName)]) {
            try await ServerSecretModel(secret).create(on: database)
        }
    }

    func deleteServerSecret(name: String) async throws {
        try await ServerSecretModel.query(on: database).filter(\.$id == name).delete()
    }

    // MARK: Outbox

    func enqueue(_ message: OutboxMessage) async throws {
        try await OutboxModel(message).create(on: database)
    }

    /// One statement claims the batch: on PostgreSQL `FOR UPDATE SKIP LOCKED` lets instances claim
    /// side by side without waiting on or taking each other's rows; SQLite has one writer anyway.
    func claimDueMessages(now: Date, limit: Int, leaseUntil: Date, channels: Set<OutboxMessage.Channel>) async throws -> [OutboxMessage] {
        guard !channels.isEmpty else { return [] }
        let channelList = SQLKit.SQLList(channels.sorted { $0.rawValue < $1.rawValue }.map { SQLBind($0.rawValue) })
        let skipLocked: SQLQueryString = sql.dialect.name == "postgresql" ? "FOR UPDATE SKIP LOCKED" : ""
        let rows = try await sql.raw(
            """
            UPDATE outbox SET lease_until = \(bind: leaseUntil)
            WHERE id IN (
                SELECT id FROM outbox
                WHERE status = 'pending' AND next_attempt_at <= \(bind: now) AND channel IN (\(channelList))
                  AND (lease_until IS NULL OR lease_until <= \(bind: now))
                ORDER BY next_attempt_at LIMIT \(bind: limit) \(skipLocked))
            RETURNING id
            """
        ).all()
        let ids = try rows.map { try $0.decode(column: "id", as: UUID.self) }
        guard !ids.isEmpty else { return [] }
        return try await OutboxModel.query(on: database).filter(\.$id ~~ ids).sort(\.$nextAttemptAt).all().map { try $0.domain() }
    }

    func recordAttempt(_ message: OutboxMessage) async throws {
        guard let model = try await OutboxModel.find(message.id, on: database) else { return }
        model.record(message)
        try await model.update(on: database)
    }

    func outboxMessages(status: OutboxMessage.Status?, limit: Int) async throws -> [OutboxMessage] {
        let query = OutboxModel.query(on: database).sort(\.$createdAt, .descending).limit(limit)
        if let status { query.filter(\.$status == status.rawValue) }
        return try await query.all().map { try $0.domain() }
    }

    // MARK: Email templates

    func emailTemplate(appId: UUID, name: EmailTemplate.Name, locale: String) async throws -> EmailTemplate? {
        try await EmailTemplateModel.query(on: database)
            .filter(\.$appId == appId).filter(\.$name == name.rawValue).filter(\.$locale == locale)
            .first()?.domain()
    }

    func save(_ template: EmailTemplate, appId: UUID) async throws {
        try await replacing("email_templates:\(appId):\(template.name.rawValue):\(template.locale)") { tx in
            try await EmailTemplateModel.query(on: tx)
                .filter(\.$appId == appId).filter(\.$name == template.name.rawValue).filter(\.$locale == template.locale)
                .delete()
            try await EmailTemplateModel(template, appId: appId).create(on: tx)
        }
    }

    func emailTemplates(appId: UUID) async throws -> [EmailTemplate] {
        try await EmailTemplateModel.query(on: database).filter(\.$appId == appId)
            .sort(\.$locale).sort(\.$name).all().compactMap { $0.domain() }
    }

    func deleteEmailTemplates(appId: UUID, locale: String) async throws {
        try await EmailTemplateModel.query(on: database).filter(\.$appId == appId).filter(\.$locale == locale).delete()
    }

    // MARK: Password resets

    func passwordReset(userId: UUID) async throws -> PasswordReset? {
        try await PasswordResetModel.find(userId, on: database)?.domain()
    }

    func save(_ reset: PasswordReset) async throws {
        try await replacing("password_resets:\(reset.userId)") { tx in
            try await PasswordResetModel.query(on: tx).filter(\.$id == reset.userId).delete()
            try await PasswordResetModel(reset).create(on: tx)
        }
    }

    func deletePasswordReset(userId: UUID) async throws {
        try await PasswordResetModel.query(on: database).filter(\.$id == userId).delete()
    }

    // MARK: Invites

    func invite(appId: UUID, handle: String) async throws -> Invite? {
        try await InviteModel.query(on: database).filter(\.$appId == appId).filter(\.$handle == handle).first()?.domain()
    }

    func save(_ invite: Invite) async throws {
        try await replacing("invites:\(invite.appId):\(invite.handle)") { tx in
            try await InviteModel.query(on: tx).filter(\.$appId == invite.appId).filter(\.$handle == invite.handle).delete()
            try await InviteModel(invite).create(on: tx)
        }
    }

    func deleteInvite(id: UUID) async throws {
        try await InviteModel.query(on: database).filter(\.$id == id).delete()
    }

    func invites(appId: UUID, containing text: String, offset: Int, limit: Int) async throws -> (invites: [Invite], total: Int) {
        let query = InviteModel.query(on: database).filter(\.$appId == appId)
        if !text.isEmpty { query.filter(\.$handle ~~ text) }
        let (page, total) = try await Self.page(query.sort(\.$handle), offset: offset, limit: limit)
        return (try page.map { try $0.domain() }, total)
    }

    // MARK: Audit log

    /// In plain SQL, as every login writes one: the model's reflection cost more than the insert.
    func append(_ entry: AuditEntry) async throws {
        try await sql.raw(
            """
            INSERT INTO audit_log (id, app_id, time, event, actor, address, outcome, detail)
            VALUES (\(bind: entry.id), \(bind: entry.appId), \(bind: entry.time), \(bind: entry.event.rawValue), \(bind: entry.actor),
                \(bind: entry.address), \(bind: entry.outcome), \(bind: entry.detail))
            """
        ).run()
    }

    func auditEntries(
        appId: UUID?, event: AuditEvent?, actor: String?, after: Date?, offset: Int, limit: Int
    ) async throws -> (
        entries: [AuditEntry], total: Int
    ) {
        let query = AuditEntryModel.query(on: database)
        if let appId { query.filter(\.$appId == appId) } else { query.filter(\.$appId == nil) }
        if let event { query.filter(\.$event == event.rawValue) }
        if let actor { query.filter(\.$actor == actor) }
        if let after { query.filter(\.$time > after) }
        let (page, total) = try await Self.page(query.sort(\.$time, .descending).sort(\.$id), offset: offset, limit: limit)
        return (try page.map { try $0.domain() }, total)
    }

    func deleteAuditEntries(before cutoff: Date) async throws -> Int {
        let query = AuditEntryModel.query(on: database).filter(\.$time < cutoff)
        let count = try await query.count()
        try await query.delete()
        return count
    }

    // MARK: Host values

    func hostValue(_ name: String) async throws -> String? {
        try await HostValueModel.find(name, on: database)?.value
    }

    /// Fails with a constraint error when the name exists.
    func insertHostValue(_ name: String, _ value: String) async throws {
        try await HostValueModel(name: name, value: value).create(on: database)
    }

    /// One page of a sorted query, with the count of all it matches.
    private static func page<M: Model>(_ query: QueryBuilder<M>, offset: Int, limit: Int) async throws -> ([M], Int) {
        let total = try await query.count()
        return (try await query.range(offset..<(offset + limit)).all(), total)
    }

    // MARK: Constraint failures

    /// Runs a write, turning a unique-constraint failure into the `StoreConflict` whose marker appears in
    /// the database's report: PostgreSQL names the constraint (`users_handle_key`), SQLite the columns
    /// (`users.app_id, users.handle`). The first match wins.
    func conflicts(_ markers: [(String, StoreConflict)], _ write: () async throws -> Void) async throws {
        do {
            try await write()
        } catch {
            guard (error as? any DatabaseError)?.isConstraintFailure == true else { throw error }
            let report: String
            if let error = error as? PSQLError {
                report = error.serverInfo?[.constraintName] ?? ""
            } else if let error = error as? SQLiteError {
                report = error.message
            } else {
                report = ""
            }
            for (marker, conflict) in markers where report.contains(marker) { throw conflict }
            throw error
        }
    }
}
