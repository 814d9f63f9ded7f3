import CosyncAuthHTTP
import CosyncAuthHost
import CosyncHostTestSupport
import Foundation
import OpenAPIKit30
import Testing
import Yams

/// An API document parsed as YAML into OpenAPIKit's model and validated by it (unique operation ids and
/// parameters, every `$ref` resolvable, every operation with responses), with what the tests compare
/// against the router: each operation's method, path, summary, id and documented status codes.
struct OpenAPIReader {
    struct Operation: CustomStringConvertible {
        var method: String
        var path: String
        var summary: String?
        var operationId: String?
        var responses: [String]

        var key: String { "\(method) \(path)" }
        var description: String { key }
    }

    let document: OpenAPI.Document

    init(yaml: String) throws {
        document = try YAMLDecoder().decode(OpenAPI.Document.self, from: yaml)
        _ = try document.validate()
    }

    /// Every operation of the document; a path item written as a `$ref` is not used in ours.
    var operations: [Operation] {
        document.paths.flatMap { path, item -> [Operation] in
            guard let item = item.pathItemValue else { return [] }
            return item.endpoints.map { endpoint in
                Operation(
                    method: endpoint.method.rawValue.uppercased(), path: "/" + path.components.joined(separator: "/"),
                    summary: endpoint.operation.summary, operationId: endpoint.operation.operationId,
                    responses: endpoint.operation.responses.keys.map(\.rawValue))
            }
        }
    }

    /// `section/name` for every component.
    var components: Set<String> {
        let components = document.components
        let names =
            components.schemas.keys.map { "schemas/\($0.rawValue)" } + components.parameters.keys.map { "parameters/\($0.rawValue)" }
            + components.responses.keys.map { "responses/\($0.rawValue)" }
            + components.securitySchemes.keys.map { "securitySchemes/\($0.rawValue)" }
        return Set(names)
    }

    /// What the host's router serves under `prefix`, as `METHOD /path/{parameter}`.
    static func routes(of t: TestHost, under prefix: String) -> Set<String> {
        let router = HTTPServer.router(t.host.httpDependencies(isReady: { true }))
        return Set(
            router.routes.compactMap { route -> String? in
                let path = normalized(route.path.description)
                guard path == prefix || path.hasPrefix(prefix + "/") else { return nil }
                return "\(route.method.rawValue) \(path)"
            })
    }

    /// `:name` segments as `{name}`, without a trailing slash.
    static func normalized(_ path: String) -> String {
        let segments = path.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }
        return "/" + segments.joined(separator: "/")
    }
}
