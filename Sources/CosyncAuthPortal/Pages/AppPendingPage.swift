import CosyncAuthCore
import Foundation
import Hummingbird

/// `/hosts/:host/apps/:app/pending`: invitations (send to one or several, resend, withdraw) and pending
/// sign-ups (remove).
struct AppPendingPage: Sendable {
    let services: PortalServices
    let pages: PortalPages
    var tabs: AppTabs { AppTabs(services: services, pages: pages) }

    func add<Context: RequestContext>(to router: some RouterMethods<Context>) {
        let path = "\(services.base)/hosts/:host/apps/:app/pending"
        router.get(RouterPath(path)) { _, context in try await show(try AppTabs.Place(context)) }
        for action in ["invite", "invite/resend", "invite/withdraw", "signup/remove"] {
            router.post(RouterPath("\(path)/\(action)")) { request, context in try await perform(action, request, try AppTabs.Place(context)) }
        }
    }

    func show(
        _ place: AppTabs.Place, status: HTTPResponse.Status = .ok, notice: String? = nil, inviteError: String? = nil, sent: FormBody? = nil
    ) async throws -> Response {
        let (call, app) = try await tabs.load(place)
        let page = [("appId", place.appId), ("value", ""), ("limit", "500")]
        let invites = try await call.get("/api/app/searchInvite", page).required().arrayValue ?? []
        let signups = try await call.get("/api/app/searchSignup", page).required().arrayValue ?? []
        var data: [String: Any] = [
            "root": "\(services.base)/hosts/\(call.id)/apps/\(place.appId)/pending",
            "invites": invites.compactMap(\.objectValue).map {
                [
                    "handle": Display.text($0["handle"]), "sender": Display.text($0["senderHandle"]), "status": Display.text($0["status"]),
                    "expires": Display.date($0["expiresAt"]),
                ]
            },
            "signups": signups.compactMap(\.objectValue).map {
                [
                    "handle": Display.text($0["handle"]), "status": Display.text($0["status"]), "created": Display.date($0["createdAt"]),
                    "expires": Display.date($0["expiresAt"]),
                ]
            },
            "noInvites": invites.isEmpty, "noSignups": signups.isEmpty,
            "handles": sent?["handles"] ?? "", "inviteMetadata": sent?["metaData"] ?? "",
        ]
        if let inviteError { data["inviteError"] = inviteError }
        return tabs.page("app-pending", tab: "pending", call, app, status: status, notice: notice, data)
    }

    func perform(_ action: String, _ request: Request, _ place: AppTabs.Place) async throws -> Response {
        let form = try await FormBody.read(request, limit: 256 << 10)
        let call = try await HostCall(place.hostId, services: services)
        let handle = form["handle"] ?? ""
        switch action {
        case "invite":
            var fields = [("appId", place.appId), ("handles", form["handles"] ?? "")]
            if let metadata = form["metaData"], !metadata.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                fields.append(("metaData", metadata))
            }
            let answer = try await call.post("/api/app/invite", fields)
            if answer.status == 400 || answer.status == 409 {
                return try await show(place, status: .badRequest, inviteError: answer.message, sent: form)
            }
            let results = try answer.required().arrayValue ?? []
            let sent = results.filter { $0.objectValue?["status"]?.stringValue == "sent" }.count
            let registered = results.count - sent
            return try await show(
                place, notice: "\(sent) invitation\(sent == 1 ? "" : "s") sent" + (registered > 0 ? "; \(registered) already registered." : "."))
        case "invite/resend":
            _ = try await call.post("/api/app/resendInvite", [("appId", place.appId), ("handle", handle)]).required()
            return try await show(place, notice: "The invitation to \(handle) was sent again with a new code.")
        case "invite/withdraw":
            guard form["confirm"] == "yes" else { throw PortalFailure(.invalid, "tick the box to confirm") }
            _ = try await call.post("/api/app/removeInvite", [("appId", place.appId), ("handle", handle)]).required()
            return try await show(place, notice: "The invitation to \(handle) was withdrawn.")
        default:
            guard form["confirm"] == "yes" else { throw PortalFailure(.invalid, "tick the box to confirm") }
            _ = try await call.post("/api/app/removeSignup", [("appId", place.appId), ("handle", handle)]).required()
            return try await show(place, notice: "The pending sign-up of \(handle) was removed.")
        }
    }
}
