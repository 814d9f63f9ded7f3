import CosyncAuthCore
import CosyncAuthHTTP
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOEmbedded

/// Runs admin API calls through the host's own routes, in this process, on the database.
struct InProcessAdminClient<Responder: HTTPResponder>: AdminClient where Responder.Context == AuthRequestContext {
    let responder: Responder
    let logger: Logger

    func send(_ method: HTTPRequest.Method, _ path: String, query: [(String, String)], body: JSONValue?) async throws -> AdminAnswer {
        var headers = HTTPFields()
        if body != nil { headers[.contentType] = "application/json" }
        let response = try await respond(
            method, path, query: query, headers: headers, body: RequestBody(buffer: ByteBuffer(string: body?.jsonText ?? "")))
        let collector = BodyCollector()
        try await response.body.write(collector)
        return AdminAnswer(status: Int(response.status.code), body: String(buffer: await collector.buffer))
    }

    func download(_ path: String, query: [(String, String)], to file: URL, progress: @escaping @Sendable (Int) -> Void) async throws -> AdminAnswer {
        let response = try await respond(.get, path, query: query, headers: [:], body: RequestBody(buffer: ByteBuffer()))
        guard response.status.code == 200 else {
            let collector = BodyCollector()
            try await response.body.write(collector)
            return AdminAnswer(status: Int(response.status.code), body: String(buffer: await collector.buffer))
        }
        let writer = try FileBodyWriter(file, progress: progress)
        try await response.body.write(writer)
        return AdminAnswer(status: 200, body: "")
    }

    func upload(_ path: String, query: [(String, String)], file: URL, progress: @escaping @Sendable (Int) -> Void) async throws -> AdminAnswer {
        var headers = HTTPFields()
        headers[.contentType] = "application/zip"
        let body = RequestBody(asyncSequence: FileChunks(url: file, onProgress: progress))
        let response = try await respond(.post, path, query: query, headers: headers, body: body)
        let collector = BodyCollector()
        try await response.body.write(collector)
        return AdminAnswer(status: Int(response.status.code), body: String(buffer: await collector.buffer))
    }

    private func respond(
        _ method: HTTPRequest.Method, _ path: String, query: [(String, String)], headers: HTTPFields, body: RequestBody
    ) async throws -> Response {
        let head = HTTPRequest(method: method, scheme: "http", authority: "localhost", path: path + Self.queryString(query), headerFields: headers)
        let context = AuthRequestContext(source: .init(channel: EmbeddedChannel(), logger: logger))
        return try await responder.respond(to: Request(head: head, body: body), context: context)
    }
}

/// Writes a response body to a file as it comes.
actor FileBodyWriter: ResponseBodyWriter {
    let handle: FileHandle
    let progress: @Sendable (Int) -> Void
    var written = 0

    init(_ url: URL, progress: @escaping @Sendable (Int) -> Void) throws {
        // An export holds password hashes: only its owner may read it.
        guard FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw CLIError("cannot write \(url.path)")
        }
        handle = try FileHandle(forWritingTo: url)
        self.progress = progress
    }

    func write(_ part: ByteBuffer) async throws {
        try handle.write(contentsOf: part.readableBytesView)
        written += part.readableBytes
        progress(written)
    }

    func finish(_ trailingHeaders: HTTPFields?) async throws {
        try handle.close()
    }
}

/// Gathers a response body written in parts.
actor BodyCollector: ResponseBodyWriter {
    var buffer = ByteBuffer()

    func write(_ part: ByteBuffer) async throws {
        var part = part
        buffer.writeBuffer(&part)
    }

    func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
