import Foundation

/// What an end-to-end test starts the binary with: a bare environment, a folder of its own, and for
/// PostgreSQL a fresh schema of the test server with a master key.
enum TestEnvironment {
    static func base() -> [String: String] {
        let inherited = ProcessInfo.processInfo.environment
        return ["PATH": inherited["PATH"] ?? "/usr/bin:/bin", "HOME": inherited["HOME"] ?? "/root", "COSYNC_LOG_LEVEL": "info"]
    }

    static func directory(_ prefix: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Points `env` at a new schema of the test PostgreSQL server, with a master key; answers the schema.
    @discardableResult
    static func usePostgres(_ env: inout [String: String], schemaPrefix: String) -> String {
        let schema = schemaPrefix + "_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        env["COSYNC_DATABASE_URL"] = EndToEndTests.postgresURL(schema: schema)
        env["COSYNC_MASTER_KEY"] = masterKey()
        return schema
    }

    static func masterKey() -> String {
        Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
    }
}
