import Configuration
public import Foundation

/// Where a setting comes from: its command-line option first, else its `COSYNC_*` environment variable,
/// else the default. Keys are dotted: `idle.timeout` is `--idle-timeout` and `COSYNC_IDLE_TIMEOUT`.
public struct Settings: Sendable {
    private let options: [String: String]
    private let reader: ConfigReader

    /// `options` holds the values given on the command line, by key.
    public init(options: [String: String?] = [:], environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.options = options.compactMapValues { $0 }
        reader = ConfigReader(
            provider: EnvironmentVariablesProvider(
                environmentVariables: environment,
                secretsSpecifier: .specific(["COSYNC_MASTER_KEY", "COSYNC_DATABASE_URL", "COSYNC_SERVER_SECRET", "COSYNC_SMTP_URL"])))
    }

    public func string(_ key: String) -> String? {
        options[key] ?? reader.string(forKey: ConfigKey("cosync.\(key)"))
    }

    public func string(_ key: String, default defaultValue: String) -> String {
        string(key) ?? defaultValue
    }

    /// A value that must never reach a log: the configuration library redacts it.
    public func secret(_ key: String) -> String? {
        options[key] ?? reader.string(forKey: ConfigKey("cosync.\(key)"), isSecret: true)
    }

    public func int(_ key: String, default defaultValue: Int) throws -> Int {
        guard let text = string(key) else { return defaultValue }
        guard let value = Int(text) else { throw ConfigurationError("\(Self.names(key)) must be a whole number, not '\(text)'") }
        return value
    }

    /// A whole number within `range`; a value outside it is named with the option, its variable, the
    /// range and what was given, as a wrong number is.
    public func int(_ key: String, default defaultValue: Int, in range: ClosedRange<Int>, unit: String = "") throws -> Int {
        let value = try int(key, default: defaultValue)
        guard range.contains(value) else {
            throw ConfigurationError(
                "\(Self.names(key)) takes \(range.lowerBound) to \(range.upperBound)\(unit.isEmpty ? "" : " " + unit), not \(value)")
        }
        return value
    }

    /// A switch: on when given as `true`.
    public func flag(_ key: String) -> Bool {
        string(key) == "true"
    }

    /// How a person sets `key`: `--idle-timeout (COSYNC_IDLE_TIMEOUT)`, or only the variable for the
    /// settings no command takes as an option.
    static func names(_ key: String) -> String {
        let variable = "COSYNC_\(key.uppercased().replacingOccurrences(of: ".", with: "_"))"
        return environmentOnly.contains(key) ? variable : "--\(key.replacingOccurrences(of: ".", with: "-")) (\(variable))"
    }

    /// The checked settings `serve` has no option for (README's configuration table: no option column).
    static let environmentOnly: Set<String> = ["outbox.retry.seconds", "outbox.lease.seconds"]
}

/// A setting that is missing or wrong, said so that the operator can fix it; nothing was opened yet.
public struct ConfigurationError: Error, CustomStringConvertible {
    public let description: String
    public init(_ message: String) { description = message }
}
