import CosyncAuthCore
import CosyncAuthHTTP
import Hummingbird
import HTTPTypes
import Logging
import NIOEmbedded

/// Runs admin API calls through the host's own routes, in this process, on the database.
struct InProcessAdminClient<Responder: HTTPResponder>: AdminClient where Responder.Context == AuthRequestContext {
    let responder: Responder
    let logger: Logger

    func send(_ method: HTTPRequest.Method, _ path: String, query: [(String, String)], body: JSONValue?) async throws -> AdminAnswer {
        var headers = HTTPFields()
        if body != nil { headers[.contentType] = "application/json" }
        let head = HTTPRequest(method: method, scheme: "http", authority: "localhost", path: path + Self.queryString(query), headerFields: headers)
        let request = Request(head: head, body: RequestBody(buffer: ByteBuffer(string: body?.jsonText ?? "")))
        let context = AuthRequestContext(source: .init(channel: EmbeddedChannel(), logger: logger))
        let response = try await responder.respond(to: request, context: context)
        let collector = BodyCollector()
        try await response.body.write(collector)
        return AdminAnswer(status: Int(response.status.code), body: String(buffer: await collector.buffer))
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
