import CosyncAuthCore
import CosyncAuthHTTP
import CosyncHostTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import Testing

/// `OpenAPIDocument` held to the router both ways: every admin route the router has is documented, and
/// every documented operation is routed, needs the server secret and fails in the documented shape.
@Suite("admin API: OpenAPI document")
struct OpenAPIDocumentTests {
    static let document = Result { try OpenAPIReader(yaml: OpenAPIDocument.yaml) }
    static var operations: [OpenAPIReader.Operation] { get throws { try document.get().operations } }

    @Test func everyOperationHasASummaryAnIdAndItsFailures() throws {
        let reader = try Self.document.get()
        let operations = reader.operations
        #expect(operations.count > 30, "the document has \(operations.count) operations")
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

        // Every reference names a component the document defines: `validate()` checked it when parsing.
        let defined = reader.components
        #expect(defined.contains("schemas/Failure") && defined.contains("securitySchemes/serverSecret"))
        for schema in ["App", "User", "PendingSignup", "Invite", "Template", "OutboxMessage", "AuditEntry", "Failure"] {
            #expect(defined.contains("schemas/\(schema)"), "no schema \(schema)")
        }
        for parameter in ["AppId", "Offset", "Limit"] {
            #expect(defined.contains("parameters/\(parameter)"), "no parameter \(parameter)")
        }
    }

    /// Hummingbird lists what a router serves (`Router.routes`); the admin part must be the document's
    /// operations, no more and no fewer.
    @Test func theRouterServesExactlyTheDocumentedAdminRoutes() async throws {
        try await TestHost.run(.sqlite) { t async throws in
            let served = OpenAPIReader.routes(of: t, under: "/api/app")
            #expect(served.contains("GET /api/app/allApps") && served.contains("DELETE /api/app/{appId}"), "\(served.sorted())")
            let documented = Set(try Self.operations.map(\.key))
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

            for operation in try Self.operations {
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
