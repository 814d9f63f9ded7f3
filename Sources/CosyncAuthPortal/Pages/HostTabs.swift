import CosyncAuthCore
import Hummingbird

/// A page about one host: its name and address over tabs for its apps, server secrets and outbox.
struct HostTabs: Sendable {
    let services: PortalServices
    let pages: PortalPages

    func page(
        _ template: String, tab: String, _ call: HostCall, version: String? = nil, status: HTTPResponse.Status = .ok,
        notice: String? = nil, _ data: [String: Any]
    ) -> Response {
        let root = "\(services.base)/hosts/\(call.id)"
        let tabs = [("apps", "Apps", root), ("secrets", "Server secrets", root + "/secrets"), ("outbox", "Outbox", root + "/outbox")]
        var header: [String: Any] = [
            "hostName": call.host.name, "hostURL": call.host.url, "hostId": call.id,
            "tabs": tabs.map { ["id": $0.0, "label": $0.1, "href": $0.2, "current": $0.0 == tab] },
        ]
        if let version { header["version"] = version }
        var data = data
        data["tabs"] = pages.render("host-tabs", header)
        data["hostId"] = call.id
        return pages.page(
            template, title: call.host.name, crumbs: [.init(label: "Hosts", href: services.base + "/")], notice: notice, status: status, data)
    }
}
