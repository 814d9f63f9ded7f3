public import Foundation

/// What an operator does with an app's pending signups (see them, remove them) and invitations
/// (send them to several people at once, see them, send them again, withdraw them).
public struct PendingAdministration: Sendable {
    /// Finds the app a call names, by id or name.
    let apps: AppAdministration
    let store: any AuthStore
    /// Invitation codes are kept as keyed digests and sealed (to send the same code again).
    let codes: any CodeHasher
    let sealer: any SecretSealer
    let clock: @Sendable () -> Date

    var audit: AuditTrail { AuditTrail(log: store, now: clock) }

    /// The clock the records' states (pending, expired) are told by.
    public func now() -> Date { clock() }

    public init(
        apps: AppAdministration, store: any AuthStore, codes: any CodeHasher, sealer: any SecretSealer,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.apps = apps
        self.store = store
        self.codes = codes
        self.sealer = sealer
        self.clock = now
    }

    public func signups(app idOrName: String, text: String, offset: Int, limit: Int) async throws -> (App, [PendingSignup], Int) {
        let app = try await apps.findApp(idOrName)
        let (signups, total) = try await store.pendingSignups(appId: app.id, containing: needle(text), offset: offset, limit: limit)
        return (app, signups, total)
    }

    public func removeSignup(app idOrName: String, handle raw: String) async throws {
        let app = try await apps.findApp(idOrName)
        try await audit.around(.signupRemove, app: app.id, detail: raw) {
            guard let handle = Handle.normalized(raw), let signup = try await store.pendingSignup(appId: app.id, handle: handle) else {
                throw AdminFailure.notFound("no pending signup for '\(raw)'")
            }
            try await store.deletePendingSignup(id: signup.id)
        }
    }

    public func invites(app idOrName: String, text: String, offset: Int, limit: Int) async throws -> (App, [Invite], Int) {
        let app = try await apps.findApp(idOrName)
        let (invites, total) = try await store.invites(appId: app.id, containing: needle(text), offset: offset, limit: limit)
        return (app, invites, total)
    }

    /// What became of one handle in a batch of invitations.
    public enum InviteOutcome: Sendable, Equatable {
        case sent
        case alreadyRegistered
    }

    /// Invites every handle (each gets its own code by email), in one transaction: all are sent, or
    /// none when one handle is malformed. Handles already registered are reported and skipped.
    public func invite(
        app idOrName: String, handles rawHandles: [String], metadata rawMetadata: String?
    ) async throws -> [(handle: String, outcome: InviteOutcome)] {
        let app = try await apps.findApp(idOrName)
        return try await audit.around(.inviteCreate, app: app.id, detail: rawHandles.joined(separator: ",")) {
            guard app.settings.invitationEnabled else {
                throw AdminFailure.invalidSetting("the app does not take invitations; set invitationEnabled to true first")
            }
            guard !rawHandles.isEmpty, rawHandles.count <= 1_000 else {
                throw AdminFailure.invalidSetting("give 1 to 1000 handles")
            }
            var handles: [String] = []
            for raw in rawHandles {
                guard let handle = Handle.normalized(raw), Handle.isEmail(handle), !Handle.isAnonymous(handle) else {
                    throw AdminFailure.invalidSetting("'\(raw)' is not an email address")
                }
                if !handles.contains(handle) { handles.append(handle) }
            }
            let metadata: JSONValue
            do throws(AuthError) { metadata = try MetadataPolicy.forSignup(rawMetadata, fields: app.settings.metaDataInvite) } catch {
                throw AdminFailure.invalidSetting("metaData does not fit the app's invite fields: \(error.message)")
            }
            var results: [(handle: String, outcome: InviteOutcome)] = []
            var pending: [(Invite, OutboxMessage)] = []
            for handle in handles {
                if try await store.user(appId: app.id, handle: handle) != nil {
                    results.append((handle, .alreadyRegistered))
                    continue
                }
                pending.append(try await makeInvite(app: app, handle: handle, metadata: metadata))
                results.append((handle, .sent))
            }
            let ready = pending
            try await store.transaction { store in
                for (invite, email) in ready {
                    try await store.save(invite)
                    try await store.enqueue(email)
                }
            }
            return results
        }
    }

    /// Sends a waiting invitation again with a new code and a new expiry (the old code stops working).
    public func resendInvite(app idOrName: String, handle raw: String) async throws -> Invite {
        let app = try await apps.findApp(idOrName)
        return try await audit.around(.inviteResend, app: app.id, detail: raw) {
            guard let handle = Handle.normalized(raw), let old = try await store.invite(appId: app.id, handle: handle) else {
                throw AdminFailure.notFound("no invitation for '\(raw)'")
            }
            var (invite, email) = try await makeInvite(app: app, handle: handle, metadata: old.metadata)
            let message = email
            invite.senderUserId = old.senderUserId
            invite.senderHandle = old.senderHandle
            let renewed = invite
            try await store.transaction { store in
                try await store.save(renewed)
                try await store.enqueue(message)
            }
            return renewed
        }
    }

    public func removeInvite(app idOrName: String, handle raw: String) async throws {
        let app = try await apps.findApp(idOrName)
        try await audit.around(.inviteRemove, app: app.id, detail: raw) {
            guard let handle = Handle.normalized(raw), let invite = try await store.invite(appId: app.id, handle: handle) else {
                throw AdminFailure.notFound("no invitation for '\(raw)'")
            }
            try await store.deleteInvite(id: invite.id)
        }
    }

    private func makeInvite(app: App, handle: String, metadata: JSONValue) async throws -> (Invite, OutboxMessage) {
        let code = RandomToken.digits(6)
        let created = now()
        let id = UUID()
        let invite = Invite(
            id: id, appId: app.id, handle: handle, senderUserId: nil, senderHandle: app.name, metadata: metadata,
            codeDigest: codes.digest(code, salt: id), sealedCode: try sealer.seal(code), createdAt: created,
            expiresAt: created.addingTimeInterval(Double(app.settings.inviteCodeExpiration) * 3600))
        let email = try await Mailer(templates: store).compose(.invite, app: app, to: handle, locale: Locales.fallback, code: code, now: created)
        return (invite, email)
    }

    private func needle(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespaces).lowercased()
    }
}
