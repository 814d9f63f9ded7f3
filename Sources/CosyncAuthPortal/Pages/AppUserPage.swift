import CosyncAuthCore
import Foundation
import Hummingbird

/// `/hosts/:host/apps/:app/users/:user`: one user's profile, metadata (edited as JSON), two-factor state
/// and recent logins, with what an operator may do to them: suspend or activate, set a password, turn
/// two-factor login off, delete. Destructive actions need a ticked confirmation, with or without script.
struct AppUserPage: Sendable {
    let services: PortalServices
    let pages: PortalPages
    var tabs: AppTabs { AppTabs(services: services, pages: pages) }

    func add<Context: RequestContext>(to router: some RouterMethods<Context>) {
        let path = "\(services.base)/hosts/:host/apps/:app/users/:user"
        router.get(RouterPath(path)) { _, context in try await show(try AppTabs.Place(context), try context.parameters.require("user")) }
        for action in ["metadata", "password", "two-factor", "delete"] {
            router.post(RouterPath("\(path)/\(action)")) { request, context in
                try await perform(action, request, try AppTabs.Place(context), try context.parameters.require("user"))
            }
        }
    }

    func show(
        _ place: AppTabs.Place, _ userId: String, status: HTTPResponse.Status = .ok, notice: String? = nil, errors: [String: String] = [:]
    )
        async throws -> Response
    {
        let (call, app) = try await tabs.load(place)
        let user = try await call.get("/api/app/user", [("appId", place.appId), ("userId", userId)]).required().objectValue ?? [:]
        let handle = Display.text(user["handle"])
        let logins =
            try await call.get("/api/app/logs", [("appId", place.appId), ("actor", handle), ("event", "login"), ("limit", "10")])
            .required().arrayValue ?? []
        let root = "\(services.base)/hosts/\(call.id)/apps/\(place.appId)/users"
        let phone = user["twoFactorPhoneVerification"] == .bool(true)
        let authenticator = user["twoFactorGoogleVerification"] == .bool(true)
        var data: [String: Any] = [
            "handle": handle, "status": Display.text(user["status"]), "active": Display.text(user["status"]) == "active",
            "provider": Display.text(user["loginProvider"]), "created": Display.date(user["createdAt"]),
            "lastLogin": Display.date(user["lastLogin"]), "failedLogins": Display.text(user["failedLogins"]),
            "twoFactor": authenticator ? "authenticator app" : phone ? "SMS code" : "off", "hasTwoFactor": phone || authenticator,
            "metadata": errors["metadataText"] ?? Self.pretty(user["metaData"] ?? .emptyObject),
            "root": "\(root)/\(userId)", "statusAction": "\(root)/status",
            "logins": logins.compactMap(\.objectValue).map {
                [
                    "time": Display.date($0["time"]), "event": Display.text($0["event"]), "address": Display.text($0["address"]),
                    "outcome": Display.text($0["outcome"]),
                ]
            },
            "noLogins": logins.isEmpty,
        ]
        if let lockedUntil = user["lockedUntil"] { data["lockedUntil"] = Display.date(lockedUntil) }
        if let userName = user["userName"] { data["userName"] = Display.text(userName) }
        if let phoneNumber = user["phone"] { data["phone"] = Display.text(phoneNumber) }
        if let error = errors["metaData"] { data["metadataError"] = error }
        if let error = errors["password"] { data["passwordError"] = error }
        return tabs.page("app-user", tab: "users", call, app, status: status, notice: notice, data)
    }

    func perform(_ action: String, _ request: Request, _ place: AppTabs.Place, _ userId: String) async throws -> Response {
        let form = try await FormBody.read(request, limit: 256 << 10)
        let call = try await HostCall(place.hostId, services: services)
        let user = [("appId", place.appId), ("userId", userId)]
        switch action {
        case "metadata":
            let text = form["metaData"] ?? ""
            guard let json = JSONValue(jsonText: text), json.objectValue != nil else {
                return try await show(
                    place, userId, status: .badRequest,
                    errors: ["metaData": "metadata is a JSON object, such as {\"team\": \"blue\"}", "metadataText": text])
            }
            let answer = try await call.post("/api/app/updateAppUserMetaData", user + [("metaData", json.jsonText)])
            if answer.status == 400 {
                return try await show(place, userId, status: .badRequest, errors: ["metaData": answer.message, "metadataText": text])
            }
            _ = try answer.required()
            return try await show(place, userId, notice: "Metadata saved.")
        case "password":
            let password = form["password"] ?? ""
            guard !password.isEmpty else { return try await show(place, userId, status: .badRequest, errors: ["password": "give a password"]) }
            // The protocol's password is its MD5, as every client sends it.
            let hash = PasswordDigest.md5(password)
            let answer = try await call.post("/api/app/resetUserPassword", user + [("hashValue", hash)])
            if answer.status == 400 { return try await show(place, userId, status: .badRequest, errors: ["password": answer.message]) }
            _ = try answer.required()
            return try await show(place, userId, notice: "Password set; the user's sessions ended.")
        case "two-factor":
            guard form["confirm"] == "yes" else { throw PortalFailure(.invalid, "tick the box to confirm") }
            _ = try await call.post("/api/app/resetUserTwoFactor", user).required()
            return try await show(place, userId, notice: "Two-factor login is off for this user.")
        default:
            guard form["confirm"] == "yes" else { throw PortalFailure(.invalid, "tick the box to confirm the deletion") }
            _ = try await call.post("/api/app/removeUser", user).required()
            return PortalPages.redirect("\(services.base)/hosts/\(call.id)/apps/\(place.appId)/users")
        }
    }

    static func pretty(_ json: JSONValue) -> String {
        guard let data = json.jsonText.data(using: .utf8), let object = try? JSONSerialization.jsonObject(with: data),
            let pretty = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        else { return json.jsonText }
        return String(decoding: pretty, as: UTF8.self)
    }
}
