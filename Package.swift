// swift-tools-version: 6.2
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "cosync-auth",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "cosync-auth", targets: ["CosyncAuthCommand"])
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/vapor/fluent-kit.git", from: "1.57.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/vapor/sqlite-nio.git", from: "1.13.2"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.7.1"),
        .package(url: "https://github.com/apple/swift-crypto.git", "4.1.0"..<"6.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-configuration.git", from: "1.4.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.1"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        // Tests only: the OpenAPI documents parsed as YAML and validated as OpenAPI.
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/mattpolzin/OpenAPIKit.git", from: "6.4.0", traits: []),
    ],
    targets: [
        // libsodium from Debian (libsodium-dev): argon2id, secretbox, CSPRNG, constant-time compare.
        .systemLibrary(
            name: "CSodium",
            path: "Sources/CSodium",
            pkgConfig: "libsodium",
            providers: [.apt(["libsodium-dev"])]
        ),
        // argon2id's memory kept between hashes: libsodium's mmap of it served from a per-hash arena.
        .target(name: "CHashArena", path: "Sources/CHashArena"),
        // The domain: apps, users, flows, tokens, policies. No HTTP, no SQL.
        .target(
            name: "CosyncAuthCore",
            dependencies: [.product(name: "Crypto", package: "swift-crypto"), .product(name: "Metrics", package: "swift-metrics")],
            swiftSettings: strict
        ),
        // Cryptography adapters: password hashing, secrets at rest, random, JWT signing.
        .target(
            name: "CosyncAuthCrypto",
            dependencies: [
                "CosyncAuthCore", "CSodium", "CCrypt", "CHashArena",
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        // Storage adapter: Fluent models, versioned migrations, repositories (SQLite and PostgreSQL).
        .target(
            name: "CosyncAuthStorage",
            dependencies: [
                "CosyncAuthCore",
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "FluentSQL", package: "fluent-kit"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        // libxcrypt from Debian (libcrypt-dev): bcrypt, only to verify hashes imported from a CoSync host.
        .systemLibrary(
            name: "CCrypt",
            path: "Sources/CCrypt",
            providers: [.apt(["libcrypt-dev"])]
        ),
        // libqrencode and libpng from Debian: the authenticator setup QR code as a PNG image.
        .systemLibrary(name: "CQRencode", path: "Sources/CQRencode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
        .systemLibrary(name: "CPNG", path: "Sources/CPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev"])]),
        .target(
            name: "CosyncAuthQR",
            dependencies: ["CosyncAuthCore", "CQRencode", "CPNG"],
            swiftSettings: strict
        ),
        // Portability adapter: an app's export as a zip of CSV files (the original CoSync layout).
        .target(
            name: "CosyncAuthArchive",
            dependencies: ["CosyncAuthCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: strict
        ),
        // Delivery adapter: a small SMTP client on swift-nio and swift-nio-ssl.
        .target(
            name: "CosyncSMTP",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: strict
        ),
        // Delivery adapter: outbox messages over SMTP.
        .target(
            name: "CosyncAuthDelivery",
            dependencies: [
                "CosyncAuthCore", "CosyncSMTP",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        // Sign in with Apple and Google: the providers' key sets fetched over HTTPS, ID tokens verified.
        .target(
            name: "CosyncAuthIdentity",
            dependencies: [
                "CosyncAuthCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        // Test helpers shared by the test targets: a real SMTP server on loopback, certificates.
        .target(
            name: "CosyncTestSupport",
            path: "Tests/CosyncTestSupport",
            swiftSettings: strict
        ),
        // HTTP adapter: the Hummingbird application and its routes.
        .target(
            name: "CosyncAuthHTTP",
            dependencies: [
                "CosyncAuthCore", "CosyncAuthArchive",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            // The OpenAPI documents go into the binary itself: the host stays one file to copy.
            resources: [.embedInCode("Resources/admin-api.yaml"), .embedInCode("Resources/user-api.yaml")],
            swiftSettings: strict
        ),
        // The web portal: its pages (Mustache templates built into the binary) and hosts' admin APIs over HTTP.
        .target(
            name: "CosyncAuthPortal",
            dependencies: [
                "CosyncAuthCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            resources: [
                .embedInCode("Resources/layout.mustache"), .embedInCode("Resources/login.mustache"),
                .embedInCode("Resources/hosts.mustache"), .embedInCode("Resources/host-form.mustache"),
                .embedInCode("Resources/host.mustache"), .embedInCode("Resources/app-created.mustache"),
                .embedInCode("Resources/app-tabs.mustache"), .embedInCode("Resources/app-settings.mustache"),
                .embedInCode("Resources/app-users.mustache"), .embedInCode("Resources/app-overview.mustache"),
                .embedInCode("Resources/error.mustache"), .embedInCode("Resources/portal.css"), .embedInCode("Resources/portal.js"),
                .embedInCode("Resources/host-tabs.mustache"), .embedInCode("Resources/host-secrets.mustache"),
                .embedInCode("Resources/host-outbox.mustache"), .embedInCode("Resources/app-user.mustache"),
                .embedInCode("Resources/app-audit.mustache"), .embedInCode("Resources/app-pending.mustache"),
                .embedInCode("Resources/app-templates.mustache"), .embedInCode("Resources/app-fields.mustache"),
                .embedInCode("Resources/app-move.mustache"), .embedInCode("Resources/import-report.mustache"),
            ],
            swiftSettings: strict
        ),
        // The composition root: one checked configuration, and every service of a host built from it.
        .target(
            name: "CosyncAuthHost",
            dependencies: [
                "CosyncAuthCore", "CosyncAuthCrypto", "CosyncAuthStorage", "CosyncAuthHTTP", "CosyncAuthDelivery",
                "CosyncSMTP", "CosyncAuthQR", "CosyncAuthIdentity", "CosyncAuthPortal",
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: strict
        ),
        // The command line: `serve`, `init`, `app ...`, on the host or through a running one's admin API.
        .target(
            name: "CosyncAuthCLI",
            dependencies: [
                "CosyncAuthCore", "CosyncAuthHost", "CosyncAuthHTTP", "CosyncAuthDelivery",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: strict
        ),
        // Benchmarks: speed targets are measured here, never in timed unit tests.
        .executableTarget(
            name: "argon2-bench",
            dependencies: ["CosyncAuthCrypto", .product(name: "NIOPosix", package: "swift-nio")],
            path: "Benchmarks/Argon2",
            swiftSettings: strict
        ),
        .executableTarget(
            name: "CosyncAuthCommand",
            dependencies: ["CosyncAuthCLI", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Sources/cosync-auth",
            swiftSettings: strict
        ),
        .testTarget(
            name: "CosyncAuthCoreTests",
            dependencies: [
                "CosyncAuthCore", "CosyncAuthCrypto", "CosyncAuthQR", "CosyncTestSupport", "CHashArena", "CSodium",
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        // A host on a real database with one app, driven through its router: shared by the test targets below.
        .target(
            name: "CosyncHostTestSupport",
            dependencies: [
                "CosyncAuthCore", "CosyncAuthCrypto", "CosyncAuthStorage", "CosyncAuthHTTP", "CosyncAuthHost",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Tests/CosyncHostTestSupport",
            swiftSettings: strict
        ),
        .testTarget(
            name: "CosyncAuthHostTests",
            dependencies: ["CosyncAuthHost", "CosyncAuthStorage"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "CosyncAuthPortalTests",
            dependencies: [
                "CosyncAuthCore", "CosyncAuthCrypto", "CosyncAuthHost", "CosyncAuthPortal", "CosyncHostTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "CosyncAuthStorageTests",
            dependencies: [
                "CosyncAuthCore", "CosyncAuthCrypto", "CosyncAuthStorage", "CosyncHostTestSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "CosyncAuthDeliveryTests",
            dependencies: [
                "CosyncAuthCore", "CosyncAuthDelivery", "CosyncAuthStorage", "CosyncSMTP", "CosyncTestSupport", "CosyncHostTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "CosyncAuthHTTPTests",
            dependencies: [
                "CosyncAuthCore", "CosyncAuthCrypto", "CosyncAuthStorage", "CosyncAuthHTTP", "CosyncAuthHost", "CosyncHostTestSupport",
                "CosyncAuthDelivery", "CosyncSMTP", "CosyncTestSupport", "CosyncAuthArchive", "CosyncAuthIdentity",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "OpenAPIKit30", package: "OpenAPIKit"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "CosyncSMTPTests",
            dependencies: ["CosyncSMTP", "CosyncTestSupport", .product(name: "NIOPosix", package: "swift-nio")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "CosyncAuthCommand", "CosyncTestSupport", "CosyncAuthCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
    ]
)
