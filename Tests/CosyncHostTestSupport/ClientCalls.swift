public import CosyncAuthCore
import Crypto
import Foundation
public import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Calls made the way the real clients make them.
extension TestHost {
    public struct Answer: Sendable {
        public let status: HTTPResponse.Status
        public let text: String
        public let headers: HTTPFields

        public init(status: HTTPResponse.Status, text: String, headers: HTTPFields = [:]) {
            self.status = status
            self.text = text
            self.headers = headers
        }

        public var json: JSONValue? { JSONValue(jsonText: text) }
        public var object: [String: JSONValue] { json?.objectValue ?? [:] }
        public var code: Int? {
            if case .number(let n)? = object["code"] { return Int(n) }
            return nil
        }
        public subscript(_ key: String) -> String? { object[key]?.stringValue }
    }

    /// As the Swift client: a form body built by URLComponents and read back through `.query` (values
    /// unescaped), `+` in handles sent as `%2B`, and no Content-Type header.
    public func form(
        _ path: String, _ params: [(String, String)], appToken: String? = nil, accessToken: String? = nil,
        method: HTTPRequest.Method = .post
    ) async throws -> Answer {
        var components = URLComponents()
        components.queryItems = params.map { name, value in
            URLQueryItem(name: name, value: name == "handle" ? value.replacingOccurrences(of: "+", with: "%2B") : value)
        }
        let body = components.query ?? ""
        return try await send(path, method: method, headers: credentials(appToken, accessToken), body: body)
    }

    /// `form`, sent again after a 503 as a client honouring Retry-After would: on a loaded machine the
    /// host may shed a request (its hashing queue or database connection is busy), and tests of what
    /// parallel requests *do* must not count a shed request as an answer.
    public func formRetryingWhenBusy(
        _ path: String, _ params: [(String, String)], appToken: String? = nil, accessToken: String? = nil
    ) async throws -> Answer {
        for _ in 0..<20 {
            let answer = try await form(path, params, appToken: appToken, accessToken: accessToken)
            guard answer.status == .serviceUnavailable else { return answer }
            try await Task.sleep(for: .milliseconds(250))
        }
        return try await form(path, params, appToken: appToken, accessToken: accessToken)
    }

    /// As the Kotlin and React Native clients: a JSON body.
    public func json(
        _ path: String, _ body: JSONValue, appToken: String? = nil, accessToken: String? = nil
    ) async throws -> Answer {
        var headers = credentials(appToken, accessToken)
        headers[.contentType] = "application/json"
        return try await send(path, method: .post, headers: headers, body: body.jsonText)
    }

    public func get(_ path: String, appToken: String? = nil, accessToken: String? = nil) async throws -> Answer {
        try await send(path, method: .get, headers: credentials(appToken, accessToken), body: nil)
    }

    public func send(_ path: String, method: HTTPRequest.Method, headers: HTTPFields, body: String?) async throws -> Answer {
        try await client.execute(
            uri: path, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }
        ) { response in
            Answer(status: response.status, text: String(buffer: response.body), headers: response.headers)
        }
    }

    private func credentials(_ appToken: String?, _ accessToken: String?) -> HTTPFields {
        var headers = HTTPFields()
        if let appToken { headers[HTTPField.Name("app-token")!] = appToken }
        if let accessToken { headers[HTTPField.Name("access-token")!] = accessToken }
        return headers
    }

    public var token: String { app.appToken }

    /// Signs a user up in the `none` flow and answers their access token.
    @discardableResult
    public func signUp(_ handle: String, password: String = "pass1234", metaData: String? = nil) async throws -> String {
        var params = [("handle", handle), ("password", md5(password))]
        if let metaData { params.append(("metaData", metaData)) }
        let answer = try await form("/api/appuser/signup", params, appToken: token)
        #expect(answer.status == .ok, "signup failed: \(answer.text)")
        return try #require(answer["access-token"])
    }
}

/// What every client sends as the password: MD5, lower-case hex.
public func md5(_ text: String) -> String {
    Insecure.MD5.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
}

extension TestHost {
    /// What the host queued for delivery to `recipient`, oldest first.
    public func mail(to recipient: String) async throws -> [OutboxMessage] {
        try await host.storage.store.outboxMessages(status: nil, limit: 1000)
            .filter { $0.recipient == recipient }
            .sorted { $0.createdAt < $1.createdAt }
    }

    /// The six-digit code in the newest message to `recipient`, as a user reads it.
    public func code(sentTo recipient: String) async throws -> String {
        let message = try #require(try await mail(to: recipient).last)
        return String(try #require(message.text.firstMatch(of: /\b\d{6}\b/)).output)
    }
}
