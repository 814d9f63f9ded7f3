import CosyncAuthCore
import Foundation
import Hummingbird

/// `/api/app/...` for the host rather than one app: what it is (`host`), server secrets (`secrets`), the
/// outbox (`outbox`) and the audit log (`logs`, per app or, without `appId`, the host's own entries).
struct AdminHostRoutes: Sendable {
    let apps: AppAdministration
    let serverSecrets: ServerSecrets

    func add(to router: RouterGroup<AuthRequestContext>) {
        router.get("host", use: describe)
        router.get("secrets", use: listSecrets)
        router.post("secrets", use: createSecret)
        router.delete("secrets/:name", use: revokeSecret)
        router.get("outbox", use: outbox)
        router.get("logs", use: logs)
    }

    /// The release and the numbers of apps and users: what a portal shows in its list of hosts.
    @Sendable func describe(_ request: Request, context: AuthRequestContext) async throws -> Response {
        let summary = try await apps.hostSummary()
        return JSONResponse.json(
            .object([
                "version": .string(HostVersion.current), "apps": .number(Double(summary.apps)), "users": .number(Double(summary.users)),
            ]))
    }

    @Sendable func listSecrets(_ request: Request, context: AuthRequestContext) async throws -> Response {
        let secrets = try await serverSecrets.list()
        return JSONResponse.json(
            .array(
                secrets.map {
                    .object(["name": .string($0.name), "createdAt": .string(AppJSON.date($0.createdAt))])
                }))
    }

    /// `name`; answers the secret in clear, the only time it is shown.
    @Sendable func createSecret(_ request: Request, context: AuthRequestContext) async throws -> Response {
        var request = request
        let params = try await RequestParameters.read(&request)
        let name = try params.required("name")
        let secret = try await serverSecrets.create(name: name)
        return JSONResponse.json(.object(["name": .string(name), "serverSecret": .string(secret)]))
    }

    @Sendable func revokeSecret(_ request: Request, context: AuthRequestContext) async throws -> Response {
        let raw = try context.parameters.require("name")
        let name = raw.removingPercentEncoding ?? raw
        guard !name.utf8.contains(0) else { throw AuthError.invalid("a secret's name may not contain NUL characters") }
        try await serverSecrets.revoke(name: name)
        return JSONResponse.true
    }

    /// `status` (pending, sent, failed), `limit` (1 to 10000, default 50); newest first.
    @Sendable func outbox(_ request: Request, context: AuthRequestContext) async throws -> Response {
        var request = request
        let params = try await RequestParameters.read(&request)
        var status: OutboxMessage.Status?
        if let raw = params["status"], !raw.isEmpty {
            guard let parsed = OutboxMessage.Status(rawValue: raw) else { throw AuthError.invalid("status is pending, sent or failed") }
            status = parsed
        }
        guard let limit = Int(params["limit"] ?? "50"), (1...10_000).contains(limit) else { throw AuthError.invalid("limit must be 1 to 10000") }
        return JSONResponse.json(.array(try await apps.outbox(status: status, limit: limit).map { .object(AppJSON.outbox($0)) }))
    }

    /// `appId` (absent: the host's own entries, such as secrets), `event`, `since` (ISO 8601: only
    /// later entries), `offset`, `limit`; newest first.
    @Sendable func logs(_ request: Request, context: AuthRequestContext) async throws -> Response {
        var request = request
        let params = try await RequestParameters.read(&request)
        let page = try Paging(params)
        var since: Date?
        if let raw = params["since"], !raw.isEmpty {
            guard let parsed = AppJSON.parseDate(raw) else { throw AuthError.invalid("since is an ISO 8601 time") }
            since = parsed
        }
        let event = params["event"].flatMap { $0.isEmpty ? nil : AuditEvent(rawValue: $0) }
        let actor = params["actor"].flatMap { $0.isEmpty ? nil : $0 }
        let (entries, total) = try await apps.auditLog(
            app: params["appId"], event: event, actor: actor, after: since, offset: page.skip, limit: page.limit)
        return page.answer(entries.map { .object(AppJSON.audit($0)) }, total: total)
    }
}
