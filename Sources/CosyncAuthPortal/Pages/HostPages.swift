import CosyncAuthCore
import Foundation
import Hummingbird

/// The list of hosts, and adding, editing and removing one.
struct HostPages: Sendable {
    let services: PortalServices
    let pages: PortalPages

    func add<Context: RequestContext>(to router: some RouterMethods<Context>) {
        let base = services.base
        router.get("\(base)/") { _, _ in try await list() }
        router.get("\(base)/hosts/new") { _, _ in form(title: "Add a host", action: "\(base)/hosts", [:]) }
        router.post("\(base)/hosts") { request, _ in try await create(request) }
        router.get("\(base)/hosts/:host/edit") { _, context in try await edit(context.parameters.require("host")) }
        router.post("\(base)/hosts/:host") { request, context in try await update(request, context.parameters.require("host")) }
        router.post("\(base)/hosts/:host/remove") { request, context in try await remove(request, context.parameters.require("host")) }
    }

    /// Every host with what it says of itself, asked of all at once; a host that is down says why.
    func list() async throws -> Response {
        let hosts = try await services.hosts.list()
        let states = await withTaskGroup(of: (Int, Result<HostDescription, PortalFailure>).self) { group in
            for (index, host) in hosts.enumerated() {
                group.addTask {
                    do {
                        return (index, .success(try await services.hosts.describe(host)))
                    } catch {
                        return (index, .failure((error as? PortalFailure) ?? PortalFailure(.hostUnreachable, "no answer")))
                    }
                }
            }
            return await group.reduce(into: [Int: Result<HostDescription, PortalFailure>]()) { $0[$1.0] = $1.1 }
        }
        let rows: [[String: Any]] = hosts.enumerated().map { index, host in
            var row: [String: Any] = ["id": host.id.uuidString.lowercased(), "name": host.name, "url": host.url]
            switch states[index] {
            case .success(let description)?:
                row["up"] = true
                row["version"] = description.version
                row["apps"] = description.apps
                row["users"] = description.users
            case .failure(let failure)?:
                row["problem"] = failure.message
                row["version"] = "—"
                row["apps"] = "—"
                row["users"] = "—"
            case nil:
                break
            }
            return row
        }
        return pages.page("hosts", title: "Hosts", ["hosts": rows, "empty": rows.isEmpty])
    }

    func form(title: String, action: String, status: HTTPResponse.Status = .ok, _ data: [String: Any]) -> Response {
        var data = data
        data["action"] = action
        return pages.page("host-form", title: title, crumbs: [.init(label: "Hosts", href: services.base + "/")], status: status, data)
    }

    func create(_ request: Request) async throws -> Response {
        let form = try await FormBody.read(request)
        do {
            let host = try await services.hosts.add(name: form["name"] ?? "", url: form["url"] ?? "", secret: form["secret"] ?? "")
            return PortalPages.redirect("\(services.base)/hosts/\(host.id.uuidString.lowercased())")
        } catch let failure as PortalFailure where failure.field != nil {
            return self.form(
                title: "Add a host", action: "\(services.base)/hosts", status: .badRequest,
                ["name": form["name"] ?? "", "url": form["url"] ?? "", "errors": [failure.field ?? "": failure.message]])
        }
    }

    func edit(_ id: String) async throws -> Response {
        let host = try await services.hosts.host(id: try Self.id(id))
        return form(
            title: "Edit \(host.name)", action: "\(services.base)/hosts/\(id)",
            ["editing": true, "id": id, "name": host.name, "url": host.url])
    }

    func update(_ request: Request, _ id: String) async throws -> Response {
        let form = try await FormBody.read(request)
        do {
            _ = try await services.hosts.update(id: try Self.id(id), name: form["name"] ?? "", url: form["url"] ?? "", secret: form["secret"])
            return PortalPages.redirect("\(services.base)/hosts/\(id)")
        } catch let failure as PortalFailure where failure.field != nil {
            return self.form(
                title: "Edit host", action: "\(services.base)/hosts/\(id)", status: .badRequest,
                [
                    "editing": true, "id": id, "name": form["name"] ?? "", "url": form["url"] ?? "",
                    "errors": [failure.field ?? "": failure.message],
                ])
        }
    }

    func remove(_ request: Request, _ id: String) async throws -> Response {
        let form = try await FormBody.read(request)
        guard form["confirm"] == "yes" else {
            throw PortalFailure(.invalid, "tick the box to confirm that the host should be removed")
        }
        try await services.hosts.remove(id: try Self.id(id))
        return PortalPages.redirect(services.base + "/")
    }

    static func id(_ text: String) throws -> UUID {
        guard let id = UUID(uuidString: text) else { throw PortalFailure(.notFound, "no such host") }
        return id
    }
}
