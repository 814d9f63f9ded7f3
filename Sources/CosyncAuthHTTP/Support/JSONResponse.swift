import CosyncAuthCore
import Foundation
import Hummingbird

/// Answers in the protocol's shapes: JSON bodies, the literal `true`, `{code, message}` errors.
enum JSONResponse {
    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        var buffer = ByteBuffer()
        buffer.writeString(value.jsonText)
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: buffer))
    }

    /// A call with nothing to return answers the JSON literal `true`; the Swift client compares the text.
    static var `true`: Response { json(.bool(true)) }

    static func error(_ error: AuthError) -> Response {
        // Protocol errors are HTTP 400; the Swift client only reads `code` from a 400.
        let status: HTTPResponse.Status = error.code == AuthError.internalError.code ? .internalServerError : .badRequest
        return json(.object(["code": .number(Double(error.code)), "message": .string(error.message)]), status: status)
    }

    /// 404 in the `{code, message}` shape: a path that serves nothing.
    static func notFound(_ message: String) -> Response {
        json(.object(["code": .number(404), "message": .string(message)]), status: .notFound)
    }

    /// TOK: what a login answers.
    static func session(_ session: Session, extra: [String: JSONValue] = [:]) -> Response {
        var body = extra
        body["jwt"] = .string(session.jwt)
        body["access-token"] = .string(session.accessToken)
        return json(.object(body))
    }

    static func date(_ date: Date) -> JSONValue {
        .string(ProtocolDate.text(date))
    }
}
