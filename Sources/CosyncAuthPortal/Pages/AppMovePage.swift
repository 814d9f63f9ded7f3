import AsyncHTTPClient
import CosyncAuthCore
import Foundation
import Hummingbird

/// `/hosts/:host/apps/:app/move`: the app's export (secrets only when asked for), its signing keys and
/// their rotation, and the danger zone: reset (every user goes) and delete (the app goes).
struct AppMovePage: Sendable {
    let services: PortalServices
    let pages: PortalPages
    var tabs: AppTabs { AppTabs(services: services, pages: pages) }

    func add<Context: RequestContext>(to router: some RouterMethods<Context>) {
        let path = "\(services.base)/hosts/:host/apps/:app/move"
        router.get(RouterPath(path)) { _, context in try await show(try AppTabs.Place(context)) }
        router.post(RouterPath("\(path)/export")) { request, context in try await export(request, try AppTabs.Place(context)) }
        for action in ["rotate-key", "reset", "delete"] {
            router.post(RouterPath("\(path)/\(action)")) { request, context in try await perform(action, request, try AppTabs.Place(context)) }
        }
    }

    func show(
        _ place: AppTabs.Place, status: HTTPResponse.Status = .ok, notice: String? = nil, keyError: String? = nil, deleteError: String? = nil
    ) async throws -> Response {
        let (call, app) = try await tabs.load(place)
        let keys = try await call.get("/api/app/keys/\(place.appId)").required().arrayValue ?? []
        var data: [String: Any] = [
            "root": "\(services.base)/hosts/\(call.id)/apps/\(place.appId)/move", "appName": Display.text(app["name"]),
            "jwtHours": Display.text(app["settings"]?.objectValue?["userJWTExpiration"]),
            "keys": keys.compactMap(\.objectValue).map {
                ["kid": Display.text($0["kid"]), "state": Display.text($0["state"]), "retires": $0["retiresAt"].map { Display.date($0) } ?? "—"]
            },
        ]
        if let keyError { data["keyError"] = keyError }
        if let deleteError { data["deleteError"] = deleteError }
        return tabs.page("app-move", tab: "move", call, app, status: status, notice: notice, data)
    }

    /// The host's zip, passed through to the browser as it arrives.
    func export(_ request: Request, _ place: AppTabs.Place) async throws -> Response {
        let form = try await FormBody.read(request)
        let call = try await HostCall(place.hostId, services: services)
        let answer = try await call.client.stream(
            url: call.host.url, secret: call.secret, .GET, "/api/app/export",
            query: [("appId", place.appId), ("includeSecrets", form["includeSecrets"] == "true" ? "true" : "false")])
        guard answer.status == .ok else {
            let text = String(buffer: try await answer.body.collect(upTo: 1 << 20))
            let message = JSONValue(jsonText: text)?.objectValue?["message"]?.stringValue ?? "the host answered HTTP \(answer.status.code)"
            throw PortalFailure(answer.status.code == 404 ? .notFound : .hostUnreachable, message)
        }
        var headers: HTTPFields = [.contentType: "application/zip"]
        if let disposition = answer.headers.first(name: "content-disposition") { headers[.contentDisposition] = disposition }
        if let length = answer.headers.first(name: "content-length") { headers[.contentLength] = length }
        return Response(status: .ok, headers: headers, body: ResponseBody(asyncSequence: answer.body))
    }

    func perform(_ action: String, _ request: Request, _ place: AppTabs.Place) async throws -> Response {
        let form = try await FormBody.read(request)
        let (call, app) = try await tabs.load(place)
        switch action {
        case "rotate-key":
            var fields = [("appId", place.appId)]
            if let hours = form["graceHours"], !hours.isEmpty { fields.append(("graceHours", hours)) }
            let answer = try await call.post("/api/app/rotateKey", fields)
            if answer.status == 400 || answer.status == 409 { return try await show(place, status: .badRequest, keyError: answer.message) }
            _ = try answer.required()
            return try await show(place, notice: "New JWTs are signed with a new key; the old one is still published for checking older JWTs.")
        case "reset":
            guard form["confirm"] == "yes" else { throw PortalFailure(.invalid, "tick the box to confirm the reset") }
            _ = try await call.post("/api/app/reset", [("appId", place.appId)]).required()
            return try await show(place, notice: "Every user of the app was removed.")
        default:
            guard form["confirmName"] == Display.text(app["name"]) else {
                return try await show(place, status: .badRequest, deleteError: "type the app's name, \(Display.text(app["name"])), to delete it")
            }
            let encoded = place.appId.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? place.appId
            _ = try await call.client.call(url: call.host.url, secret: call.secret, .DELETE, "/api/app/\(encoded)").required()
            return PortalPages.redirect("\(services.base)/hosts/\(call.id)")
        }
    }
}
