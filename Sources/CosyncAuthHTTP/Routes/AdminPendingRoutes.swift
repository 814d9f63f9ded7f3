import CosyncAuthCore
import Hummingbird

/// `/api/app/...` for pending signups and invitations: `searchSingUp` (the original's spelling, with
/// `searchSignup` beside it), `removeSignup`, `searchInvite`, `invite`, `resendInvite`, `removeInvite`.
struct AdminPendingRoutes: Sendable {
    let pending: PendingAdministration

    func add(to router: RouterGroup<AuthRequestContext>) {
        router.get("searchSingUp", use: signups)
        router.get("searchSignup", use: signups)
        router.post("removeSignup", use: removeSignup)
        router.get("searchInvite", use: invites)
        router.post("invite", use: invite)
        router.post("resendInvite", use: resendInvite)
        router.post("removeInvite", use: removeInvite)
    }

    /// `appId`, `value` (part of a handle; empty for all), `offset`, `limit`.
    @Sendable func signups(_ request: Request, context: AuthRequestContext) async throws -> Response {
        var request = request
        let params = try await RequestParameters.read(&request)
        let page = try Paging(params)
        let (_, signups, total) = try await pending.signups(
            app: try params.required("appId"), text: params["value"] ?? "", offset: page.skip, limit: page.limit)
        let now = pending.now()
        return page.answer(signups.map { .object(AppJSON.signup($0, now: now)) }, total: total)
    }

    @Sendable func removeSignup(_ request: Request, context: AuthRequestContext) async throws -> Response {
        var request = request
        let params = try await RequestParameters.read(&request)
        try await pending.removeSignup(app: try params.required("appId"), handle: try params.required("handle"))
        return JSONResponse.true
    }

    @Sendable func invites(_ request: Request, context: AuthRequestContext) async throws -> Response {
        var request = request
        let params = try await RequestParameters.read(&request)
        let page = try Paging(params)
        let (_, invites, total) = try await pending.invites(
            app: try params.required("appId"), text: params["value"] ?? "", offset: page.skip, limit: page.limit)
        let now = pending.now()
        return page.answer(invites.map { .object(AppJSON.invite($0, now: now)) }, total: total)
    }

    /// `appId`, `handles` (comma- or newline-separated; `handle` for one), `metaData` (the invite
    /// metadata, JSON). Answers each handle with `sent` or `alreadyRegistered`.
    @Sendable func invite(_ request: Request, context: AuthRequestContext) async throws -> Response {
        var request = request
        let params = try await RequestParameters.read(&request)
        guard let list = params["handles"] ?? params["handle"] else { throw AuthError.missing("handles") }
        let handles = list.split(whereSeparator: { $0 == "," || $0.isNewline }).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        let results = try await pending.invite(app: try params.required("appId"), handles: handles, metadata: params["metaData"])
        return JSONResponse.json(
            .array(
                results.map { result in
                    .object([
                        "handle": .string(result.handle),
                        "status": .string(result.outcome == .sent ? "sent" : "alreadyRegistered"),
                    ])
                }))
    }

    @Sendable func resendInvite(_ request: Request, context: AuthRequestContext) async throws -> Response {
        var request = request
        let params = try await RequestParameters.read(&request)
        let invite = try await pending.resendInvite(app: try params.required("appId"), handle: try params.required("handle"))
        return JSONResponse.json(.object(AppJSON.invite(invite, now: pending.now())))
    }

    @Sendable func removeInvite(_ request: Request, context: AuthRequestContext) async throws -> Response {
        var request = request
        let params = try await RequestParameters.read(&request)
        try await pending.removeInvite(app: try params.required("appId"), handle: try params.required("handle"))
        return JSONResponse.true
    }
}
