import CosyncAuthCore
import Foundation
import HTTPTypes
import Hummingbird

/// `/hosts/:host/apps/:app/templates`: each email template per locale, edited with a rendered preview
/// and the placeholder list; an unknown placeholder is refused at its field. Locales are added and
/// removed here too, since templates are per locale.
struct AppTemplatesPage: Sendable {
    let services: PortalServices
    let pages: PortalPages
    var tabs: AppTabs { AppTabs(services: services, pages: pages) }

    func add<Context: RequestContext>(to router: some RouterMethods<Context>) {
        let path = "\(services.base)/hosts/:host/apps/:app/templates"
        router.get(RouterPath(path)) { request, context in
            try await show(try AppTabs.Place(context), locale: Self.query(request, "locale"), name: Self.query(request, "name"))
        }
        router.post(RouterPath("\(path)/save")) { request, context in try await save(request, try AppTabs.Place(context)) }
        router.get(RouterPath("\(path)/preview")) { request, context in
            try await previewSaved(try AppTabs.Place(context), locale: Self.query(request, "locale"), name: Self.query(request, "name"))
        }
        router.post(RouterPath("\(path)/preview")) { request, context in try await previewEdits(request, try AppTabs.Place(context)) }
        router.post(RouterPath("\(path)/locale")) { request, context in try await changeLocale(request, try AppTabs.Place(context)) }
    }

