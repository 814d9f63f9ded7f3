import AsyncHTTPClient
import CosyncAuthCore
import Foundation
import HTTPTypes
import NIOCore
import NIOHTTP1

/// Calls a running host's admin API over HTTP with a server secret.
struct RemoteAdminClient: AdminClient {
    let baseURL: String
    let secret: String

    func send(_ method: HTTPRequest.Method, _ path: String, query: [(String, String)], body: JSONValue?) async throws -> AdminAnswer {
        let base = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        var request = HTTPClientRequest(url: base + path + Self.queryString(query))
        request.method = HTTPMethod(rawValue: method.rawValue)
        request.headers.add(name: "server-secret", value: secret)
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body.jsonText))
        }
        let response: HTTPClientResponse
        do {
            response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        } catch {
            throw CLIError("cannot reach the host at \(base): \(error)")
        }
        let bytes = try await response.body.collect(upTo: 64 * 1024 * 1024)
        return AdminAnswer(status: Int(response.status.code), body: String(buffer: bytes))
    }
}
