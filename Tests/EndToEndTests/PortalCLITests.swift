import Foundation
import Testing

/// `cosync-auth portal operator ...`: operators are managed on the database, with the password from
/// standard input, never from the command line.
@Suite("portal operators CLI")
struct PortalCLITests {
    @Test func operatorsAreAddedListedAndRemoved() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cosync-portal-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let inherited = ProcessInfo.processInfo.environment
        let env = ["PATH": inherited["PATH"] ?? "/usr/bin:/bin", "HOME": inherited["HOME"] ?? "/root"]

        let added = try await Binary.run(
            ["portal", "operator", "add", "Ops@Example.com"], environment: env, in: dir, input: "a long portal password\n")
        #expect(added.status == 0 && added.stdout.contains("ops@example.com"), "\(added.stderr)")
        let withCode = try await Binary.run(
            ["portal", "operator", "add", "second@example.com", "--totp", "--json"], environment: env, in: dir, input: "another long password\n")
        #expect((withCode.json?["totpURI"] as? String)?.hasPrefix("otpauth://totp/") == true, "\(withCode.stdout) \(withCode.stderr)")

        let again = try await Binary.run(
            ["portal", "operator", "add", "ops@example.com"], environment: env, in: dir, input: "a long portal password\n")
        #expect(again.status != 0 && again.stderr.contains("exists"))
        let short = try await Binary.run(["portal", "operator", "add", "third@example.com"], environment: env, in: dir, input: "short\n")
        #expect(short.status != 0 && short.stderr.contains("at least 12 characters"))
        let noInput = try await Binary.run(["portal", "operator", "add", "fourth@example.com"], environment: env, in: dir, input: "")
        #expect(noInput.status != 0 && noInput.stderr.contains("no password"))

        let listed = try await Binary.run(["portal", "operator", "list"], environment: env, in: dir)
        #expect(listed.stdout.contains("ops@example.com") && listed.stdout.contains("second@example.com"))
        #expect(!listed.stdout.contains("third@example.com"))

        #expect(try await Binary.run(["portal", "operator", "remove", "ops@example.com"], environment: env, in: dir).status == 0)
        let after = try await Binary.run(["portal", "operator", "list"], environment: env, in: dir)
        #expect(!after.stdout.contains("ops@example.com") && after.stdout.contains("second@example.com"))
        let missing = try await Binary.run(["portal", "operator", "remove", "ops@example.com"], environment: env, in: dir)
        #expect(missing.status != 0 && missing.stderr.contains("no operator"))
    }
}
