import Foundation

/// invite: a user invites someone by email (the invitee gets the code, not the sender); register: the
/// invitee creates their account with that code.
extension AccountService {
    public func invite(_ caller: AuthenticatedUser, handle rawHandle: String, metadata rawMetadata: String?) async throws {
        try await audit.around(.invite, app: caller.app.id, actor: caller.user.handle, detail: Self.auditActor(rawHandle, app: caller.app)) {
            let app = caller.app
            guard app.settings.invitationEnabled else { throw AuthError.inviteNotSupported }
            guard let handle = Handle.normalized(rawHandle), Handle.isEmail(handle), !Handle.isAnonymous(handle) else {
                throw AuthError.invalid("handle must be an email address")
            }
            let metadata = try MetadataPolicy.forSignup(rawMetadata, fields: app.settings.metaDataInvite)
            if try await store.user(appId: app.id, handle: handle) != nil { throw AuthError.handleAlreadyRegistered }
            try await throttle(policy.rateLimits.messages, "msg:\(app.id):\(handle)")
            let created = now()
            if let waiting = try await store.invite(appId: app.id, handle: handle),
                waiting.expiresAt > created, waiting.failedAttempts < policy.maxCodeAttempts
            {
                // One invitation per handle: another sender, or other metadata, never replaces it; the
                // same invitation is sent again with its code.
                guard waiting.senderUserId == caller.user.id, waiting.metadata == metadata else {
                    throw AuthError.invalid("an invitation is already waiting for this handle")
                }
                var code: String
                if let sealed = waiting.sealedCode {
                    code = try sealer.open(sealed)
                } else {
                    code = RandomToken.digits(6)
                    var renewed = waiting
                    renewed.codeDigest = codes.digest(code, salt: waiting.id)
                    renewed.sealedCode = try sealer.seal(code)
                    try await store.save(renewed)
                }
                try await store.enqueue(try await mailer.compose(.invite, app: app, to: handle, locale: caller.user.locale, code: code, now: created))
                return
            }
            let code = RandomToken.digits(6)
            let id = UUID()
            let invite = Invite(
                id: id, appId: app.id, handle: handle, senderUserId: caller.user.id, senderHandle: caller.user.handle,
                metadata: metadata, codeDigest: codes.digest(code, salt: id), sealedCode: try sealer.seal(code), createdAt: created,
                expiresAt: created.addingTimeInterval(Double(app.settings.inviteCodeExpiration) * 3600))
            let email = try await mailer.compose(.invite, app: app, to: handle, locale: caller.user.locale, code: code, now: created)
            try await store.transaction { store in
                try await store.save(invite)
                try await store.enqueue(email)
            }
        }
    }

    public func register(
        app: App, handle rawHandle: String, password rawPassword: String, code: String, metadata rawMetadata: String?,
        locale rawLocale: String?
    ) async throws -> (Session, User) {
        try await audit.around(.register, app: app.id, actor: Self.auditActor(rawHandle, app: app)) {
            guard app.settings.invitationEnabled else { throw AuthError.inviteNotSupported }
            guard let handle = Handle.normalized(rawHandle) else { throw AuthError.invalid("handle") }
            guard let password = PasswordDigest.normalized(rawPassword) else {
                throw AuthError.invalid("password must be the MD5 hex of the password")
            }
            let locale = try Self.signupLocale(rawLocale, app: app)
            var metadata = try MetadataPolicy.forSignup(rawMetadata, fields: app.settings.metaData)
            try await throttle(policy.rateLimits.codeAttempts, "code:\(app.id):\(handle)")
            if try await store.user(appId: app.id, handle: handle) != nil { throw AuthError.handleAlreadyRegistered }
            guard let invite = try await store.invite(appId: app.id, handle: handle) else {
                throw AuthError.invalid("no invitation is waiting for this handle")
            }
            switch try await attemptCode(code, record: .invite(id: invite.id), digest: invite.codeDigest, salt: invite.id) {
            case .spent: throw AuthError.invalid("the invitation has expired")
            case .wrong: throw AuthError.invalid("wrong code")
            case .right: break
            }
            for field in app.settings.metaDataInvite {
                if let value = invite.metadata.value(atPath: field.path) { metadata.setValue(value, atPath: field.path) }
            }
            let passwordHash = try await passwords.hash(password)
            let created = now()
            let user = User(
                appId: app.id, handle: handle, passwordHash: passwordHash, locale: locale, metadata: metadata,
                loginProvider: .email, createdAt: created, updatedAt: created, lastLogin: created)
            let session = try await createAccount(user, app: app) { store in
                guard try await store.consumeCodeRecord(.invite(id: invite.id)) else {
                    throw AuthError.invalid("no invitation is waiting for this handle")
                }
            }
            return (session, user)
        }
    }

    /// What CosyncJWT's Swift client expects beside TOK after register and completeSignup: a token signed
    /// with the app's key naming the new user.
    public func signedUserToken(app: App, user: User, code: String) async throws -> String {
        // Registered claims as on the user JWT, so a backend that checks them (a short life, its audience,
        // whose it is) can accept this token as it accepts that one.
        let issuedAt = now().timeIntervalSince1970.rounded(.down)
        return try await signer.sign(
            [
                "handle": .string(user.handle), "uid": .string(user.id.uuidString.lowercased()),
                "appId": .string(app.id.uuidString.lowercased()), "code": .string(code),
                "metaData": .string(user.metadata.jsonText),
                "sub": .string(user.handle), "aud": .string(app.settings.realmAppId ?? "none"),
                "iat": .number(issuedAt), "exp": .number(issuedAt + Double(app.settings.userJWTExpiration) * 3600),
            ], for: app)
    }
}
