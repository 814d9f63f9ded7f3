import Configuration
import Foundation

/// Where a setting comes from: its command-line option first, else its `COSYNC_*` environment variable,
/// else the default. Keys are dotted (`database.url` reads `COSYNC_DATABASE_URL`).
struct Settings: Sendable {
    private let reader: ConfigReader

    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        reader = ConfigReader(
            provider: EnvironmentVariablesProvider(
                environmentVariables: environment,
                secretsSpecifier: .specific(["COSYNC_MASTER_KEY", "COSYNC_DATABASE_URL", "COSYNC_SERVER_SECRET", "COSYNC_SMTP_URL"])))
    }

    func string(_ option: String?, key: String, default defaultValue: String) -> String {
        option ?? reader.string(forKey: ConfigKey("cosync.\(key)"), default: defaultValue)
    }

    func string(_ option: String?, key: String) -> String? {
        option ?? reader.string(forKey: ConfigKey("cosync.\(key)"))
    }

    func secret(key: String, option: String? = nil) -> String? {
        option ?? reader.string(forKey: ConfigKey("cosync.\(key)"), isSecret: true)
    }

    func int(_ option: Int?, key: String, default defaultValue: Int) throws -> Int {
        if let option { return option }
        guard let text = reader.string(forKey: ConfigKey("cosync.\(key)")) else { return defaultValue }
        guard let value = Int(text) else {
            throw CLIError("COSYNC_\(key.uppercased().replacingOccurrences(of: ".", with: "_")) must be a whole number, not '\(text)'")
        }
        return value
    }
}

/// A failure the user can act on: printed as it is, exit code 1.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}
