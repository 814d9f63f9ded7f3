import Foundation
import Testing

/// The administration CLI offline (on the database) and remote (on a running host): the same command
/// prints the same output either way.
@Suite("admin CLI, offline and remote")
struct AdminCLITests {
    @Test(arguments: ["sqlite", "postgres"])
    func theSameCommandPrintsTheSameEitherWay(_ engine: String) async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cosync-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let inherited = ProcessInfo.processInfo.environment
        var env = ["PATH": inherited["PATH"] ?? "/usr/bin:/bin", "HOME": inherited["HOME"] ?? "/root"]
        if engine == "postgres" {
            let schema = "cli_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            env["COSYNC_DATABASE_URL"] = EndToEndTests.postgresURL(schema: schema)
            env["COSYNC_MASTER_KEY"] = TestEnvironment.masterKey()
        }
        let secret = try #require(try await Binary.run(["init", "--json"], environment: env, in: dir).json?["serverSecret"] as? String)
        let created = try await Binary.run(["app", "create", "CLI App", "--json"], environment: env, in: dir)
        let token = try #require(created.json?["appToken"] as? String)
        #expect(try await Binary.run(["app", "set", "CLI App", "signupFlow", "none"], environment: env, in: dir).status == 0)

        let host = try HostProcess(environment: env, in: dir)
        try await host.waitUntilHealthy()
        let api = APIClient(baseURL: host.baseURL, appToken: token)
        let signup = try await api.swiftForm("/api/appuser/signup", [("handle", "cli+user@example.com"), ("password", md5("pw"))])
        let session = try #require(signup["access-token"])
        let remote = ["--host", host.baseURL, "--secret", secret]

        // Secrets need never be on a command line: the server secret from a file, a password and the
        // SMS token from standard input.
        let secretFile = dir.appendingPathComponent("server-secret")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: secretFile.path, contents: Data((secret + "\n").utf8), attributes: [.posixPermissions: 0o600])
        let fromFile = ["--host", host.baseURL, "--secret-file", secretFile.path]
        let added = try await Binary.run(
            ["user", "add", "CLI App", "piped@example.com", "--password-file", "-"] + fromFile,
            environment: env, in: dir, input: "piped password\n")
        #expect(added.status == 0, "\(added.stderr)")
        #expect(try await api.json("/api/appuser/login", ["handle": "piped@example.com", "password": md5("piped password")]).status == .ok)
        let smsToken = try await Binary.run(
            ["app", "set", "CLI App", "twilioToken", "-"] + fromFile, environment: env, in: dir, input: "sms-token-from-stdin\n")
        #expect(smsToken.status == 0, "\(smsToken.stderr)")
        #expect(
            try await Binary.run(["user", "add", "CLI App", "none@example.com"] + fromFile, environment: env, in: dir).stderr.contains(
                "--password-file"))

        for command in [
            ["app", "list", "--json"], ["app", "list"], ["app", "show", "CLI App"], ["app", "show", "CLI App", "--json"],
            ["user", "list", "CLI App", "--json"], ["user", "show", "CLI App", "cli+user@example.com", "--json"],
            ["user", "list", "CLI App"], ["user", "show", "CLI App", "cli+user@example.com"],
        ] {
            let offline = try await Binary.run(command, environment: env, in: dir)
            let online = try await Binary.run(command + remote, environment: env, in: dir)
            #expect(offline.status == 0 && online.status == 0, "\(offline.stderr) \(online.stderr)")
            #expect(offline.stdout == online.stdout, "\(command)")
            #expect(offline.stdout.contains(command[0] == "app" ? "CLI App" : "cli+user@example.com"))
        }

        // A setting changed remotely is seen offline.
        #expect(try await Binary.run(["app", "set", "CLI App", "maxLoginAttempts", "7"] + remote, environment: env, in: dir).status == 0)
        let shown = try await Binary.run(["app", "show", "CLI App", "--json"], environment: env, in: dir)
        #expect((shown.json?["settings"] as? [String: Any])?["maxLoginAttempts"] as? Int == 7)

        // Suspended remotely: the live access token stops working at once.
        #expect(try await Binary.run(["user", "suspend", "CLI App", "cli+user@example.com"] + remote, environment: env, in: dir).status == 0)
        #expect(try await api.get("/api/appuser/getUser", accessToken: session).code == 405)
        // Reactivated offline, with a new password set remotely.
        #expect(try await Binary.run(["user", "activate", "CLI App", "cli+user@example.com"], environment: env, in: dir).status == 0)
        #expect(
            try await Binary.run(
                ["user", "reset-password", "CLI App", "cli+user@example.com", "--password", "new pw"] + remote, environment: env, in: dir
            ).status == 0)
        let login = try await api.json("/api/appuser/login", ["handle": "cli+user@example.com", "password": md5("new pw")])
        #expect(login.status == .ok, "\(login.text)")

        // Errors are the same too, and exit non-zero.
        let missingOffline = try await Binary.run(["user", "show", "CLI App", "nobody@example.com"], environment: env, in: dir)
        let missingRemote = try await Binary.run(["user", "show", "CLI App", "nobody@example.com"] + remote, environment: env, in: dir)
        #expect(missingOffline.status != 0 && missingRemote.status != 0)
        #expect(missingOffline.stderr == missingRemote.stderr && missingOffline.stderr.contains("no user"))
        let badSecret = try await Binary.run(["user", "list", "CLI App", "--host", host.baseURL, "--secret", "ss_wrong"], environment: env, in: dir)
        #expect(badSecret.status != 0 && badSecret.stderr.contains("invalid server secret"))
        #expect(try await host.terminate() == 0)
    }
}
