import CosyncAuthCore
import Foundation
import HTTPTypes
import Hummingbird

/// `/api/app/...` for apps, on the original's paths: create (`POST /`), `allApps`, `appId/:appId`,
/// `search`, `update`, `DELETE /:appId`. Each route calls `AppAdministration` and answers JSON.
struct AdminAppRoutes: Sendable {
    let apps: AppAdministration

    func add(to router: RouterGroup<AuthRequestContext>) {
        router.post("/", use: create)
        router.get("allApps", use: list)
        router.get("appId/:appId", use: get)
        router.get("search", use: search)
        router.post("update", use: update)
        router.delete(":appId", use: delete)
        router.get("keys/:appId", use: keys)
        router.post("rotateKey", use: rotateKey)
        router.get("activity", use: activity)
    }

    /// `appId`, `days` (1 to 366, default 30): per day, oldest first, users created, logins, failed
    /// logins and lockouts, for a portal's chart.
    @Sendable func activity(_ request: Request, context: AuthRequestContext) async throws -> Response {
        var request = request
        let params = try await RequestParameters.read(&request)
        var days = 30
        if let text = params["days"], !text.isEmpty {
            guard let number = Int(text) else { throw AuthError.invalid("days is a whole number from 1 to 366") }
            days = number
        }
        let activity = try await apps.activity(app: try params.required("appId"), days: days)
        let style = Date.ISO8601FormatStyle(timeZone: .gmt).year().month().day()
        return JSONResponse.json(
            .array(
                activity.map {
                    .object([
                        "date": .string($0.day.formatted(style)), "signups": .number(Double($0.signups)), "logins": .number(Double($0.logins)),
                        "failedLogins": .number(Double($0.failedLogins)), "lockouts": .number(Double($0.lockouts)),
                    ])
                }))
    }

    /// The app's signing keys: the one that signs, then the replaced ones still published.
    @Sendable func keys(_ request: Request, context: AuthRequestContext) async throws -> Response {
        JSONResponse.json(.array(try await apps.signingKeys(app: try Self.appParameter(context)).map { .object(AppJSON.key($0)) }))
    }

    /// `appId`, optional `graceHours`: a new key pair; answers the keys after the rotation.
    @Sendable func rotateKey(_ request: Request, context: AuthRequestContext) async throws -> Response {
        var request = request
        let params = try await RequestParameters.read(&request)
        var grace: Int?
        if let text = params["graceHours"] {
            guard let hours = Int(text) else { throw AuthError.invalid("graceHours is a whole number of hours") }
            grace = hours
        }
        let keys = try await apps.rotateKey(app: try params.required("appId"), graceHours: grace)
        return JSONResponse.json(.array(keys.map { .object(AppJSON.key($0)) }))
    }

    /// The `:appId` path segment, percent-decoded: it may be a name with spaces.
    static func appParameter(_ context: AuthRequestContext) throws -> String {
        let raw = try context.parameters.require("appId")
        let decoded = raw.removingPercentEncoding ?? raw
        guard !decoded.utf8.contains(0) else { throw AuthError.invalid("the app id may not contain NUL characters") }
        return decoded
    }

    @Sendable func create(_ request: Request, context: AuthRequestContext) async throws -> Response {
        var request = request
        let params = try await RequestParameters.read(&request)
        let created = try await apps.createApp(name: try params.required("name"))
        var json = AppJSON.app(created.app)
        json["appSecret"] = .string(created.appSecret)
        return JSONResponse.json(.object(json))
    }

    @Sendable func list(_ request: Request, context: AuthRequestContext) async throws -> Response {
        JSONResponse.json(.array(try await apps.listApps().map { .object(AppJSON.app($0)) }))
    }

    @Sendable func get(_ request: Request, context: AuthRequestContext) async throws -> Response {
        return JSONResponse.json(.object(AppJSON.app(try await apps.findApp(try Self.appParameter(context)))))
    }

    /// `?name=` (part of a name, or an id; `value` is read too), paged like the original's lists.
    @Sendable func search(_ request: Request, context: AuthRequestContext) async throws -> Response {
        var request = request
        let params = try await RequestParameters.read(&request)
        let page = try Paging(params)
        let (found, total) = try await apps.searchApps(params["name"] ?? params["value"] ?? "", offset: page.skip, limit: page.limit)
        return page.answer(found.map { .object(AppJSON.app($0)) }, total: total)
    }

    /// `appId` plus any settings by their protocol names; all are applied, or none.
    @Sendable func update(_ request: Request, context: AuthRequestContext) async throws -> Response {
        var request = request
        let params = try await RequestParameters.read(&request)
        let appId = try params.required("appId")
        let changes = params.all.filter { $0.key != "appId" }.sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) }
        guard !changes.isEmpty else { throw AuthError.missing("a setting to change") }
        return JSONResponse.json(.object(AppJSON.app(try await apps.updateSettings(app: appId, changes))))
    }

    @Sendable func delete(_ request: Request, context: AuthRequestContext) async throws -> Response {
        _ = try await apps.deleteApp(try Self.appParameter(context))
        return JSONResponse.true
    }
}

/// Paging as the original's lists do it: `offset` is a page index (from 0), `limit` the page size
/// (1 to 500, default 100). Lists answer a JSON array, as the original did, with the total in the
/// `X-Total-Count` header.
struct Paging {
    let offset: Int
    let limit: Int
    /// Rows skipped: `offset * limit`, checked when parsed.
    let skip: Int
    /// No list is this long; a larger skip is a client's mistake, not an overflow.
    static let maxSkip = 1_000_000_000

    init(_ params: RequestParameters) throws {
        guard let offset = Int(params["offset"] ?? "0"), offset >= 0 else { throw AuthError.invalid("offset is a page index from 0") }
        guard let limit = Int(params["limit"] ?? "100"), (1...500).contains(limit) else {
            throw AuthError.invalid("limit must be 1 to 500")
        }
        let (skip, overflow) = offset.multipliedReportingOverflow(by: limit)
        guard !overflow, skip <= Self.maxSkip else { throw AuthError.invalid("offset × limit must be at most \(Self.maxSkip)") }
        self.offset = offset
        self.limit = limit
        self.skip = skip
    }

    func answer(_ items: [JSONValue], total: Int) -> Response {
        var response = JSONResponse.json(.array(items))
        response.headers[HTTPField.Name("X-Total-Count")!] = "\(total)"
        return response
    }
}
