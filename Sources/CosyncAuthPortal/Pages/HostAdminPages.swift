import CosyncAuthCore
import Foundation
import Hummingbird

/// `/hosts/:host/secrets` and `/hosts/:host/outbox`: a host's server secrets (create, shown once;
/// revoke) and the messages waiting or failed in its outbox, with the provider's reason.
struct HostAdminPages: Sendable {
    let services: PortalServices
    let pages: PortalPages

    func add<Context: RequestContext>(to router: some RouterMethods<Context>) {
        let path = "\(services.base)/hosts/:host"
        router.get(RouterPath("\(path)/secrets")) { _, context in try await secrets(context.parameters.require("host")) }
        router.post(RouterPath("\(path)/secrets")) { request, context in try await createSecret(request, context.parameters.require("host")) }
        router.post(RouterPath("\(path)/secrets/revoke")) { request, context in try await revokeSecret(request, context.parameters.require("host")) }
        router.get(RouterPath("\(path)/outbox")) { request, context in try await outbox(request, context.parameters.require("host")) }
    }

    func secrets(_ id: String, created: (name: String, secret: String)? = nil, error: String? = nil, notice: String? = nil) async throws -> Response {
        let call = try await HostCall(id, services: services)
        let list = try await call.get("/api/app/secrets").required().arrayValue ?? []
        var data: [String: Any] = [
            "secrets": list.compactMap(\.objectValue).map { ["name": Display.text($0["name"]), "created": Display.date($0["createdAt"])] }
        ]
        if let created { data["created"] = ["name": created.name, "secret": created.secret] }
        if let error { data["error"] = error }
        return HostTabs(services: services, pages: pages).page(
            "host-secrets", tab: "secrets", call, status: error == nil ? .ok : .badRequest, notice: notice, data)
    }

    func createSecret(_ request: Request, _ id: String) async throws -> Response {
        let form = try await FormBody.read(request)
        let call = try await HostCall(id, services: services)
        let name = form["name"] ?? ""
        let answer = try await call.post("/api/app/secrets", [("name", name)])
        if answer.status == 400 || answer.status == 409 { return try await secrets(id, error: answer.message) }
        let secret = Display.text(try answer.required().objectValue?["serverSecret"])
        return try await secrets(id, created: (name, secret))
    }

    func revokeSecret(_ request: Request, _ id: String) async throws -> Response {
        let form = try await FormBody.read(request)
        guard form["confirm"] == "yes" else { throw PortalFailure(.invalid, "tick the box to confirm the revocation") }
        let call = try await HostCall(id, services: services)
        let name = form["name"] ?? ""
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? name
        _ = try await call.client.call(url: call.host.url, secret: call.secret, .DELETE, "/api/app/secrets/\(encoded)").required()
        return try await secrets(id, notice: "Secret \(name) revoked.")
    }

    static let statuses = [("", "Waiting and failed"), ("pending", "Waiting"), ("failed", "Failed"), ("sent", "Sent")]

    func outbox(_ request: Request, _ id: String) async throws -> Response {
        let call = try await HostCall(id, services: services)
        let status = request.uri.queryParameters["status"].map(String.init) ?? ""
        var messages: [JSONValue] = []
        if status.isEmpty {
            for wanted in ["pending", "failed"] {
                messages += try await call.get("/api/app/outbox", [("status", wanted), ("limit", "200")]).required().arrayValue ?? []
            }
        } else {
            messages = try await call.get("/api/app/outbox", [("status", status), ("limit", "200")]).required().arrayValue ?? []
        }
        let rows: [[String: Any]] = messages.compactMap(\.objectValue)
            .sorted { Display.text($0["createdAt"]) > Display.text($1["createdAt"]) }
            .map {
                [
                    "created": Display.date($0["createdAt"]), "recipient": Display.text($0["recipient"]), "subject": Display.text($0["subject"]),
                    "status": Display.text($0["status"]), "attempts": Display.text($0["attempts"]), "lastError": Display.text($0["lastError"]),
                ]
            }
        return HostTabs(services: services, pages: pages).page(
            "host-outbox", tab: "outbox", call,
            [
                "messages": rows, "empty": rows.isEmpty, "action": "\(services.base)/hosts/\(call.id)/outbox",
                "statuses": Self.statuses.map { ["value": $0.0, "label": $0.1, "selected": $0.0 == status] },
            ])
    }
}
