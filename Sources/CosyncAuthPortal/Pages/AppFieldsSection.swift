import CosyncAuthCore
import Foundation
import Hummingbird

/// Below an app's settings: its metadata fields (for users and for invitations) and the delivery tests,
/// a test email and a test SMS sent the way the host sends its codes.
struct AppFieldsSection: Sendable {
    let services: PortalServices
    let pages: PortalPages
    let settings: AppPages

    func add<Context: RequestContext>(to router: some RouterMethods<Context>) {
        let path = "\(services.base)/hosts/:host/apps/:app/settings"
        for action in ["field", "field/remove", "test-email", "test-sms"] {
            router.post(RouterPath("\(path)/\(action)")) { request, context in try await perform(action, request, try AppTabs.Place(context)) }
        }
    }

    /// The section as HTML, for the settings page.
    func render(_ app: [String: JSONValue], root: String, fieldError: String?, delivery: (text: String, ok: Bool)?) -> String {
        let settings = app["settings"]?.objectValue ?? [:]
        let lists: [[String: Any]] = [("user", "Users", "metaData"), ("invite", "Invitations", "metaDataInvite")].map { type, title, key in
            let fields = (settings[key]?.arrayValue ?? []).compactMap(\.objectValue)
            return [
                "type": type, "title": title, "root": root, "empty": fields.isEmpty,
                "fields": fields.map {
                    [
                        "path": Display.text($0["path"]), "fieldName": Display.text($0["fieldName"]),
                        "required": $0["required"] == .bool(true) ? "yes" : "no", "canEdit": $0["canEdit"] == .bool(true) ? "yes" : "no",
                        "type": type, "root": root,
                    ]
                },
            ]
        }
        var data: [String: Any] = ["lists": lists, "root": root]
        if let fieldError { data["fieldError"] = fieldError }
        if let delivery {
            data["deliveryResult"] = delivery.text
            data["deliveryClass"] = delivery.ok ? "notice" : "error"
        }
        return pages.render("app-fields", data)
    }

    func perform(_ action: String, _ request: Request, _ place: AppTabs.Place) async throws -> Response {
        let form = try await FormBody.read(request)
        let call = try await HostCall(place.hostId, services: services)
        let invite = form["type"] == "invite"
        switch action {
        case "field":
            var fields = [
                ("appId", place.appId), ("path", form["path"] ?? ""), ("required", form["required"] ?? "false"),
                ("canEdit", form["canEdit"] ?? "false"),
            ]
            if let name = form["fieldName"], !name.isEmpty { fields.append(("fieldName", name)) }
            let answer = try await call.post(invite ? "/api/app/updateAppInviteMetaData" : "/api/app/updateAppMetaData", fields)
            if answer.status == 400 { return try await settings.settings(place, status: .badRequest, fieldError: answer.message) }
            _ = try answer.required()
            return try await settings.settings(place, notice: "Field \(form["path"] ?? "") saved.")
        case "field/remove":
            _ = try await call.post(
                "/api/app/deleteMetadata", [("appId", place.appId), ("path", form["path"] ?? ""), ("type", invite ? "metaDataInvite" : "metaData")]
            ).required()
            return try await settings.settings(place, notice: "Field \(form["path"] ?? "") removed.")
        default:
            let email = action == "test-email"
            let answer = try await call.post(
                email ? "/api/app/testEmail" : "/api/app/testAppTwilio",
                [("appId", place.appId), email ? ("to", form["to"] ?? "") : ("phone", form["phone"] ?? "")])
            if answer.ok {
                return try await settings.settings(place, delivery: ("Sent: the \(email ? "mail server" : "SMS provider") took it.", true))
            }
            // 400 a bad address, 409 nothing to send with, 502 a refusal: each in the host's words.
            guard [400, 409, 502].contains(answer.status) else {
                _ = try answer.required()
                return PortalPages.redirect(services.base + "/")
            }
            return try await settings.settings(place, status: .badRequest, delivery: (answer.message, false))
        }
    }
}
