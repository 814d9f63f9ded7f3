public import CosyncAuthCore
public import CosyncAuthCrypto
import CosyncAuthHTTP
public import CosyncAuthHost
import Foundation
import Hummingbird
public import HummingbirdTesting
import Logging

/// A host on a real database with one app, driven through the real router.
public struct TestHost: Sendable {
    public let host: AuthHost
    public let app: App
    public let client: any TestClientProtocol
    /// A server secret of the host, for the admin API.
    public let adminSecret: String

    /// Cheap argon2 for speed; the production cost has its own tests.
    public static let cheapArgon2 = Argon2PasswordHasher.Cost(memoryKiB: 64, iterations: 1)

    public static func run(
        _ database: TestDatabase,
        settings: [(String, String)] = [],
        testing: TestingSetup = .router,
        options configure: (inout HostConfiguration) -> Void = { _ in },
        _ test: @Sendable (TestHost) async throws -> Void
    ) async throws {
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        var configuration = HostConfiguration(database: try database.makeURL())
        configuration.masterKey = .generate()
        configuration.argon2 = cheapArgon2
        configure(&configuration)
        try await AuthHost.with(configuration, logger: logger) { host in
            var app = try await host.apps.createApp(name: "Test App").app
            for (name, value) in settings {
                app = try await host.apps.setSetting(app: app.name, name: name, value: value)
            }
            let secret = try await host.serverSecrets.create(name: "tests")
            let application = Application(responder: HTTPServer.responder(host.httpDependencies()), logger: logger)
            let createdApp = app
            try await application.test(testing) { client in
                try await test(TestHost(host: host, app: createdApp, client: client, adminSecret: secret))
            }
        }
    }
}
