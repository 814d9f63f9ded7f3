public import CosyncAuthCore
public import Foundation

/// How administration shows an app, in the admin API and in the CLI's `--json` alike (the CLI prints
/// what the API answers, whether it runs offline or against a host).
public enum AppJSON {
    public static func app(_ app: App) -> [String: JSONValue] {
        let settings = (try? JSONEncoder().encode(app.settings)).flatMap { try? JSONDecoder().decode(JSONValue.self, from: $0) }
        return [
            "appId": .string(app.id.uuidString.lowercased()),
            "name": .string(app.name),
            "status": .string(app.status.rawValue),
            "appToken": .string(app.appToken),
            "publicKey": .string(app.publicKeyPEM),
            "settings": settings ?? .emptyObject,
            "createdAt": .string(date(app.createdAt)),
            "updatedAt": .string(date(app.updatedAt)),
        ]
    }

    /// A signing key: `signing` (signs new JWTs) or `retiring` (published until `retiresAt`).
    public static func key(_ key: SigningKey) -> [String: JSONValue] {
        var json: [String: JSONValue] = [
            "kid": .string(key.kid), "state": .string(key.retiresAt == nil ? "signing" : "retiring"),
            "publicKey": .string(key.publicKeyPEM),
        ]
        if let retiresAt = key.retiresAt { json["retiresAt"] = .string(date(retiresAt)) }
        return json
    }

    /// A user as the operator sees them: what getUser shows, plus the id and the lockout state.
    public static func user(_ user: User) -> [String: JSONValue] {
        var json = PublicJSON.user(user).objectValue ?? [:]
        json["userId"] = .string(user.id.uuidString.lowercased())
        json["failedLogins"] = .number(Double(user.failedLogins))
        if let lockedUntil = user.lockedUntil { json["lockedUntil"] = .string(date(lockedUntil)) }
        return json
    }

    /// A pending signup as the operator sees it: never its code or password hash.
    public static func signup(_ signup: PendingSignup, now: Date) -> [String: JSONValue] {
        [
            "handle": .string(signup.handle), "locale": .string(signup.locale), "metaData": signup.metadata,
            "status": .string(signup.expiresAt > now ? "pending" : "expired"),
            "createdAt": .string(date(signup.createdAt)), "expiresAt": .string(date(signup.expiresAt)),
        ]
    }

    public static func invite(_ invite: Invite, now: Date) -> [String: JSONValue] {
        [
            "handle": .string(invite.handle), "senderHandle": .string(invite.senderHandle),
            "senderUserId": invite.senderUserId.map { .string($0.uuidString.lowercased()) } ?? .null,
            "metaData": invite.metadata, "status": .string(invite.expiresAt > now ? "pending" : "expired"),
            "createdAt": .string(date(invite.createdAt)), "expiresAt": .string(date(invite.expiresAt)),
        ]
    }

    /// A template under the original's field names.
    public static func template(_ template: EmailTemplate, custom: Bool) -> [String: JSONValue] {
        [
            "templateName": .string(template.name.rawValue), "locale": .string(template.locale),
            "subject": .string(template.subject), "replyTo": template.replyTo.map(JSONValue.string) ?? .null,
            "htmlTemplate": .string(template.html), "textTemplate": template.text.map(JSONValue.string) ?? .null,
            "custom": .bool(custom),
        ]
    }

    public static func outbox(_ m: OutboxMessage) -> [String: JSONValue] {
        var o: [String: JSONValue] = [
            "id": .string(m.id.uuidString.lowercased()), "recipient": .string(m.recipient),
            "subject": .string(m.subject), "status": .string(m.status.rawValue),
            "attempts": .number(Double(m.attempts)), "createdAt": .string(date(m.createdAt)),
            "nextAttemptAt": .string(date(m.nextAttemptAt)), "channel": .string(m.channel.rawValue),
        ]
        if let appId = m.appId { o["appId"] = .string(appId.uuidString.lowercased()) }
        if let error = m.lastError { o["lastError"] = .string(error) }
        if let sent = m.sentAt { o["sentAt"] = .string(date(sent)) }
        return o
    }

    public static func audit(_ e: AuditEntry) -> [String: JSONValue] {
        [
            "id": .string(e.id.uuidString.lowercased()),
            "appId": e.appId.map { .string($0.uuidString.lowercased()) } ?? .null,
            "time": .string(date(e.time)), "event": .string(e.event.rawValue),
            "actor": e.actor.map(JSONValue.string) ?? .null, "address": e.address.map(JSONValue.string) ?? .null,
            "outcome": .string(e.outcome), "detail": e.detail.map(JSONValue.string) ?? .null,
        ]
    }

    public static func date(_ date: Date) -> String { ProtocolDate.text(date) }

    public static func parseDate(_ text: String) -> Date? { ProtocolDate.parse(text) }
}
