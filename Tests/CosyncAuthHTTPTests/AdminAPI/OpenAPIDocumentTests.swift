import CosyncAuthCore
import CosyncAuthHTTP
import Foundation
import HTTPTypes
import Hummingbird
import Testing

@testable import CosyncAuthCLI

/// `OpenAPIDocument` held to the router both ways: every admin route the router has is documented, and
/// every documented operation is routed, needs the server secret and fails in the documented shape.
@Suite("admin API: OpenAPI document")
struct OpenAPIDocumentTests {
    static let operations = OpenAPIReader.operations(in: OpenAPIDocument.yaml)

    @Test func everyOperationHasASummaryAnIdAndItsFailures() throws {
        let operations = Self.operations
        #expect(operations.count > 30, "the reader found \(operations.count) operations: is the paths: section still indented by 2 and 4?")
        for operation in operations {
            #expect(operation.path == "/api/app" || operation.path.hasPrefix("/api/app/"), "\(operation) is outside the admin API")
            #expect(!(operation.summary ?? "").isEmpty, "\(operation) has no summary")
            #expect(!(operation.operationId ?? "").isEmpty, "\(operation) has no operationId")
            #expect(operation.responses.contains("200"), "\(operation) documents no 200")
            #expect(operation.responses.contains("401"), "\(operation) does not document the 401 of a missing server secret")
            #expect(operation.responses.contains("503"), "\(operation) does not document the database's absence")
        }
        let ids = operations.compactMap(\.operationId)
        #expect(Set(ids).count == ids.count, "operationIds repeat: \(ids.sorted())")
        let keys = operations.map(\.key)
        #expect(Set(keys).count == keys.count, "an operation is written twice: \(keys.sorted())")

        // Every reference names a component the document defines.
        let defined = OpenAPIReader.components(in: OpenAPIDocument.yaml)
        #expect(defined.contains("schemas/Failure") && defined.contains("securitySchemes/serverSecret"))
        for schema in ["App", "User", "PendingSignup", "Invite", "Template", "OutboxMessage", "AuditEntry", "Failure"] {
            #expect(defined.contains("schemas/\(schema)"), "no schema \(schema)")
        }
        for parameter in ["AppId", "Offset", "Limit"] {
            #expect(defined.contains("parameters/\(parameter)"), "no parameter \(parameter)")
        }
        #expect(OpenAPIReader.undefinedReferences(in: OpenAPIDocument.yaml) == [])
    }

    /// Hummingbird lists what a router serves (`Router.routes`); the admin part must be the document's
    /// operations, no more and no fewer.
    @Test func theRouterServesExactlyTheDocumentedAdminRoutes() async throws {
        try await TestHost.run(.sqlite) { t async throws in
            let served = OpenAPIReader.routes(of: t, under: "/api/app")
            #expect(served.contains("GET /api/app/allApps") && served.contains("DELETE /api/app/{appId}"), "\(served.sorted())")
            let documented = Set(Self.operations.map(\.key))
            #expect(served.subtracting(documented).sorted() == [], "served but not in OpenAPIDocument")
            #expect(documented.subtracting(served).sorted() == [], "in OpenAPIDocument but not served")
        }
    }

    /// Each documented operation, called with the server secret and no parameters, reaches a handler
    /// (the router's own 404 says "no such endpoint") and answers a status it
    /// documents, a 4xx in the Failure shape; without the secret it answers 401.
    @Test(arguments: TestDatabase.allCases)
    func everyDocumentedOperationAnswersAsDocumented(_ db: TestDatabase) async throws {
        try await TestHost.run(db) { t async throws in
            let secret: HTTPFields = [HTTPField.Name("server-secret")!: t.adminSecret]
            let unknown = try await t.send("/api/app/noSuchOperation", method: .get, headers: secret, body: nil)
            #expect(unknown.status == .notFound && unknown.code == 404 && unknown.text.contains("no such endpoint"), "\(unknown.text)")

            for operation in Self.operations {
                let uri = operation.path.replacing(/\{[^}\/]+\}/, with: "openapi-check-missing")
                let method = try #require(HTTPRequest.Method(operation.method))
                let answer = try await t.send(uri, method: method, headers: secret, body: nil)
                guard !(answer.status == .notFound && answer.text.contains("no such endpoint")) else {
                    Issue.record("\(operation) is documented but not routed")
                    continue
                }
                #expect(
                    operation.responses.contains(String(answer.status.code)),
                    "\(operation) answered \(answer.status.code), which it does not document: \(answer.text)")
                if (400..<500).contains(answer.status.code) {
                    #expect(Self.isFailure(answer), "\(operation) answered \(answer.status.code) outside the Failure shape: \(answer.text)")
                }

                let anonymous = try await t.send(uri, method: method, headers: [:], body: nil)
                #expect(
                    anonymous.status == .unauthorized && Self.isFailure(anonymous),
                    "\(operation) without a secret: \(anonymous.status) \(anonymous.text)")
            }
        }
    }

    @Test func theHostServesTheDocumentWithoutASecret() async throws {
        try await TestHost.run(.sqlite) { t async throws in
            let (status, contentType, text) = try await t.client.execute(uri: "/openapi.yaml", method: .get, headers: [:], body: nil) { response in
                (response.status, response.headers[.contentType], String(buffer: response.body))
            }
            #expect(status == .ok)
            #expect(contentType == "application/yaml")
            #expect(text == OpenAPIDocument.yaml)
        }
    }

    /// `{"status": "Fails", "message": "..."}`, the documented Failure.
    static func isFailure(_ answer: TestHost.Answer) -> Bool {
        answer.object["status"] == .string("Fails") && answer["message"] != nil && answer.object.count == 2
    }
}

