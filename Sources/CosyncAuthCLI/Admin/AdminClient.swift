import CosyncAuthCore
import Foundation
import HTTPTypes

/// How an administration command reaches the admin API: in-process on the database (offline), or over
/// HTTP to a running host (remote). Both answer the same JSON, because both run the same routes.
protocol AdminClient: Sendable {
    func send(_ method: HTTPRequest.Method, _ path: String, query: [(String, String)], body: JSONValue?) async throws -> AdminAnswer
    /// A GET whose answer (a file) is written to `file` as it arrives; answers the status, and the
    /// error's body when it failed.
    func download(_ path: String, query: [(String, String)], to file: URL, progress: @escaping @Sendable (Int) -> Void) async throws -> AdminAnswer
    /// A POST whose body is `file`, streamed.
    func upload(_ path: String, query: [(String, String)], file: URL, progress: @escaping @Sendable (Int) -> Void) async throws -> AdminAnswer
}

struct AdminAnswer: Sendable {
    let status: Int
    let body: String

    var json: JSONValue? { JSONValue(jsonText: body) }
}

extension AdminClient {
    /// The answer's JSON, or a `CLIError` with the API's message when it refused.
    func call(_ method: HTTPRequest.Method, _ path: String, query: [(String, String)] = [], body: JSONValue? = nil) async throws -> JSONValue {
        let answer = try await send(method, path, query: query, body: body)
        guard (200..<300).contains(answer.status) else {
            let message = answer.json?.objectValue?["message"]?.stringValue ?? "the host answered HTTP \(answer.status)"
            throw CLIError(message)
        }
        guard let json = answer.json else { throw CLIError("the host answered something that is not JSON") }
        return json
    }

    static func queryString(_ query: [(String, String)]) -> String {
        guard !query.isEmpty else { return "" }
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return "?"
            + query.map { name, value in
                "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value)"
            }.joined(separator: "&")
    }
}
