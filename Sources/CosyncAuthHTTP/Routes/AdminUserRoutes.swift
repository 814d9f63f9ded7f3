import CosyncAuthCore
import Hummingbird

/// `/api/app/...` for an app's users, on the original's paths: `searchUser`, `user` (status),
/// `resetUserPassword`, `updateAppUserMetaData`, `addUser`, `removeUser`, `stat`.
struct AdminUserRoutes: Sendable {
    let users: UserAdministration

    func add(to router: RouterGroup<AuthRequestContext>) {
        router.get("searchUser", use: search)
        router.get("user", use: get)
        router.post("user", use: setStatus)
        router.post("resetUserPassword", use: resetPassword)
        router.post("updateAppUserMetaData", use: setMetadata)
        router.post("addUser", use: addUser)
        router.post("removeUser", use: removeUser)
        router.get("stat", use: stat)
        router.post("resetUserTwoFactor", use: resetTwoFactor)
    }

    /// `appId`, `userId` (id or handle): two-factor login off for a user who lost their phone.
    @Sendable func resetTwoFactor(_ request: Request, context: AuthRequestContext) async throws -> Response {
        var request = request
        let params = try await RequestParameters.read(&request)
        let user = try await users.resetTwoFactor(app: try params.required("appId"), user: try params.required("userId"))
        return JSONResponse.json(.object(AppJSON.user(user)))
    }

    /// `appId`, `value` (the start of a handle or user name; empty for all), `match` (`prefix`, or
    /// `contains` to find the text anywhere, which reads every user), `hideAnonUser`, `sort` (`handle`,
    /// `created`: newest first, `lastLogin`: most recent first), `offset`, `limit`.
    @Sendable func search(_ request: Request, context: AuthRequestContext) async throws -> Response {
        var request = request
        let params = try await RequestParameters.read(&request)
        let page = try Paging(params)
        let order: UserOrder =
            switch params["sort"] ?? "handle" {
            case "handle", "": .handle
            case "created": .newest
            case "lastLogin": .lastLogin
            default: throw AuthError.invalid("sort is handle, created or lastLogin")
            }
        let anywhere: Bool =
            switch params["match"] ?? "prefix" {
            case "prefix", "": false
            case "contains": true
            default: throw AuthError.invalid("match is prefix or contains")
            }
        let found = try await users.search(
            app: try params.required("appId"), matching: UserMatch(text: params["value"] ?? "", anywhere: anywhere),
            includeAnonymous: params["hideAnonUser"] != "true", order: order, offset: page.skip, limit: page.limit)
        return page.answer(found.users.map { .object(AppJSON.user($0)) }, total: found.total)
    }

    /// One user by `userId` (an id or a handle); new, the original had none.
    @Sendable func get(_ request: Request, context: AuthRequestContext) async throws -> Response {
        var request = request
        let params = try await RequestParameters.read(&request)
        let (_, user) = try await users.find(app: try params.required("appId"), user: try params.required("userId"))
        return JSONResponse.json(.object(AppJSON.user(user)))
    }

    /// `status` is `active` or `suspend` (the original's word); suspending cuts the user's sessions.
    @Sendable func setStatus(_ request: Request, context: AuthRequestContext) async throws -> Response {
        var request = request
        let params = try await RequestParameters.read(&request)
        let status: UserStatus =
            switch try params.required("status") {
            case "active": .active
            case "suspend", "suspended": .suspended
            default: throw AuthError.invalid("status is active or suspend")
            }
        let user = try await users.setStatus(app: try params.required("appId"), user: try params.required("userId"), status: status)
        return JSONResponse.json(.object(AppJSON.user(user)))
    }

    /// `hashValue` is the MD5 hex of the new password, as the clients send passwords. The original also
    /// took the plain password to email it; this host never sends passwords by email.
    @Sendable func resetPassword(_ request: Request, context: AuthRequestContext) async throws -> Response {
        var request = request
        let params = try await RequestParameters.read(&request)
        _ = try await users.setPassword(
            app: try params.required("appId"), user: try params.required("userId"), passwordMD5: try params.required("hashValue"))
        return JSONResponse.true
    }

    @Sendable func setMetadata(_ request: Request, context: AuthRequestContext) async throws -> Response {
        var request = request
        let params = try await RequestParameters.read(&request)
        let user = params["userId"] ?? params["handle"]
        guard let user else { throw AuthError.missing("handle") }
        _ = try await users.setMetadata(app: try params.required("appId"), user: user, metadata: try params.required("metaData"))
        return JSONResponse.true
    }

    @Sendable func addUser(_ request: Request, context: AuthRequestContext) async throws -> Response {
        var request = request
        let params = try await RequestParameters.read(&request)
        let user = try await users.addUser(
            app: try params.required("appId"), handle: try params.required("handle"),
            passwordMD5: try params.required("password"), metadata: params["metaData"])
        return JSONResponse.json(.object(AppJSON.user(user)))
    }

    @Sendable func removeUser(_ request: Request, context: AuthRequestContext) async throws -> Response {
        var request = request
        let params = try await RequestParameters.read(&request)
        let user = params["userId"] ?? params["handle"]
        guard let user else { throw AuthError.missing("handle") }
        let removed = try await users.removeUser(app: try params.required("appId"), user: user)
        return JSONResponse.json(.object(AppJSON.user(removed)))
    }

    @Sendable func stat(_ request: Request, context: AuthRequestContext) async throws -> Response {
        var request = request
        let params = try await RequestParameters.read(&request)
        let counts = try await users.counts(app: try params.required("appId"))
        return JSONResponse.json(
            .object([
                "totalUser": .number(Double(counts.users)), "totalAnonUser": .number(Double(counts.anonymous)),
            ]))
    }
}
