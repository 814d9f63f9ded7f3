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

    func download(_ path: String, query: [(String, String)], to file: URL, progress: @escaping @Sendable (Int) -> Void) async throws -> AdminAnswer {
        let response = try await execute(HTTPClientRequest(url: url(path, query)), timeout: .hours(2))
        guard response.status == .ok else {
            return AdminAnswer(status: Int(response.status.code), body: String(buffer: try await response.body.collect(upTo: 1024 * 1024)))
        }
        // An export holds password hashes: only its owner may read it.
        guard FileManager.default.createFile(atPath: file.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw CLIError("cannot write \(file.path)")
        }
        let handle = try FileHandle(forWritingTo: file)
        defer { try? handle.close() }
        var written = 0
        for try await part in response.body {
            try handle.write(contentsOf: part.readableBytesView)
            written += part.readableBytes
            progress(written)
        }
        return AdminAnswer(status: 200, body: "")
    }

    func upload(_ path: String, query: [(String, String)], file: URL, progress: @escaping @Sendable (Int) -> Void) async throws -> AdminAnswer {
        var request = HTTPClientRequest(url: url(path, query))
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/zip")
        let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
        request.body = .stream(FileChunks(url: file, onProgress: progress), length: .known(Int64(size)))
        let response = try await execute(request, timeout: .hours(2))
        return AdminAnswer(status: Int(response.status.code), body: String(buffer: try await response.body.collect(upTo: 64 * 1024 * 1024)))
    }

    private func url(_ path: String, _ query: [(String, String)]) -> String {
        (baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL) + path + Self.queryString(query)
    }

    private func execute(_ request: HTTPClientRequest, timeout: TimeAmount) async throws -> HTTPClientResponse {
        var request = request
        request.headers.add(name: "server-secret", value: secret)
        do {
            return try await HTTPClient.shared.execute(request, timeout: timeout)
        } catch {
            throw CLIError("cannot reach the host at \(baseURL): \(error)")
        }
    }
}
