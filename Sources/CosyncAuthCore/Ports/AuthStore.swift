public import Foundation

/// Why a write was refused by the database's own constraints. Flows map these to protocol errors; the
/// constraints, not a prior read, are what keep concurrent requests from creating duplicates.
public enum StoreConflict: Error, Equatable, Sendable {
    case appName
    case appToken
    case handle
    case userName
    case serverSecretName
    case phone
    case operatorEmail
    case hostName
}

/// Apps as stored.
public protocol AppRepository: Sendable {
    func app(id: UUID) async throws -> App?
    func app(token: String) async throws -> App?
    func app(name: String) async throws -> App?
    func apps() async throws -> [App]
    /// Throws `StoreConflict.appName` or `.appToken`.
    func insert(_ app: App, secrets: SealedAppSecrets) async throws
    func update(_ app: App) async throws
    func sealedSecrets(appId: UUID) async throws -> SealedAppSecrets?
    /// The app's replaced public keys that have not retired by `now`, newest first.
    func retiringKeys(appId: UUID, now: Date) async throws -> [RetiringKey]
    /// Replaces the app's key pair, in one transaction with publishing the old public key until
    /// `retireOldAt`; false (and nothing changed) when the app's public key is no longer `old` (another
    /// rotation came first).
    func rotateKey(appId: UUID, from old: String, to new: String, sealedPrivateKey: String, retireOldAt: Date, now: Date) async throws -> Bool
    /// Sets (or, with nil, clears) the app's sealed SMS token.
    func updateSealedSMSToken(appId: UUID, sealed: String?) async throws
    /// Deletes the app and, with it, everything that belongs to it.
    func deleteApp(id: UUID) async throws
    /// Deletes the app's users, sessions, pending signups, resets, invites and unsent emails; keeps the
    /// app, its settings and templates.
    func resetApp(id: UUID) async throws
}

/// Users as stored; handles and user names are unique per app.
public protocol UserRepository: Sendable {
    func user(id: UUID) async throws -> User?
    func user(appId: UUID, handle: String) async throws -> User?
    func user(appId: UUID, userName: String) async throws -> User?
    /// The user a sign-in provider knows by `socialUserId`.
    func user(appId: UUID, provider: LoginProvider, socialUserId: String) async throws -> User?
    /// Records the provider's id of a user who had none; false when the user has one already.
    func linkSocialUserId(userId: UUID, socialUserId: String) async throws -> Bool
    /// Throws `StoreConflict.handle` or `.userName`.
    func insert(_ user: User) async throws
    /// Writes only the fields in which `user` differs from `original`, so a change another request made
    /// meanwhile to other fields (an admin's suspension while a login was hashing) is never undone.
    /// Throws `StoreConflict.userName` or `.phone`.
    func update(_ user: User, from original: User) async throws
    /// Records a successful login in one conditional statement: only while the user is still active and,
    /// when `verifiedHash` is given, still has the password hash just verified (a reset or a suspension
    /// that landed during the check wins). Replaces the hash with `newHash` when given. Answers whether
    /// the login was recorded; a session may be created only then.
    func recordLogin(userId: UUID, at time: Date, verifiedHash: String?, newHash: String?) async throws -> Bool
    /// Replaces the password hash only if it is still `old` (a rehash must not undo a reset); answers
    /// whether it did.
    func replacePasswordHash(userId: UUID, from old: String, to new: String) async throws -> Bool
    /// Deletes the user with their access tokens.
    func deleteUser(id: UUID) async throws
    /// Users of an app that a search matches, in `order`, one page of them with the total that matched.
    func users(
        appId: UUID, matching match: UserMatch, includeAnonymous: Bool, order: UserOrder, offset: Int, limit: Int
    ) async throws -> (
        users: [User], total: Int
    )
    /// Up to `limit` users of an app with an id after `after`, by id: a walk through every user that does
    /// not slow down with depth (an export of a million users).
    func usersPage(appId: UUID, after: UUID?, limit: Int) async throws -> [User]
    /// Inserts many users in few statements. Throws `StoreConflict.handle` or `.userName`.
    func insert(users: [User]) async throws
    /// How many users the app has, and how many of them are anonymous.
    func userCounts(appId: UUID) async throws -> (total: Int, anonymous: Int)
    /// Counts a failed login in one atomic update (it must hold across instances) and locks the account
    /// until `lockUntil` when the count reaches `lockAfter`. Answers whether the account is now locked.
    func recordFailedLogin(userId: UUID, lockAfter: Int, lockUntil: Date) async throws -> Bool
}

