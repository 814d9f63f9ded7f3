import AsyncHTTPClient
import Foundation
import NIOCore
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

    /// `cosync-auth portal`: the portal on its own listener and its own database, configured by
    /// `COSYNC_PORTAL_*`, with no host behind it yet.
    @Test func thePortalRunsOnItsOwn() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cosync-portal-alone-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let inherited = ProcessInfo.processInfo.environment
        let env = [
            "PATH": inherited["PATH"] ?? "/usr/bin:/bin", "HOME": inherited["HOME"] ?? "/root",
            "COSYNC_PORTAL_DATABASE_URL": "sqlite:\(dir.path)/portal.sqlite",
            // A host's settings on the same machine must not leak into the portal.
            "COSYNC_DATABASE_URL": "postgres://nobody@127.0.0.1:1/none",
        ]
        let added = try await Binary.run(
            ["portal", "operator", "add", "ops@example.com"], environment: env, in: dir, input: "a long portal password\n")
        #expect(added.status == 0, "\(added.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("portal.sqlite").path), "the portal's own store")

        let portal = try HostProcess(command: ["portal"], environment: env, in: dir)
        try await portal.waitUntilHealthy()
        let login = try await HTTPClient.shared.get(url: "\(portal.baseURL)/login").get()
        #expect(login.status == .ok)
        var request = HTTPClientRequest(url: "\(portal.baseURL)/login")
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/x-www-form-urlencoded")
        request.body = .bytes(ByteBuffer(string: "email=ops%40example.com&password=a+long+portal+password"))
        // A browser's view of the login: the redirect and its cookie, not where it leads.
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
        defer { _ = client.shutdown() }
        let session = try await client.execute(request, timeout: .seconds(10))
        #expect(session.status == .seeOther && session.headers.first(name: "set-cookie")?.hasPrefix("cosync_portal=ps_") == true)
        var home = HTTPClientRequest(url: "\(portal.baseURL)/")
        home.headers.add(name: "cookie", value: String(session.headers.first(name: "set-cookie")?.split(separator: ";").first ?? ""))
        let page = try await client.execute(home, timeout: .seconds(10))
        let html = String(buffer: try await page.body.collect(upTo: 1 << 20))
        #expect(page.status == .ok && html.contains("No hosts yet"))
        #expect(try await portal.terminate() == 0)
    }
}
