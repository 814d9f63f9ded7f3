import CosyncAuthCore
import Foundation
import Hummingbird

/// `/hosts/:host/apps/:app/audit`: the app's audit log, newest first, filtered by event and user.
struct AppAuditPage: Sendable {
    let services: PortalServices
    let pages: PortalPages
    var tabs: AppTabs { AppTabs(services: services, pages: pages) }

    static let pageSize = 50
    static let events = [
        "signup", "signup.complete", "login", "login.complete", "login.social", "login.anonymous", "lockout", "password.change",
        "password.forgot", "password.reset", "account.delete", "invite", "register", "2fa.change", "user.status", "user.password",
        "user.remove", "app.update", "template.update", "app.export", "app.import",
    ]

    func add<Context: RequestContext>(to router: some RouterMethods<Context>) {
        router.get(RouterPath("\(services.base)/hosts/:host/apps/:app/audit")) { request, context in
            try await show(request, try AppTabs.Place(context))
        }
    }

    func show(_ request: Request, _ place: AppTabs.Place) async throws -> Response {
        let (call, app) = try await tabs.load(place)
        let event = request.uri.queryParameters["event"].map(String.init) ?? ""
        let actor = request.uri.queryParameters["actor"].map(String.init) ?? ""
        let index = max(0, Int(request.uri.queryParameters["page"].map(String.init) ?? "0") ?? 0)
        let answer = try await call.get(
            "/api/app/logs",
            [("appId", place.appId), ("event", event), ("actor", actor), ("offset", "\(index)"), ("limit", "\(Self.pageSize)")])
        let entries = try answer.required().arrayValue ?? []
        let total = Int(answer.headers["x-total-count"] ?? "") ?? entries.count
        let root = "\(services.base)/hosts/\(call.id)/apps/\(place.appId)/audit"
        func link(_ page: Int) -> String {
            var components = URLComponents()
            components.queryItems = [.init(name: "event", value: event), .init(name: "actor", value: actor), .init(name: "page", value: "\(page)")]
            return root + "?" + (components.percentEncodedQuery ?? "")
        }
        let pages = (total + Self.pageSize - 1) / Self.pageSize
        var data: [String: Any] = [
            "action": root, "event": event, "actor": actor, "events": Self.events, "total": total, "empty": entries.isEmpty,
            "filtered": !event.isEmpty || !actor.isEmpty,
            "entries": entries.compactMap(\.objectValue).map {
                [
                    "time": Display.date($0["time"]), "event": Display.text($0["event"]), "actor": Display.text($0["actor"]),
                    "address": Display.text($0["address"]), "outcome": Display.text($0["outcome"]), "detail": Display.text($0["detail"]),
                ]
            },
        ]
        if pages > 1 {
            data["pages"] = pages
            data["page"] = index + 1
        }
        if index > 0 { data["previous"] = link(index - 1) }
        if index + 1 < pages { data["next"] = link(index + 1) }
        return tabs.page("app-audit", tab: "audit", call, app, data)
    }
}
