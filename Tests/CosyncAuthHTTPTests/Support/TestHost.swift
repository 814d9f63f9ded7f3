import CosyncAuthCore
import CosyncAuthCrypto
import CosyncAuthHTTP
import CosyncAuthStorage
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging

@testable import CosyncAuthCLI

/// A host on a real database with one app, driven through the real router.
struct TestHost: Sendable {
    let host: AuthHost
    let app: App
    let client: any TestClientProtocol
    /// A server secret of the host, for the admin API.
    let adminSecret: String

    /// Cheap argon2 for speed; the production cost has its own tests.
    static let cheapArgon2 = Argon2PasswordHasher.Cost(memoryKiB: 64, iterations: 1)

    static func run(
        _ database: TestDatabase,
        settings: [(String, String)] = [],
        testing: TestingSetup = .router,
        options configure: (inout AuthHost.Options) -> Void = { _ in },
        _ test: @Sendable (TestHost) async throws -> Void
    ) async throws {
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        let env = Settings(environment: ["COSYNC_MASTER_KEY": MasterKey.generate().base64])
        var options = AuthHost.Options(database: try database.makeURL(), argon2: cheapArgon2)
        configure(&options)
        let host = try await AuthHost.open(options, settings: env, logger: logger)
        do {
            var app = try await host.apps.createApp(name: "Test App").app
            for (name, value) in settings {
                app = try await host.apps.setSetting(app: app.name, name: name, value: value)
            }
            let storage = host.storage
            let secret = try await host.serverSecrets.create(name: "tests")
            let application = Application(
                responder: HTTPServer.responder(host.httpDependencies(isReady: { await storage.isReachable() })),
                logger: logger)
            let createdApp = app
            try await application.test(testing) { client in
                try await test(TestHost(host: host, app: createdApp, client: client, adminSecret: secret))
            }
        } catch {
            await host.close()
            throw error
        }
        await host.close()
    }
}
