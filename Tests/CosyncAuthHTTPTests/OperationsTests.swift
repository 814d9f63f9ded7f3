import CosyncAuthCore
import CosyncHostTestSupport
import Testing

@Suite("operations endpoints")
struct OperationsTests {
    @Test(arguments: TestDatabase.allCases)
    func welcomeHealthAndReadiness(_ db: TestDatabase) async throws {
        try await TestHost.run(db) { t async throws in
            let welcome = try await t.get("/")
            #expect(welcome.status == .ok && welcome.text.contains("CoSync"))
            let health = try await t.get("/health")
            #expect(health.status == .ok && health.text == "ok \(HostVersion.current)\n")
            let version = try await t.get("/version")
            #expect(version.status == .ok && version.text == "\(HostVersion.current)\n")
            #expect(try await t.get("/ready").status == .ok)
            #expect(try await t.get("/api/appuser/nothing").status == .notFound)
        }
    }
}