/// Signups waiting for their code; at most one per handle and app.
public protocol PendingSignupRepository: Sendable {
    func pendingSignup(appId: UUID, handle: String) async throws -> PendingSignup?
    /// Replaces any pending signup of the same handle.
    func save(_ signup: PendingSignup) async throws
    func deletePendingSignup(id: UUID) async throws
    /// An app's pending signups whose handle contains `text` (lower-case), by handle, one page with the total.
    func pendingSignups(appId: UUID, containing text: String, offset: Int, limit: Int) async throws -> (signups: [PendingSignup], total: Int)
}

/// Access tokens, by digest.
public protocol AccessTokenRepository: Sendable {
    func insert(_ token: AccessTokenRecord) async throws
    func accessToken(digest: String) async throws -> AccessTokenRecord?
    /// The token with its user and their app, read together in one statement: every access-token call
    /// needs all three, fresh.
    func accessTokenWithOwner(digest: String) async throws -> (token: AccessTokenRecord, user: User, app: App)?
    /// Revokes the user's tokens, but the one whose digest is `keeping`, and any login waiting for its
    /// second factor.
    func deleteAccessTokens(userId: UUID, keeping: String?) async throws
}

/// The host's server secrets (administration credentials), kept as digests.
public protocol ServerSecretRepository: Sendable {
    func serverSecrets() async throws -> [ServerSecret]
    /// Throws `StoreConflict.serverSecretName`.
    func insert(_ secret: ServerSecret) async throws
    func deleteServerSecret(name: String) async throws
}

/// Messages waiting for delivery. Claiming is atomic across instances: a claimed message is leased to
/// one dispatcher until `leaseUntil`, and no other claims it meanwhile.
public protocol OutboxRepository: Sendable {
    func enqueue(_ message: OutboxMessage) async throws
    /// Claims up to `limit` pending messages of the given channels due at `now`, leasing them until
    /// `leaseUntil`. A channel the host cannot deliver yet is left waiting.
    func claimDueMessages(now: Date, limit: Int, leaseUntil: Date, channels: Set<OutboxMessage.Channel>) async throws -> [OutboxMessage]
    /// Records the outcome of an attempt: sent, to retry at `nextAttemptAt`, or failed.
    func recordAttempt(_ message: OutboxMessage) async throws
    func outboxMessages(status: OutboxMessage.Status?, limit: Int) async throws -> [OutboxMessage]
}

/// An app's own templates; absent ones fall back to the app's English one, then to the defaults.
public protocol EmailTemplateRepository: Sendable {
    func emailTemplate(appId: UUID, name: EmailTemplate.Name, locale: String) async throws -> EmailTemplate?
    /// Replaces the app's template of that name and locale.
    func save(_ template: EmailTemplate, appId: UUID) async throws
    /// The app's own templates, every name and locale.
    func emailTemplates(appId: UUID) async throws -> [EmailTemplate]
    /// Deletes the app's templates of one locale.
    func deleteEmailTemplates(appId: UUID, locale: String) async throws
}

/// Password resets waiting for their code.
public protocol PasswordResetRepository: Sendable {
    func passwordReset(userId: UUID) async throws -> PasswordReset?
    /// Replaces the user's pending reset.
    func save(_ reset: PasswordReset) async throws
    func deletePasswordReset(userId: UUID) async throws
}

/// Invitations waiting for their invitee.
public protocol InviteRepository: Sendable {
    func invite(appId: UUID, handle: String) async throws -> Invite?
    /// Replaces any invite of the same handle.
    func save(_ invite: Invite) async throws
    func deleteInvite(id: UUID) async throws
    /// An app's invites whose handle contains `text` (lower-case), by handle, one page with the total.
    func invites(appId: UUID, containing text: String, offset: Int, limit: Int) async throws -> (invites: [Invite], total: Int)
}

/// Second factors: authenticator secrets, recovery codes, logins waiting for a code, phone checks.
/// Every "use once" step is one atomic statement, so two instances can never accept the same code.
public protocol TwoFactorRepository: Sendable {
    func totpEnrollment(userId: UUID) async throws -> TOTPEnrollment?
    /// Replaces the user's enrollment.
    func save(_ enrollment: TOTPEnrollment) async throws
    func deleteTOTPEnrollment(userId: UUID) async throws
    /// Moves the last used step forward to `step` when it is later; answers whether it moved.
    func advanceTOTPStep(userId: UUID, to step: Int64) async throws -> Bool