    static func query(_ request: Request, _ name: String) -> String? {
        request.uri.queryParameters[Substring(name)].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The templates of one locale as the host would send them now.
    func templates(_ call: HostCall, _ place: AppTabs.Place, locale: String) async throws -> [[String: JSONValue]] {
        try await call.get("/api/app/emailTemplates", [("appId", place.appId), ("locale", locale)]).required().arrayValue?.compactMap(\.objectValue)
            ?? []
    }

    func show(
        _ place: AppTabs.Place, locale wantedLocale: String?, name wantedName: String?, status: HTTPResponse.Status = .ok, notice: String? = nil,
        edits: FormBody? = nil, errors: [String: String] = [:], error: String? = nil, localeError: String? = nil
    ) async throws -> Response {
        let (call, app) = try await tabs.load(place)
        let locales = (app["settings"]?.objectValue?["locales"]?.arrayValue ?? []).map { Display.text($0) }
        let locale = wantedLocale.flatMap { locales.contains($0.uppercased()) ? $0.uppercased() : nil } ?? locales.first ?? "EN"
        let list = try await templates(call, place, locale: locale)
        let name =
            wantedName.flatMap { wanted in list.contains { Display.text($0["templateName"]) == wanted } ? wanted : nil }
            ?? Display.text(list.first?["templateName"])
        let current = list.first { Display.text($0["templateName"]) == name } ?? [:]
        let root = "\(services.base)/hosts/\(call.id)/apps/\(place.appId)/templates"
        func link(_ template: String) -> String {
            var components = URLComponents()
            components.queryItems = [.init(name: "locale", value: locale), .init(name: "name", value: template)]
            return root + "?" + (components.percentEncodedQuery ?? "")
        }
        let rendered = Self.sample(current, appName: Display.text(app["name"]))
        var data: [String: Any] = [
            "action": root, "locale": locale, "name": name, "removable": locale != "EN",
            "locales": locales.map { ["code": $0, "selected": $0 == locale] },
            "templates": list.map { template -> [String: Any] in
                let templateName = Display.text(template["templateName"])
                return [
                    "name": templateName, "href": link(templateName), "custom": template["custom"] == .bool(true), "selected": templateName == name,
                ]
            },
            "placeholders": EmailTemplate.placeholders.sorted(),
            "subject": edits?["subject"] ?? Display.text(current["subject"]), "replyTo": edits?["replyTo"] ?? Display.text(current["replyTo"]),
            "html": edits?["html"] ?? Display.text(current["htmlTemplate"]), "text": edits?["text"] ?? Display.text(current["textTemplate"]),
            "previewSubject": rendered?.subject ?? "", "previewSrc": link(name).replacingOccurrences(of: "/templates?", with: "/templates/preview?"),
            "errors": errors,
        ]
        if let error { data["error"] = error }
        if let localeError { data["localeError"] = localeError }
        return tabs.page("app-templates", tab: "templates", call, app, status: status, notice: notice, data)
    }

    func save(_ request: Request, _ place: AppTabs.Place) async throws -> Response {
        let form = try await FormBody.read(request, limit: 512 << 10)
        let call = try await HostCall(place.hostId, services: services)
        let (name, locale) = (form["name"] ?? "", form["locale"] ?? "EN")
        let answer = try await call.post(
            "/api/app/updateEmailTemplate",
            [
                ("appId", place.appId), ("templateName", name), ("locale", locale), ("subject", form["subject"] ?? ""),
                ("replyTo", form["replyTo"] ?? ""), ("htmlTemplate", form["html"] ?? ""), ("textTemplate", form["text"] ?? ""),
            ])
        if answer.status == 400 {
            // The host names the placeholder; the field is the one that holds it.
            let token = answer.message.firstMatch(of: /%[A-Z][A-Z_]*%/).map { String($0.output) }
            let field = token.flatMap { token in ["subject", "html", "text"].first { (form[$0] ?? "").contains(token) } }
            return try await show(
                place, locale: locale, name: name, status: .badRequest, edits: form, errors: field.map { [$0: answer.message] } ?? [:],
                error: field == nil ? answer.message : nil)
        }
        _ = try answer.required()
        return try await show(place, locale: locale, name: name, notice: "Template \(name) (\(locale)) saved.")
    }

    func changeLocale(_ request: Request, _ place: AppTabs.Place) async throws -> Response {
        let form = try await FormBody.read(request)
        let call = try await HostCall(place.hostId, services: services)
        let locale = (form["locale"] ?? "").uppercased()
        let removing = form["do"] == "remove"
        if removing, form["confirm"] != "yes" { throw PortalFailure(.invalid, "tick the box to confirm") }
        let answer = try await call.post(removing ? "/api/app/removeLocale" : "/api/app/addLocale", [("appId", place.appId), ("locale", locale)])
        if answer.status == 400 || answer.status == 409 {
            return try await show(place, locale: nil, name: nil, status: .badRequest, localeError: answer.message)
        }
        _ = try answer.required()
        return try await show(
            place, locale: removing ? "EN" : locale, name: nil, notice: removing ? "Locale \(locale) removed." : "Locale \(locale) added.")
    }

    // MARK: Preview

    /// Sample values for a preview: never a real user's.
    static func sample(_ template: [String: JSONValue], appName: String) -> RenderedEmail? {
        guard let name = EmailTemplate.Name(rawValue: Display.text(template["templateName"])) else { return nil }
        return sample(
            EmailTemplate(
                name: name, locale: Display.text(template["locale"]), subject: Display.text(template["subject"]),
                html: Display.text(template["htmlTemplate"]), text: template["textTemplate"].map { Display.text($0) }),
            appName: appName)
    }

    static func sample(_ template: EmailTemplate, appName: String) -> RenderedEmail {
        template.render(["HANDLE": "someone@example.com", "APP_NAME": appName, "CODE": "123456", "LINK": "https://auth.example.com/link"])
    }

    func previewSaved(_ place: AppTabs.Place, locale: String?, name: String?) async throws -> Response {
        let (call, app) = try await tabs.load(place)
        let list = try await templates(call, place, locale: locale ?? "EN")
        let template = list.first { Display.text($0["templateName"]) == name } ?? [:]
        return Self.previewResponse(Self.sample(template, appName: Display.text(app["name"]))?.html ?? "")
    }

    func previewEdits(_ request: Request, _ place: AppTabs.Place) async throws -> Response {
        let form = try await FormBody.read(request, limit: 512 << 10)
        let (_, app) = try await tabs.load(place)
        let name = EmailTemplate.Name(rawValue: form["name"] ?? "") ?? .signUp
        let template = EmailTemplate(
            name: name, locale: form["locale"] ?? "EN", subject: form["subject"] ?? "", html: form["html"] ?? "",
            text: form["text"].flatMap { $0.isEmpty ? nil : $0 })
        return Self.previewResponse(Self.sample(template, appName: Display.text(app["name"])).html)
    }

    /// A template's HTML shown as the mail client would, in a sandbox: no script, nothing fetched,
    /// nothing it can reach of the portal.
    static func previewResponse(_ html: String) -> Response {
        var response = PortalPages.html(html)
        response.headers[.contentSecurityPolicy] = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'"
        response.headers[HTTPField.Name("x-frame-options")!] = "SAMEORIGIN"
        return response
    }
}
