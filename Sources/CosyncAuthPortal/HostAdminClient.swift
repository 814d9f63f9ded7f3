public import AsyncHTTPClient
public import CosyncAuthCore
import Foundation
public import NIOCore
public import NIOHTTP1

/// A host's admin API over HTTP, as the portal calls it: the server secret in the `server-secret`
/// header, parameters as a form, and a short timeout so that a host that is down shows as down instead
/// of holding a page.
public struct HostAdminClient: HostAdminAPI {
    /// A host's answer: its status and JSON (`{"status": "Fails", "message"}` when it refused).
    public struct Answer: Sendable {
        public var status: Int
        public var json: JSONValue
        public var headers: [String: String]
        public var body: ByteBuffer

        public var ok: Bool { status == 200 }

        /// The JSON of an answer that succeeded; a refusal as the portal's failure, in the host's words.
        public func required() throws -> JSONValue {
            switch status {
            case 200: return json
            case 400, 413: throw PortalFailure(.invalid, message)
            case 404: throw PortalFailure(.notFound, message)
            case 409: throw PortalFailure(.conflict, message)
            case 401: throw PortalFailure(.hostUnreachable, "the host refused its server secret: edit the host to give a current one")
            case 503: throw PortalFailure(.hostUnreachable, "the host cannot reach its database right now; try again shortly")
            default: throw PortalFailure(.hostUnreachable, "the host answered HTTP \(status)")
            }
        }
        /// The host's own words for a refusal.
        public var message: String { json.objectValue?["message"]?.stringValue ?? "the host answered HTTP \(status)" }
    }

    let client: HTTPClient
    let timeout: TimeAmount

    public init(client: HTTPClient = .shared, timeout: TimeAmount = .seconds(5)) {
        self.client = client
        self.timeout = timeout
    }

    public func describe(url: String, secret: String) async throws -> HostDescription {
        let answer = try await call(url: url, secret: secret, .GET, "/api/app/host")
        guard answer.status != 401 else { throw PortalFailure(.hostUnreachable, "the host refused the server secret") }
        guard answer.ok, let object = answer.json.objectValue, let version = object["version"]?.stringValue,
            case .number(let apps)? = object["apps"], case .number(let users)? = object["users"]
        else {
            throw PortalFailure(.hostUnreachable, "\(url) answered HTTP \(answer.status), not as a CoSync Auth host of this release or newer")
        }
        return HostDescription(version: version, apps: Int(apps), users: Int(users))
    }

    /// One call; throws `hostUnreachable` only when no answer came. Uploads go as `body` with their type.
    /// `timeout` replaces the client's own for a call that may take long.
    public func call(
        url: String, secret: String, _ method: HTTPMethod, _ path: String, query: [(String, String)] = [],
        form: [(String, String)]? = nil, body: (bytes: ByteBuffer, contentType: String)? = nil, limit: Int = 1 << 20,
        timeout: TimeAmount? = nil
    ) async throws -> Answer {
        var request = Self.request(url: url, secret: secret, method, path, query: query)
        if let form {
            var encoded = URLComponents()
            encoded.queryItems = form.map { URLQueryItem(name: $0.0, value: $0.1) }
            request.headers.add(name: "content-type", value: "application/x-www-form-urlencoded")
            request.body = .bytes(ByteBuffer(string: Self.plusEncoded(encoded.percentEncodedQuery ?? "")))
        } else if let body {
            request.headers.add(name: "content-type", value: body.contentType)
            request.body = .bytes(body.bytes)
        }
        do {
            let response = try await client.execute(request, timeout: timeout ?? self.timeout)
            let bytes = try await response.body.collect(upTo: limit)
            var headers: [String: String] = [:]
            for header in response.headers { headers[header.name.lowercased()] = header.value }
            let json = JSONValue(jsonText: String(buffer: bytes)) ?? .null
            return Answer(status: Int(response.status.code), json: json, headers: headers, body: bytes)
        } catch {
            throw PortalFailure(.hostUnreachable, "no answer from \(url): is the host running, and is the URL right?")
        }
    }

    /// A call whose answer may be large (an export) or whose body is (an import): the request body is
    /// streamed up and the answer's body handed back as it arrives, never held whole by the portal.
    public func stream(
        url: String, secret: String, _ method: HTTPMethod, _ path: String, query: [(String, String)] = [],
        body: (stream: HTTPClientRequest.Body, contentType: String)? = nil, timeout: TimeAmount = .minutes(30)
    ) async throws -> HTTPClientResponse {
        var request = Self.request(url: url, secret: secret, method, path, query: query)
        if let body {
            request.headers.add(name: "content-type", value: body.contentType)
            request.body = body.stream
        }
        do {
            return try await client.execute(request, timeout: timeout)
        } catch {
            throw PortalFailure(.hostUnreachable, "no answer from \(url): is the host running, and is the URL right?")
        }
    }

    /// A request of the admin API: the path with its query, the server secret in its header.
    private static func request(url: String, secret: String, _ method: HTTPMethod, _ path: String, query: [(String, String)]) -> HTTPClientRequest {
        var components = URLComponents()
        components.queryItems = query.isEmpty ? nil : query.map { URLQueryItem(name: $0.0, value: $0.1) }
        var request = HTTPClientRequest(url: url + path + (components.percentEncodedQuery.map { "?" + plusEncoded($0) } ?? ""))
        request.method = method
        request.headers.add(name: "server-secret", value: secret)
        return request
    }

    /// URLComponents leaves `+` as it is, which a form decoder reads as a space.
    private static func plusEncoded(_ query: String) -> String {
        query.replacingOccurrences(of: "+", with: "%2B")
    }
}
