import CosyncAuthCore
import CosyncAuthHTTP
import CosyncHostTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import Testing

/// `UserAPIDocument` held to the router both ways: every end-user route the router has is documented,
/// and every documented operation is routed and fails in the documented shape. A contract tester reads
/// the document, so a route it misses goes untested and a route it invents fails for nothing.
@Suite("user API: OpenAPI document")
struct UserAPIDocumentTests {
    static let document = Result { try OpenAPIReader(yaml: UserAPIDocument.yaml) }
    static var operations: [OpenAPIReader.Operation] { get throws { try document.get().operations } }

    @Test func everyOperationHasASummaryAnIdAndItsFailures() throws {
        let reader = try Self.document.get()
        let operations = reader.operations
        #expect(operations.count > 20, "the document has \(operations.count) operations")
        for operation in operations {
            #expect(operation.path.hasPrefix("/api/appuser/"), "\(operation) is outside the end-user API")
            #expect(!(operation.summary ?? "").isEmpty, "\(operation) has no summary")
            #expect(!(operation.operationId ?? "").isEmpty, "\(operation) has no operationId")
            #expect(operation.responses.contains("200"), "\(operation) documents no 200")
            #expect(operation.responses.contains("400"), "\(operation) does not document the protocol's failure")
            #expect(operation.responses.contains("429"), "\(operation) does not document the per-address rate limit")
            #expect(operation.responses.contains("500"), "\(operation) does not document the host's fault")
            #expect(operation.responses.contains("503"), "\(operation) does not document the database's absence")
        }
        let ids = operations.compactMap(\.operationId)
        #expect(Set(ids).count == ids.count, "operationIds repeat: \(ids.sorted())")
        let keys = operations.map(\.key)
        #expect(Set(keys).count == keys.count, "an operation is written twice: \(keys.sorted())")

        // Every reference names a component the document defines: `validate()` checked it when parsing.
        let defined = reader.components
        #expect(defined.contains("securitySchemes/appToken") && defined.contains("securitySchemes/accessToken"))
        for schema in ["Failure", "Session", "SignedSession", "LoginToken", "User", "Application", "AuthenticatorSetup"] {
            #expect(defined.contains("schemas/\(schema)"), "no schema \(schema)")
        }
    }

    /// Hummingbird lists what a router serves (`Router.routes`); the end-user part must be the document's
    /// operations, no more and no fewer.
    @Test func theRouterServesExactlyTheDocumentedUserRoutes() async throws {
        try await TestHost.run(.sqlite) { t async throws in
            let served = OpenAPIReader.routes(of: t, under: "/api/appuser")
            #expect(served.contains("POST /api/appuser/login") && served.contains("GET /api/appuser/completeSignup"), "\(served.sorted())")
            let documented = Set(try Self.operations.map(\.key))
            #expect(served.subtracting(documented).sorted() == [], "served but not in UserAPIDocument")
            #expect(documented.subtracting(served).sorted() == [], "in UserAPIDocument but not served")
        }
    }

    /// Each documented operation, called without credentials or parameters, reaches a handler (the
    /// router's own 404 says "no such endpoint") and answers a status it documents, in
    /// the Failure shape except for the signup link, whose failure is a page for people.
    @Test(arguments: TestDatabase.allCases)
    func everyDocumentedOperationFailsAsDocumented(_ db: TestDatabase) async throws {
        try await TestHost.run(db) { t async throws in
            let unknown = try await t.send("/api/appuser/noSuchOperation", method: .get, headers: [:], body: nil)
            #expect(unknown.status == .notFound && unknown.code == 404 && unknown.text.contains("no such endpoint"), "\(unknown.text)")

            for operation in try Self.operations {
                let method = try #require(HTTPRequest.Method(operation.method))
                let answer = try await t.send(operation.path, method: method, headers: [:], body: nil)
                guard !(answer.status == .notFound && answer.text.contains("no such endpoint")) else {
                    Issue.record("\(operation) is documented but not routed")
                    continue
                }
                #expect(
                    operation.responses.contains(String(answer.status.code)),
                    "\(operation) answered \(answer.status.code), which it does not document: \(answer.text)")
                if operation.key != "GET /api/appuser/completeSignup" {
                    #expect(Self.isFailure(answer), "\(operation) answered \(answer.status.code) outside the Failure shape: \(answer.text)")
                }
            }
        }
    }

    @Test func theHostServesTheDocument() async throws {
        try await TestHost.run(.sqlite) { t async throws in
            let (status, contentType, text) = try await t.client.execute(uri: "/openapi-user.yaml", method: .get, headers: [:], body: nil) {
                response in
                (response.status, response.headers[.contentType], String(buffer: response.body))
            }
            #expect(status == .ok)
            #expect(contentType == "application/yaml")
            #expect(text == UserAPIDocument.yaml)
        }
    }

    /// `{"code": N, "message": "..."}`, the documented Failure.
    static func isFailure(_ answer: TestHost.Answer) -> Bool {
        answer.code != nil && answer["message"] != nil && answer.object.count == 2
    }
}
