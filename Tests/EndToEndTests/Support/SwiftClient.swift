import AsyncHTTPClient
import Crypto
import Foundation
import NIOCore
import NIOHTTP1

/// Calls the host the way the CoSync clients do, over real HTTP.
struct APIClient: Sendable {
    let baseURL: String
    let appToken: String

    struct Answer: Sendable {
        let status: HTTPResponseStatus
        let text: String
        var object: [String: Any] { ((try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]) ?? [:] }
        var code: Int? { object["code"] as? Int }
        subscript(_ key: String) -> String? { object[key] as? String }
    }

    /// The Swift client: `+` in handles sent as `%2B`, the password as MD5 hex, a form body read from
    /// URLComponents' `.query`, and no Content-Type header.
    func swiftForm(_ path: String, _ params: [(String, String)], accessToken: String? = nil) async throws -> Answer {
        var components = URLComponents()
        components.queryItems = params.map { name, value in
            URLQueryItem(name: name, value: name == "handle" ? value.replacingOccurrences(of: "+", with: "%2B") : value)
        }
        var headers = HTTPHeaders()
        if let accessToken { headers.add(name: "access-token", value: accessToken) } else { headers.add(name: "app-token", value: appToken) }
        return try await send(path, method: .POST, headers: headers, body: components.query ?? "")
    }

    /// The Kotlin and React Native clients: JSON bodies.
    func json(_ path: String, _ body: [String: String], accessToken: String? = nil) async throws -> Answer {
        var headers: HTTPHeaders = ["Content-Type": "application/json"]
        if let accessToken { headers.add(name: "access-token", value: accessToken) } else { headers.add(name: "app-token", value: appToken) }
        let data = try JSONSerialization.data(withJSONObject: body)
        return try await send(path, method: .POST, headers: headers, body: String(decoding: data, as: UTF8.self))
    }

    func get(_ path: String, accessToken: String) async throws -> Answer {
        try await send(path, method: .GET, headers: ["access-token": accessToken], body: nil)
    }

    func send(_ path: String, method: HTTPMethod, headers: HTTPHeaders, body: String?) async throws -> Answer {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        request.headers = headers
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 4 * 1024 * 1024)
        return Answer(status: response.status, text: String(buffer: bytes))
    }
}

func md5(_ text: String) -> String {
    Insecure.MD5.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
}
