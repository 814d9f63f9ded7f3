import ArgumentParser
import CosyncAuthCore
import CosyncAuthHTTP
import Foundation

/// `cosync-auth export APP --out FILE.zip`: an app with its users, in the original CoSync layout.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export an app, its users (with their password hashes), pending signups, invites and templates to a zip.",
        discussion: """
            The zip holds app-collection.csv, user-collection.csv, signup-collection.csv, invite-collection.csv
            and email-template-collection.csv, with the original CoSync server's column names. The app secret
            and private key stay out unless --include-secrets is given (keep such a file safe).
            Examples:
              cosync-auth export "My App" --out my-app.zip
              cosync-auth export "My App" --out my-app.zip --include-secrets --host https://auth.example.com --secret ss_...
            """)

    @Argument(help: "The app's id or name.") var app: String
    @Option(name: .long, help: "The zip file to write.") var out: String
    @Flag(name: .long, help: "Include the app secret and the RSA private key.") var includeSecrets = false
    @OptionGroup var admin: AdminOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let destination = URL(fileURLWithPath: out)
        let partial = destination.appendingPathExtension("partial")
        let bar = ProgressBar("Exporting", total: 0)
        var query = [("appId", app)]
        if includeSecrets { query.append(("includeSecrets", "true")) }
        let answer = try await admin.withClient { try await $0.download("/api/app/export", query: query, to: partial, progress: bar.update) }
        bar.done()
        guard answer.status == 200 else {
            try? FileManager.default.removeItem(at: partial)
            throw CLIError(answer.json?.objectValue?["message"]?.stringValue ?? "the host answered HTTP \(answer.status)")
        }
        // Renamed only when complete, so a failed export never leaves a file that looks whole.
        try? FileManager.default.removeItem(at: destination)
        try FileManager.default.moveItem(at: partial, to: destination)
        let size = (try? FileManager.default.attributesOfItem(atPath: destination.path)[.size] as? Int) ?? 0
        if output.json {
            Output.print(json: .object(["file": .string(destination.path), "bytes": .number(Double(size))]))
        } else {
            print("Exported \(app) to \(destination.path) (\(ByteCountFormatter.string(fromByteCount: Int64(size), countStyle: .file))).")
        }
    }
}

/// `cosync-auth import FILE.zip [--name NAME]`: a new app from an export, this host's or an original's.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Create an app from an export zip (this host's, or an original CoSync server's), all or nothing.",
        discussion: """
            Users keep their passwords (bcrypt hashes from an original host are verified at login and
            replaced by argon2id then). The app keeps its RSA key pair when the zip has it, so backends that
            trust its JWTs keep working, and its former app token stays accepted beside the new one.
            A malformed file changes nothing and the error names the file and line.
            Examples:
              cosync-auth import legacy-export.zip --name "My App"
              cosync-auth import my-app.zip --host https://auth.example.com --secret ss_... --json
            """)

    @Argument(help: "The zip file.") var file: String
    @Option(name: .long, help: "The new app's name (default: the name in the zip).") var name: String?
    @OptionGroup var admin: AdminOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let url = URL(fileURLWithPath: file)
        guard let size = try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int else {
            throw CLIError("cannot read \(file)")
        }
        let bar = ProgressBar("Importing", total: size)
        var query: [(String, String)] = []
        if let name { query.append(("appName", name)) }
        let answer = try await admin.withClient { try await $0.upload("/api/app/importDatabase", query: query, file: url, progress: bar.update) }
        bar.done()
        guard (200..<300).contains(answer.status), let json = answer.json else {
            throw CLIError(answer.json?.objectValue?["message"]?.stringValue ?? "the host answered HTTP \(answer.status)")
        }
        if output.json { return Output.print(json: json) }
        let o = json.objectValue ?? [:]
        let imported = o["imported"]?.objectValue ?? [:]
        func n(_ key: String) -> String { imported[key].map { $0.jsonText } ?? "0" }
        print(
            """
            Imported \(o["name"]?.stringValue ?? ""): \(n("users")) users, \(n("signups")) pending signups, \(n("invites")) invites, \(n("templates")) templates.
            appId:     \(o["appId"]?.stringValue ?? "")
            appToken:  \(o["appToken"]?.stringValue ?? "")\(imported["keptAppToken"] == .bool(true) ? "   (the former app token is accepted too)" : "")
            appSecret: \(o["appSecret"]?.stringValue ?? "")   (shown only now)
            keys:      \(imported["keptKeyPair"] == .bool(true) ? "the former RSA key pair" : "a new RSA key pair")
            """)
        if case .array(let warnings)? = o["warnings"] {
            for warning in warnings { print("warning: \(warning.stringValue ?? "")") }
        }
    }
}