/// Reads what the tests need of the document without a YAML library: in `paths:`, path keys at 2 spaces
/// of indent, methods at 4, `summary`/`operationId`/`responses` at 6 and response codes at 8; in
/// `components:`, sections at 2 and names at 4.
enum OpenAPIReader {
    struct Operation: CustomStringConvertible {
        var method: String
        var path: String
        var summary: String?
        var operationId: String?
        var responses: [String] = []

        var key: String { "\(method) \(path)" }
        var description: String { key }
    }

    static let methods: Set<String> = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    static func operations(in yaml: String) -> [Operation] {
        var operations: [Operation] = []
        var inPaths = false
        var inOperation = false
        var inResponses = false
        var path: String?
        for (indent, key, value) in lines(yaml) {
            switch indent {
            case 0:
                inPaths = key == "paths"
                inOperation = false
            case 2 where inPaths:
                path = key
                inOperation = false
            case 4 where inPaths:
                inOperation = methods.contains(key) && path != nil
                inResponses = false
                if inOperation, let path { operations.append(Operation(method: key.uppercased(), path: normalized(path))) }
            case 6 where inOperation:
                inResponses = key == "responses"
                if key == "summary" { operations[operations.count - 1].summary = value }
                if key == "operationId" { operations[operations.count - 1].operationId = value }
            case 8 where inOperation && inResponses:
                operations[operations.count - 1].responses.append(key)
            default:
                continue
            }
        }
        return operations
    }

    /// `section/name` for every component.
    /// `$ref`s that name no component of the document.
    static func undefinedReferences(in yaml: String) -> [String] {
        let defined = components(in: yaml)
        return yaml.matches(of: /\$ref: '#\/components\/([A-Za-z]+\/[A-Za-z0-9_.-]+)'/)
            .map { String($0.output.1) }.filter { !defined.contains($0) }
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

    static func components(in yaml: String) -> Set<String> {
        var names: Set<String> = []
        var inComponents = false
        var section: String?
        for (indent, key, _) in lines(yaml) {
            switch indent {
            case 0: inComponents = key == "components"
            case 2 where inComponents: section = key
            case 4 where inComponents: if let section { names.insert("\(section)/\(key)") }
            default: continue
            }
        }
        return names
    }

    /// `:name` segments as `{name}`, without a trailing slash.
    static func normalized(_ path: String) -> String {
        let segments = path.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }
        return "/" + segments.joined(separator: "/")
    }

    /// Each line's indent, key (unquoted) and value; blank lines, comments and list items left out.
    private static func lines(_ yaml: String) -> [(indent: Int, key: String, value: String)] {
        yaml.split(separator: "\n").compactMap { line in
            let text = line.drop(while: { $0 == " " })
            guard !text.isEmpty, !text.hasPrefix("#"), !text.hasPrefix("- "), let colon = text.firstIndex(of: ":") else { return nil }
            let key = unquoted(text[..<colon])
            let value = unquoted(text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)[...])
            return (line.count - text.count, key, value)
        }
    }

    private static func unquoted(_ text: Substring) -> String {
        if text.count >= 2, let first = text.first, first == text.last, first == "'" || first == "\"" {
            return String(text.dropFirst().dropLast())
        }
        return String(text)
    }
}
