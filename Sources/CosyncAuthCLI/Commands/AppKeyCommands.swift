import ArgumentParser
import CosyncAuthCore
import Foundation

extension AppCommand {
    /// `cosync-auth app rotate-key APP`: a new key pair signs from now on; the old public key stays in the
    /// app's JWKS for the grace period, so JWTs it signed keep verifying until they expire.
    struct RotateKey: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rotate-key",
            abstract: "Give an app a new RSA key pair; the old public key stays published for a grace period.",
            discussion: """
                New user JWTs are signed with the new key (their header's kid names it). The old public key \
                stays in the app's JWKS (GET /api/appuser/jwks?appId=APP_ID) for --grace-hours, by default \
                the app's JWT lifetime, so every JWT it signed still verifies until it has expired. Backends \
                that verify with a pasted PEM need the new public key (printed); backends that read the \
                JWKS pick it up by themselves.

                Example: cosync-auth app rotate-key "My App"
                """)
        @Argument(help: "The app's id or name.") var app: String
        @Option(help: "Hours the old public key stays published (default: the app's userJWTExpiration).") var graceHours: Int?
        @OptionGroup var admin: AdminOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            var body: [String: JSONValue] = ["appId": .string(app)]
            if let graceHours { body["graceHours"] = .number(Double(graceHours)) }
            let keys = try await admin.withClient { try await $0.call(.post, "/api/app/rotateKey", body: .object(body)) }
            if output.json { return Output.print(json: keys) }
            print("\(app): key rotated.")
            print(AppCommand.keysText(keys))
            if case .array(let items) = keys, let current = items.first?.objectValue?["publicKey"]?.stringValue {
                print("publicKey:\n\(current.trimmingCharacters(in: .whitespacesAndNewlines))")
            }
        }
    }

    /// Keys as people read them: one line each, the signing key first.
    static func keysText(_ keys: JSONValue) -> String {
        guard case .array(let items) = keys else { return "" }
        return items.map { key in
            let o = key.objectValue ?? [:]
            let kid = o["kid"]?.stringValue ?? ""
            let state = o["state"]?.stringValue == "signing" ? "signing" : "published until \(o["retiresAt"]?.stringValue ?? "")"
            return "key:       \(kid)  \(state)"
        }.joined(separator: "\n")
    }
}
