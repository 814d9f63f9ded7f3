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
        router.post("\(services.base)/hosts/:host/import") { request, context in try await importApp(request, context.parameters.require("host")) }
    }

    func show(_ id: String, createError: String? = nil, importError: String? = nil) async throws -> Response {
        let call = try await HostCall(id, services: services)
        let description = try await services.hosts.describe(call.host)
        let apps = (try await call.get("/api/app/allApps").required().arrayValue ?? []).compactMap(\.objectValue)
        // Each app's user count is a call of its own: asked of the host all at once, not one after another.
        let counts = await withTaskGroup(of: (String, String).self) { group in
            for appId in apps.map({ Display.text($0["appId"]) }) {
                group.addTask {
                    let stat = try? await call.get("/api/app/stat", [("appId", appId)]).required()
                    return (appId, Display.text(stat?.objectValue?["totalUser"]))
                }
            }
            return await group.reduce(into: [String: String]()) { $0[$1.0] = $1.1 }
        }
        let rows: [[String: Any]] = apps.map { app in
            let appId = Display.text(app["appId"])
            return [
                "hostId": call.id, "appId": appId, "name": Display.text(app["name"]), "status": Display.text(app["status"]),
                "users": counts[appId] ?? "", "created": Display.date(app["createdAt"]),
            ]
        }
        var data: [String: Any] = ["id": call.id, "apps": rows, "noApps": rows.isEmpty]
        if let createError { data["createError"] = createError }
        if let importError { data["importError"] = importError }
        return HostTabs(services: services, pages: pages).page(
            "host", tab: "apps", call, version: description.version, status: createError == nil && importError == nil ? .ok : .badRequest, data)
    }

    func createApp(_ request: Request, _ id: String) async throws -> Response {
        let form = try await FormBody.read(request)
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

    /// The uploaded form goes to the host as it came (the host reads the original portal's form: `file`
    /// and `appName`), streamed: an export of a large app is never held whole by the portal.
    func importApp(_ request: Request, _ id: String) async throws -> Response {
        let call = try await HostCall(id, services: services)
        guard let type = request.headers[.contentType], type.lowercased().hasPrefix("multipart/form-data") else {
            throw PortalFailure(.invalid, "send the export as the import form does")
        }
        let answer = try await call.client.stream(
            url: call.host.url, secret: call.secret, .POST, "/api/app/importDatabase", body: (.stream(request.body, length: .unknown), type))
        let text = String(buffer: try await answer.body.collect(upTo: 4 << 20))
        let json = JSONValue(jsonText: text)?.objectValue ?? [:]
        guard answer.status == .ok else {
            let message = json["message"]?.stringValue ?? "the host answered HTTP \(answer.status.code)"
            if [400, 409, 413].contains(Int(answer.status.code)) { return try await show(id, importError: message) }
            throw PortalFailure(.hostUnreachable, message)
        }
        let imported = json["imported"]?.objectValue ?? [:]
        let warnings = (json["warnings"]?.arrayValue ?? []).map { Display.text($0) }
        return pages.page(
            "import-report", title: "\(Display.text(json["name"])) was imported",
            crumbs: [.init(label: "Hosts", href: services.base + "/"), .init(label: call.host.name, href: "\(services.base)/hosts/\(call.id)")],
            [
                "name": Display.text(json["name"]), "appSecret": Display.text(json["appSecret"]),
                "appHref": "\(services.base)/hosts/\(call.id)/apps/\(Display.text(json["appId"]))",
                "counts": imported.keys.sorted().map { ["label": $0, "value": Display.text(imported[$0])] },
                "warnings": warnings, "hasWarnings": !warnings.isEmpty,
            ])
    }
}
