import CosyncAuthCore
import Foundation
import Hummingbird

/// `/hosts/:host/apps/:app/...`: one app in tabs: its overview, its settings and its users.
struct AppPages: Sendable {
    let services: PortalServices
    let pages: PortalPages
    var tabs: AppTabs { AppTabs(services: services, pages: pages) }

    func add<Context: RequestContext>(to router: some RouterMethods<Context>) {
        let path = "\(services.base)/hosts/:host/apps/:app"
        router.get(RouterPath(path)) { _, context in try await overview(try AppTabs.Place(context)) }
        router.get("\(path)/settings") { _, context in try await settings(try AppTabs.Place(context)) }
        router.post("\(path)/settings") { request, context in try await saveSettings(request, try AppTabs.Place(context)) }
        router.get("\(path)/users") { request, context in try await users(request, try AppTabs.Place(context)) }
        router.post("\(path)/users/status") { request, context in try await setStatus(request, try AppTabs.Place(context)) }
        router.post("\(path)/users/add") { request, context in try await addUser(request, try AppTabs.Place(context)) }
    }

    /// Figures and a 30-day chart of sign-ups and logins, from the host's own counts.
    func overview(_ place: AppTabs.Place) async throws -> Response {
        let (call, app) = try await tabs.load(place)
        let stat = try await call.get("/api/app/stat", [("appId", place.appId)]).required()
        let activity = (try await call.get("/api/app/activity", [("appId", place.appId), ("days", "30")]).required().arrayValue ?? [])
            .compactMap(\.objectValue)
        func total(_ key: String) -> Int { activity.reduce(0) { $0 + (Int(Display.text($1[key])) ?? 0) } }
        func count(_ path: String) async throws -> String {
            let answer = try await call.get(path, [("appId", place.appId), ("value", ""), ("limit", "1")])
            _ = try answer.required()
            return answer.headers["x-total-count"] ?? "0"
        }
        let chart = ActivityChart(
            days: activity.map {
                .init(date: Display.text($0["date"]), signups: Int(Display.text($0["signups"])) ?? 0, logins: Int(Display.text($0["logins"])) ?? 0)
            })
        return tabs.page(
            "app-overview", tab: "overview", call, app,
            [
                "users": Display.text(stat.objectValue?["totalUser"]), "status": Display.text(app["status"]),
                "appToken": Display.text(app["appToken"]), "created": Display.date(app["createdAt"]), "chart": chart.svg,
                "publicKey": Display.text(app["publicKey"]), "jwksURL": "\(call.host.url)/.well-known/jwks/\(Display.text(app["appId"])).json",
                "signups30": total("signups"), "logins30": total("logins"), "failed30": total("failedLogins"), "lockouts30": total("lockouts"),
                "pendingSignups": try await count("/api/app/searchSignup"), "invitations": try await count("/api/app/searchInvite"),
            ])
    }

    // MARK: Settings

    func settings(
        _ place: AppTabs.Place, status: HTTPResponse.Status = .ok, notice: String? = nil, sent: FormBody? = nil, error: String? = nil,
        fieldError: String? = nil, delivery: (text: String, ok: Bool)? = nil
    ) async throws -> Response {
        let (call, app) = try await tabs.load(place)
        let current = Self.currentSettings(app)
        // The field the host's message names ("signupFlow takes one of ..."), else the form's top.
        let errorField = error.flatMap { message in SettingsCatalog.names.first { message.hasPrefix($0 + " ") || message.hasPrefix($0 + ":") } }
        let groups: [[String: Any]] = SettingsCatalog.groups.map { group in
            [
                "title": group.title,
                "settings": group.settings.map { setting -> [String: Any] in
                    let value = sent?[setting.name] ?? Self.formValue(current[setting.name])
                    var row: [String: Any] = ["name": setting.name, "label": setting.label, "help": setting.help, "value": value]
                    switch setting.kind {
                    case .bool:
                        row["isBool"] = true
                        row["on"] = value == "true"
                    case .choice(let choices):
                        row["isChoice"] = true
                        row["choices"] = choices.map { ["value": $0, "selected": $0 == value] }
                    case .number: row["isNumber"] = true
                    case .text: row["isText"] = true
                    case .secret: row["isSecret"] = true
                    case .json: row["isJSON"] = true
                    }
                    if setting.name == errorField, let error { row["error"] = error }
                    return row
                },
            ]
        }
        let root = "\(services.base)/hosts/\(call.id)/apps/\(place.appId)/settings"
        var data: [String: Any] = [
            "groups": groups, "action": root,
            "fields": AppFieldsSection(services: services, pages: pages, settings: self).render(
                app, root: root, fieldError: fieldError, delivery: delivery),
        ]
        if let error, errorField == nil { data["error"] = error }
        if let errorField {
            let label = SettingsCatalog.groups.flatMap(\.settings).first { $0.name == errorField }?.label ?? errorField
            data["fieldError"] = ["name": errorField, "label": label]
        }
        return tabs.page("app-settings", tab: "settings", call, app, status: status, notice: notice, data)
    }

    /// Sends the settings that changed, all in one call: the host applies all of them or none.
    func saveSettings(_ request: Request, _ place: AppTabs.Place) async throws -> Response {
        let form = try await FormBody.read(request, limit: 256 << 10)
        let (call, app) = try await tabs.load(place)
        let current = Self.currentSettings(app)
        var changes: [(String, String)] = []
        for group in SettingsCatalog.groups {
            for setting in group.settings {
                guard let value = form[setting.name] else { continue }
                if case .secret = setting.kind {
                    if !value.isEmpty { changes.append((setting.name, value)) }
                } else if value != Self.formValue(current[setting.name]) {
                    changes.append((setting.name, value))
                }
            }
        }
        guard !changes.isEmpty else { return try await settings(place, notice: "Nothing changed.") }
        let answer = try await call.post("/api/app/update", [("appId", place.appId)] + changes)
        if answer.status == 400 {
            return try await settings(place, status: .badRequest, sent: form, error: answer.message)
        }
        _ = try answer.required()
        return try await settings(place, notice: "Saved: \(changes.map(\.0).joined(separator: ", ")).")
    }

