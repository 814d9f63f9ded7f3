import CosyncHostTestSupport
import Testing

@Suite("operations endpoints")
struct OperationsTests {
    @Test(arguments: TestDatabase.allCases)
    func welcomeHealthAndReadiness(_ db: TestDatabase) async throws {
        try await TestHost.run(db) { t async throws in
            let welcome = try await t.get("/")
            #expect(welcome.status == .ok && welcome.text.contains("CoSync"))
            #expect(try await t.get("/health").status == .ok)
            #expect(try await t.get("/ready").status == .ok)
            #expect(try await t.get("/api/appuser/nothing").status == .notFound)
        }
    }
}
