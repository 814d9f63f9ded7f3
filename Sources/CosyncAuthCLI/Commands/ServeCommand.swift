import ArgumentParser
import CosyncAuthCrypto
import CosyncAuthHTTP
import Hummingbird
import Logging
import ServiceLifecycle

/// `cosync-auth serve`: runs the host until SIGTERM or SIGINT, then finishes in-flight requests and exits.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the host.",
        discussion: """
            Examples:
              cosync-auth serve
              cosync-auth serve --hostname 0.0.0.0 --port 8080 --public-url https://auth.example.com
              COSYNC_DATABASE_URL=postgres://auth:pw@db:5432/app COSYNC_MASTER_KEY=... cosync-auth serve
            """)

    @Option(name: .long, help: "Address to listen on (env COSYNC_HOSTNAME; default 127.0.0.1).")
    var hostname: String?
    @Option(name: .long, help: "Port to listen on (env COSYNC_PORT; default 8080).")
    var port: Int?
    @OptionGroup var db: DatabaseOptions
    @Option(name: .long, help: "The address users and emails see, e.g. https://auth.example.com (env COSYNC_PUBLIC_URL).")
    var publicURL: String?
    @Option(name: .long, help: "argon2id memory in KiB (env COSYNC_ARGON2_MEMORY_KIB; default 19456).")
    var argon2MemoryKib: Int?
    @Option(name: .long, help: "argon2id iterations (env COSYNC_ARGON2_ITERATIONS; default 2).")
    var argon2Iterations: Int?

    func run() async throws {
        let settings = Settings()
        let logger = CommandLogger.make(settings: settings, defaultLevel: .info)
        let hostname = settings.string(hostname, key: "hostname", default: "127.0.0.1")
        let port = try settings.int(port, key: "port", default: 8080)
        guard (0...65_535).contains(port) else { throw CLIError("--port takes 0 to 65535") }
        let database = try db.url(settings)
        let cost = Argon2PasswordHasher.Cost(
            memoryKiB: try settings.int(argon2MemoryKib, key: "argon2.memory.kib", default: Argon2PasswordHasher.Cost.owasp.memoryKiB),
            iterations: try settings.int(argon2Iterations, key: "argon2.iterations", default: Argon2PasswordHasher.Cost.owasp.iterations))
        let publicURL = settings.string(publicURL, key: "public.url", default: "http://\(hostname):\(port)")

        let host = try await AuthHost.open(.init(database: database, argon2: cost), settings: settings, logger: logger)
        let storage = host.storage
        let app = HTTPServer.application(
            .init(accounts: host.accounts, isReady: { await storage.isReachable() }),
            hostname: hostname, port: port, logger: logger)
        logger.info("starting", metadata: [
            "database": "\(database)", "publicURL": "\(publicURL)",
            "argon2": "m=\(cost.memoryKiB)KiB t=\(cost.iterations) p=1",
        ])
        let services = ServiceGroup(configuration: .init(
            services: [.init(service: app)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        do {
            try await services.run()
        } catch {
            await host.close()
            throw error
        }
        await host.close()
        logger.info("stopped")
    }
}
