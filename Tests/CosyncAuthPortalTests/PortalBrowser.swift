import CosyncAuthHost
import CosyncHostTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// A browser as far as the portal can tell: it keeps the session cookie, reads the CSRF token from the
/// page it last loaded and sends it back with forms, and sends `Sec-Fetch-Site` like a real browser.
final class PortalBrowser: @unchecked Sendable {
    struct Page: Sendable {
        let status: HTTPResponse.Status
        let headers: HTTPFields
        let html: String

        var location: String? { headers[.location] }
        /// The CSRF token the page's forms carry.
        var csrf: String? {
            html.firstMatch(of: /name="csrf" value="([^"]+)"/).map { String($0.output.1) }
        }
    }

    let client: any TestClientProtocol
    private(set) var cookie: String?
    private(set) var csrf: String?

    init(client: any TestClientProtocol) {
        self.client = client
    }

    @discardableResult
    func get(_ path: String) async throws -> Page {
        try await send(path, method: .get, form: nil, headers: [:])
    }

    /// A form as the page's browser sends it: with the token from the last page unless `csrf` says
    /// otherwise, and from the same origin unless `headers` say otherwise.
    @discardableResult
    func post(_ path: String, _ fields: [(String, String)], csrf: String?? = .none, headers: HTTPFields = [:]) async throws -> Page {
        var fields = fields
        if let token = csrf ?? self.csrf { fields.append(("csrf", token)) }
        return try await send(path, method: .post, form: fields, headers: headers)
    }

    /// A file upload as a browser sends the form: `multipart/form-data`, the token in the query.
    func upload(_ path: String, file: [UInt8], fields: [(String, String)]) async throws -> Page {
        let boundary = "portal-test-\(UUID().uuidString)"
        var body = ByteBuffer()
        for (name, value) in fields {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        body.writeString(
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"export.zip\"\r\nContent-Type: application/zip\r\n\r\n")
        body.writeBytes(file)
        body.writeString("\r\n--\(boundary)--\r\n")
        var headers: HTTPFields = [HTTPField.Name("sec-fetch-site")!: "same-origin", .contentType: "multipart/form-data; boundary=\(boundary)"]
        if let cookie { headers[.cookie] = cookie }
        let separator = path.contains("?") ? "&" : "?"
        return try await client.execute(uri: path + separator + "csrf=\(csrf ?? "")", method: .post, headers: headers, body: body) { response in
            Page(status: response.status, headers: response.headers, html: String(buffer: response.body))
        }
    }

    /// A download: the answer's bytes as they are.
    func download(_ path: String, _ fields: [(String, String)]) async throws -> (status: HTTPResponse.Status, headers: HTTPFields, bytes: [UInt8]) {
        var fields = fields
        if let csrf { fields.append(("csrf", csrf)) }
        var components = URLComponents()
        components.queryItems = fields.map { URLQueryItem(name: $0.0, value: $0.1) }
        var headers: HTTPFields = [
            HTTPField.Name("sec-fetch-site")!: "same-origin", .contentType: "application/x-www-form-urlencoded",
        ]
        if let cookie { headers[.cookie] = cookie }
        return try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(string: components.percentEncodedQuery ?? "")) {
            ($0.status, $0.headers, Array($0.body.readableBytesView))
        }
    }

    func login(_ email: String, _ password: String, code: String? = nil) async throws -> Page {
        try await post("/login", [("email", email), ("password", password), ("code", code ?? "")], csrf: .some(nil))
    }

    private func send(_ path: String, method: HTTPRequest.Method, form: [(String, String)]?, headers extra: HTTPFields) async throws -> Page {
        var headers: HTTPFields = [HTTPField.Name("sec-fetch-site")!: "same-origin"]
        // An empty value leaves the header out (a browser that does not send it).
        for field in extra { headers[field.name] = field.value.isEmpty ? nil : field.value }
        if let cookie { headers[.cookie] = cookie }
        var body: ByteBuffer?
        if let form {
            var components = URLComponents()
            components.queryItems = form.map { URLQueryItem(name: $0.0, value: $0.1) }
            headers[.contentType] = "application/x-www-form-urlencoded"
            body = ByteBuffer(string: (components.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B"))
        }
        let page = try await client.execute(uri: path, method: method, headers: headers, body: body) { response in
            Page(status: response.status, headers: response.headers, html: String(buffer: response.body))
        }
        if let setCookie = page.headers[.setCookie], let pair = setCookie.split(separator: ";").first {
            cookie = pair.hasSuffix("=") ? nil : String(pair)
        }
        if let token = page.csrf { csrf = token }
        return page
    }
}

/// A host on a live listener, and its portal on a router of its own, as `cosync-auth portal` runs it.
enum PortalSite {
    static let password = "correct horse battery"

    static func run(
        _ db: TestDatabase, settings: [(String, String)] = [],
        _ test: @Sendable (TestHost, PortalBrowser, String) async throws -> Void
    ) async throws {
        try await TestHost.run(db, settings: settings, testing: .live) { t async throws in
            try await t.host.portalOperators.add(email: "ops@example.com", password: password)
            let router = Router(context: BasicRequestContext.self)
            try await t.host.portalServer(base: "").add(to: router)
            let hostURL = "http://127.0.0.1:\(try #require(t.client.port))"
            try await Application(router: router).test(.router) { client in
                try await test(t, PortalBrowser(client: client), hostURL)
            }
        }
    }
}
