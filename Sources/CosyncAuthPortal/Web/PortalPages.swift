import CosyncAuthCore
import Foundation
import Hummingbird
import Mustache

/// The portal's pages: Mustache templates built into the binary, each rendered into the layout. Values
/// are escaped by the templates (`{{...}}`); only the rendered page itself goes in unescaped.
public struct PortalPages: Sendable {
    let library: MustacheLibrary
    let base: String

    static let templates: [String: [UInt8]] = [
        "layout": PackageResources.layout_mustache, "login": PackageResources.login_mustache,
        "hosts": PackageResources.hosts_mustache, "host-form": PackageResources.host_form_mustache,
        "host": PackageResources.host_mustache, "app-created": PackageResources.app_created_mustache,
        "app-tabs": PackageResources.app_tabs_mustache, "app-settings": PackageResources.app_settings_mustache,
        "app-users": PackageResources.app_users_mustache, "app-overview": PackageResources.app_overview_mustache,
        "error": PackageResources.error_mustache, "host-tabs": PackageResources.host_tabs_mustache,
        "host-secrets": PackageResources.host_secrets_mustache, "host-outbox": PackageResources.host_outbox_mustache,
        "app-user": PackageResources.app_user_mustache, "app-audit": PackageResources.app_audit_mustache,
        "app-pending": PackageResources.app_pending_mustache, "app-templates": PackageResources.app_templates_mustache,
        "app-fields": PackageResources.app_fields_mustache, "app-move": PackageResources.app_move_mustache,
        "import-report": PackageResources.import_report_mustache,
    ]

    /// Parses every template: a broken one stops the portal at start, not at the first visit.
    public init(base: String) throws {
        var library = MustacheLibrary()
        for (name, bytes) in Self.templates {
            try library.register(String(decoding: bytes, as: UTF8.self), named: name)
        }
        self.library = library
        self.base = base
    }

    /// A breadcrumb above the title.
    struct Crumb {
        var label: String
        var href: String
    }

    func render(_ template: String, _ data: [String: Any]) -> String {
        var data = data
        data["base"] = base
        if let signedIn = SignedIn.current { data["csrf"] = signedIn.session.csrfToken }
        return library.render(data, withTemplate: template) ?? ""
    }

    /// A whole page: `template` with `data`, inside the layout.
    func page(
        _ template: String, title: String, crumbs: [Crumb] = [], notice: String? = nil, status: HTTPResponse.Status = .ok,
        _ data: [String: Any] = [:]
    ) -> Response {
        var layout: [String: Any] = [
            "title": title, "content": render(template, data),
            "crumbs": crumbs.map { ["label": $0.label, "href": $0.href] },
        ]
        if let notice { layout["notice"] = notice }
        if let signedIn = SignedIn.current { layout["operator"] = signedIn.operator.email }
        return Self.html(render("layout", layout), status: status)
    }

    /// A page that says what went wrong and where to go next.
    func error(_ status: HTTPResponse.Status, heading: String, _ message: String, back: String? = nil) -> Response {
        var data: [String: Any] = ["heading": heading, "message": message]
        if let back { data["back"] = back }
        return page("error", title: heading, status: status, data)
    }

    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// After a form: the page to see next (303, so a reload does not send the form again).
    static func redirect(_ location: String, cookie: String? = nil) -> Response {
        var response = Response(status: .seeOther, headers: [.location: location])
        if let cookie { response.headers[.setCookie] = cookie }
        return response
    }

    /// A refusal before any page could be chosen (a cross-site or expired form).
    static func plainError(_ status: HTTPResponse.Status, _ message: String) -> Response {
        html(
            "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>Refused</title><p>"
                + message.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;") + "</p></html>",
            status: status)
    }
}
