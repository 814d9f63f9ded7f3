import CosyncAuthCore
import Foundation
import Hummingbird

/// `/hosts/:host`: the host's apps with their users, and creating an app (its credentials shown once).
struct HostDetailPage: Sendable {
    let services: PortalServices
    let pages: PortalPages

    func add<Context: RequestContext>(to router: some RouterMethods<Context>) {
        router.get("\(services.base)/hosts/:host") { _, context in try await show(context.parameters.require("host")) }
        router.post("\(services.base)/hosts/:host/apps") { request, context in try await createApp(request, context.parameters.require("host")) }
    }

    func show(_ id: String, createError: String? = nil) async throws -> Response {
        let call = try await HostCall(id, services: services)
        let description = try await services.hosts.describe(call.host)
        let apps = try await call.get("/api/app/allApps").required()
        var rows: [[String: Any]] = []
        for app in apps.arrayValue ?? [] {
            let appId = Display.text(app.objectValue?["appId"])
            let stat = try? await call.get("/api/app/stat", [("appId", appId)]).required()
            rows.append([
                "hostId": call.id, "appId": appId, "name": Display.text(app.objectValue?["name"]),
                "status": Display.text(app.objectValue?["status"]), "users": Display.text(stat?.objectValue?["totalUser"]),
                "created": Display.date(app.objectValue?["createdAt"]),
            ])
        }
        var data: [String: Any] = ["id": call.id, "apps": rows, "noApps": rows.isEmpty]
        if let createError { data["createError"] = createError }
        return HostTabs(services: services, pages: pages).page(
            "host", tab: "apps", call, version: description.version, status: createError == nil ? .ok : .badRequest, data)
    }

    func createApp(_ request: Request, _ id: String) async throws -> Response {
        var request = request
        let form = FormBody(String(buffer: try await request.collectBody(upTo: 64 << 10)))
        let call = try await HostCall(id, services: services)
        let answer = try await call.post("/api/app/", [("name", form["name"] ?? "")])
        // A name the host refuses is shown at the field; any other refusal is the page's failure.
        if answer.status == 400 || answer.status == 409 { return try await show(id, createError: answer.message) }
        let app = try answer.required().objectValue ?? [:]
        return pages.page(
            "app-created", title: "\(Display.text(app["name"])) is ready",
            crumbs: [.init(label: "Hosts", href: services.base + "/"), .init(label: call.host.name, href: "\(services.base)/hosts/\(call.id)")],
            [
                "hostId": call.id, "appId": Display.text(app["appId"]), "name": Display.text(app["name"]),
                "appToken": Display.text(app["appToken"]), "appSecret": Display.text(app["appSecret"]),
                "publicKey": Display.text(app["publicKey"]),
            ])
    }
}