    /// The settings as the form shows them: the app's name and status are kept beside its settings.
    static func currentSettings(_ app: [String: JSONValue]) -> [String: JSONValue] {
        var current = app["settings"]?.objectValue ?? [:]
        current["name"] = app["name"]
        current["status"] = app["status"]
        return current
    }

    /// A setting as a form field shows it.
    static func formValue(_ json: JSONValue?) -> String {
        switch json {
        case .object?, .array?: json?.jsonText ?? ""
        default: Display.text(json)
        }
    }

    // MARK: Users

    static let pageSize = 25

    func users(_ request: Request, _ place: AppTabs.Place) async throws -> Response {
        try await users(
            place, query: request.uri.queryParameters["q"].map(String.init) ?? "",
            sort: request.uri.queryParameters["sort"].map(String.init) ?? "created",
            anywhere: request.uri.queryParameters["anywhere"] != nil,
            pageIndex: max(0, Int(request.uri.queryParameters["page"].map(String.init) ?? "0") ?? 0))
    }

    func users(
        _ place: AppTabs.Place, query: String, sort: String, anywhere: Bool = false, pageIndex: Int, status: HTTPResponse.Status = .ok,
        notice: String? = nil,
        addError: String? = nil, added: FormBody? = nil
    ) async throws -> Response {
        let (call, app) = try await tabs.load(place)
        let answer = try await call.get(
            "/api/app/searchUser",
            [
                ("appId", place.appId), ("value", query), ("match", anywhere ? "contains" : "prefix"), ("offset", "\(pageIndex)"),
                ("limit", "\(Self.pageSize)"), ("sort", sort),
            ])
        let found = try answer.required().arrayValue ?? []
        let total = Int(answer.headers["x-total-count"] ?? "") ?? found.count
        let root = "\(services.base)/hosts/\(call.id)/apps/\(place.appId)/users"
        func link(_ index: Int) -> String {
            var components = URLComponents()
            components.queryItems = [
                URLQueryItem(name: "q", value: query), URLQueryItem(name: "sort", value: sort), URLQueryItem(name: "page", value: "\(index)"),
            ]
            if anywhere { components.queryItems?.append(URLQueryItem(name: "anywhere", value: "1")) }
            return root + "?" + (components.percentEncodedQuery ?? "")
        }
        let back = link(pageIndex)
        let rows: [[String: Any]] = found.compactMap(\.objectValue).map { user in
            [
                "handle": Display.text(user["handle"]), "status": Display.text(user["status"]), "active": Display.text(user["status"]) == "active",
                "created": Display.date(user["createdAt"]), "lastLogin": Display.date(user["lastLogin"]),
                "statusAction": root + "/status", "back": back, "userHref": "\(root)/\(Display.text(user["userId"]))",
            ]
        }
        let pages = (total + Self.pageSize - 1) / Self.pageSize
        var data: [String: Any] = [
            "action": root, "users": rows, "empty": rows.isEmpty, "total": total, "one": total == 1,
            "sorts": [("created", "Newest first"), ("lastLogin", "Last login")].map { ["value": $0.0, "label": $0.1, "selected": $0.0 == sort] },
        ]
        if !query.isEmpty { data["query"] = query }
        if anywhere { data["anywhere"] = true }
        if pages > 1 {
            data["pages"] = pages
            data["page"] = pageIndex + 1
        }
        if pageIndex > 0 { data["previous"] = link(pageIndex - 1) }
        if pageIndex + 1 < pages { data["next"] = link(pageIndex + 1) }
        if let addError {
            data["addError"] = addError
            data["addHandle"] = added?["handle"] ?? ""
            data["addMetadata"] = added?["metaData"] ?? ""
        }
        return tabs.page("app-users", tab: "users", call, app, status: status, notice: notice, data)
    }

    /// A user added by the operator, able to log in at once (the CLI's `user add`).
    func addUser(_ request: Request, _ place: AppTabs.Place) async throws -> Response {
        let form = try await FormBody.read(request, limit: 256 << 10)
        let call = try await HostCall(place.hostId, services: services)
        var fields = [("appId", place.appId), ("handle", form["handle"] ?? ""), ("password", PasswordDigest.md5(form["password"] ?? ""))]
        if let metadata = form["metaData"], !metadata.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            fields.append(("metaData", metadata))
        }
        let answer = try await call.post("/api/app/addUser", fields)
        if answer.status == 400 || answer.status == 409 {
            return try await users(place, query: "", sort: "created", pageIndex: 0, status: .badRequest, addError: answer.message, added: form)
        }
        _ = try answer.required()
        return try await users(place, query: "", sort: "created", pageIndex: 0, notice: "\(form["handle"] ?? "") added.")
    }

    /// Suspends or reactivates a user; a suspended user's sessions end at once on the host.
    func setStatus(_ request: Request, _ place: AppTabs.Place) async throws -> Response {
        let form = try await FormBody.read(request)
        let call = try await HostCall(place.hostId, services: services)
        _ = try await call.post(
            "/api/app/user", [("appId", place.appId), ("userId", form["user"] ?? ""), ("status", form["status"] ?? "")]
        ).required()
        let root = "\(services.base)/hosts/\(call.id)/apps/\(place.appId)/users"
        let back = form["back"].flatMap { $0.hasPrefix(root) ? $0 : nil } ?? root
        return PortalPages.redirect(back)
    }
}