    /// Replaces the user's recovery codes (their digests).
    func replaceRecoveryCodes(userId: UUID, digests: [String]) async throws
    /// Deletes the code with that digest; answers whether there was one.
    func consumeRecoveryCode(userId: UUID, digest: String) async throws -> Bool
    func recoveryCodeCount(userId: UUID) async throws -> Int

    func save(_ challenge: LoginChallenge) async throws
    func loginChallenge(digest: String) async throws -> LoginChallenge?

    /// Replaces the user's pending phone check.
    func save(_ verification: PhoneVerification) async throws
    func phoneVerification(userId: UUID) async throws -> PhoneVerification?
    func deletePhoneVerification(userId: UUID) async throws
}

/// The two steps that make a stored code (signup, reset, invitation, phone check, login challenge) hold
/// when guesses arrive in parallel: an attempt is taken before any comparison, and a right code is used
/// up by deleting its record. Each is one conditional statement, so instances sharing the database
/// cannot slip past each other.
public protocol CodeAttemptRepository: Sendable {
    /// Counts one attempt at the record's code if it is alive at `now` with fewer than `maxAttempts`
    /// attempts so far; answers whether it did. The code may be compared only when it did.
    func takeCodeAttempt(_ record: CodeRecord, maxAttempts: Int, now: Date) async throws -> Bool
    /// Deletes the record; answers whether it was still there (of concurrent callers, one gets true).
    func consumeCodeRecord(_ record: CodeRecord) async throws -> Bool
}

/// Request counters in fixed windows, shared by every instance.
public protocol RateLimitRepository: Sendable {
    /// Counts one hit of `key` in the current window of `window` seconds; answers the hits so far in it
    /// and the seconds until it ends. One atomic statement, so concurrent instances count exactly.
    func hit(key: String, window: TimeInterval, now: Date) async throws -> (hits: Int, retryAfter: Int)
}

/// Housekeeping: records that can no longer be used, and delivered messages, go.
public protocol ExpiryRepository: Sendable {
    /// Deletes login challenges, phone checks and access tokens past their expiry at `now`, and pending
    /// signups, resets and invites that expired before `cutoff` (kept a while so an operator sees them
    /// expired), and outbox messages done with (sent or failed) created before `cutoff`. Answers how many
    /// rows went.
    func pruneExpired(now: Date, cutoff: Date) async throws -> Int
    /// Gives up on messages of `channel` still waiting since before `createdBefore`: they fail with
    /// `reason` and their content (codes) is erased. Answers how many.
    func failUndelivered(channel: OutboxMessage.Channel, createdBefore: Date, reason: String) async throws -> Int
}

/// The audit log: append-only but for pruning by age.
public protocol AuditLogRepository: Sendable {
    func append(_ entry: AuditEntry) async throws
    /// Entries of one app (or of the host when `appId` is nil), newest first, optionally only those of
    /// one event or after a time; one page with the total.
    func auditEntries(
        appId: UUID?, event: AuditEvent?, actor: String?, after: Date?, offset: Int, limit: Int
    ) async throws -> (entries: [AuditEntry], total: Int)
    /// Deletes entries older than `cutoff`; answers how many went.
    func deleteAuditEntries(before cutoff: Date) async throws -> Int
    /// Per day since `since`, counted in the database: users created (from the users themselves, so an
    /// import or an admin's addUser counts too), logins by outcome, lockouts. Days with nothing are absent.
    func dailyActivity(appId: UUID, since: Date) async throws -> [DailyActivity]
}

/// All repositories over one database, with transactions for multi-step writes.
public protocol AuthStore: AppRepository, UserRepository, PendingSignupRepository, AccessTokenRepository,
    ServerSecretRepository, OutboxRepository, EmailTemplateRepository, PasswordResetRepository,
    InviteRepository, AuditLogRepository, TwoFactorRepository, ExpiryRepository,
    RateLimitRepository, CodeAttemptRepository, PortalRepository
{
    /// Runs `work` in one database transaction: all of its writes happen, or none.
    func transaction<T: Sendable>(_ work: @escaping @Sendable (any AuthStore) async throws -> T) async throws -> T
}
