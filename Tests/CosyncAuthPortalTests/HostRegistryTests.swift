import CosyncAuthCore
import CosyncAuthHost
import CosyncHostTestSupport
import Foundation
import HummingbirdTesting
import Testing

/// Hosts registered in the portal against a real host over HTTP: the secret is checked before anything
/// is saved, kept sealed, and a host that is down says so.
@Suite("portal: hosts")
struct HostRegistryTests {
    @Test(arguments: TestDatabase.allCases)
    func aHostIsSavedOnlyWithASecretItAccepts(_ db: TestDatabase) async throws {
        try await TestHost.run(db, settings: [("signupFlow", "none")], testing: .live) { t async throws in
            let url = "http://127.0.0.1:\(try #require(t.client.port))"
            let registry = t.host.hostRegistry
            _ = try await t.signUp("someone@example.com")

            await #expect(throws: PortalFailure(.hostUnreachable, "the host refused the server secret", field: "secret")) {
                try await registry.add(name: "prod", url: url, secret: "ss_wrong")
            }
            #expect(try await registry.list().isEmpty, "nothing saved")

            let host = try await registry.add(name: " prod ", url: url + "/", secret: t.adminSecret)
            #expect(host.name == "prod" && host.url == url)
            #expect(host.sealedSecret != t.adminSecret && !host.sealedSecret.contains(t.adminSecret), "sealed at rest")
            let description = try await registry.describe(host)
            #expect(description == HostDescription(version: HostVersion.current, apps: 1, users: 1))

            await #expect(throws: PortalFailure.self) { try await registry.add(name: "prod", url: url, secret: t.adminSecret) }
            for bad in ["ftp://example.com", "example.com", "http://", "http://a.example/?x=1"] {
                await #expect(throws: PortalFailure.self, "\(bad)") { try await registry.add(name: "other", url: bad, secret: t.adminSecret) }
            }

            let renamed = try await registry.update(id: host.id, name: "production", url: url, secret: nil)
            #expect(renamed.name == "production" && renamed.sealedSecret == host.sealedSecret)
            try await registry.remove(id: host.id)
            #expect(try await registry.list().isEmpty)
        }
    }

    @Test func aHostThatIsDownSaysSo() async throws {
        try await TestHost.run(.sqlite) { t async throws in
            // A port nothing listens on: connection refused at once.
            await #expect {
                try await t.host.hostRegistry.add(name: "down", url: "http://127.0.0.1:9", secret: "ss_any")
            } throws: { error in
                (error as? PortalFailure)?.reason == .hostUnreachable && (error as? PortalFailure)?.field == "secret"
            }
        }
    }

    /// Two operators adding the same name at once: one host.
    @Test(arguments: TestDatabase.allCases)
    func parallelAddsOfOneNameMakeOneHost(_ db: TestDatabase) async throws {
        try await TestHost.run(db, testing: .live) { t async throws in
            let url = "http://127.0.0.1:\(try #require(t.client.port))"
            let registry = t.host.hostRegistry
            let secret = t.adminSecret
            let added = await withTaskGroup(of: Bool.self) { group in
                for _ in 0..<8 {
                    group.addTask { (try? await registry.add(name: "prod", url: url, secret: secret)) != nil }
                }
                return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(added == 1)
            #expect(try await registry.list().count == 1)
        }
    }
}
