import CosyncAuthCore
import Foundation
import Hummingbird

/// A page about one app: the host and app it names, loaded from the host, over the app's tabs.
struct AppTabs: Sendable {
    let services: PortalServices
    let pages: PortalPages

    /// The host and app a page is about, from its path.
    struct Place {
        var hostId: String
        var appId: String

        init(_ context: some RequestContext) throws {
            hostId = try context.parameters.require("host")
            appId = try context.parameters.require("app")
        }
    }

    /// The app as its host has it now, with the host to call.
    func load(_ place: Place) async throws -> (HostCall, [String: JSONValue]) {
        let call = try await HostCall(place.hostId, services: services)
        let app = try await call.get("/api/app/appId/\(place.appId.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")").required()
        return (call, app.objectValue ?? [:])
    }

    func page(
        _ template: String, tab: String, _ call: HostCall, _ app: [String: JSONValue], status: HTTPResponse.Status = .ok,
        notice: String? = nil, _ data: [String: Any]
    ) -> Response {
        let name = Display.text(app["name"])
        let root = "\(services.base)/hosts/\(call.id)/apps/\(Display.text(app["appId"]))"
        let tabs = [
            ("overview", "Overview", root), ("settings", "Settings", root + "/settings"), ("users", "Users", root + "/users"),
            ("templates", "Templates", root + "/templates"), ("pending", "Invitations", root + "/pending"),
            ("audit", "Audit log", root + "/audit"), ("move", "Move & keys", root + "/move"),
        ]
        var data = data
        data["tabs"] = pages.render(
            "app-tabs",
            ["appName": name, "tabs": tabs.map { ["id": $0.0, "label": $0.1, "href": $0.2, "current": $0.0 == tab] }])
        let crumbs: [PortalPages.Crumb] = [
            .init(label: "Hosts", href: services.base + "/"), .init(label: call.host.name, href: "\(services.base)/hosts/\(call.id)"),
        ]
        return pages.page(template, title: name, crumbs: crumbs, notice: notice, status: status, data)
    }
}
