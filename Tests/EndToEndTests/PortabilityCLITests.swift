import CosyncTestSupport
import Foundation
import Testing

/// `export`, `import` and `app test-email` through the real binary, offline and against a running host.
@Suite("export, import and test email from the CLI")
struct PortabilityCLITests {
    @Test(arguments: ["sqlite", "postgres"])
    func exportAndImportOfflineAndRemotelyGiveTheSameApp(_ engine: String) async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cosync-port-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let inherited = ProcessInfo.processInfo.environment
        var env = ["PATH": inherited["PATH"] ?? "/usr/bin:/bin", "HOME": inherited["HOME"] ?? "/root"]
        if engine == "postgres" {
            let schema = "port_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            env["COSYNC_DATABASE_URL"] = EndToEndTests.postgresURL(schema: schema)
            env["COSYNC_MASTER_KEY"] = TestEnvironment.masterKey()
        }
        let secret = try #require(try await Binary.run(["init", "--json"], environment: env, in: dir).json?["serverSecret"] as? String)
        let created = try await Binary.run(["app", "create", "Source App", "--json"], environment: env, in: dir)
        #expect(created.status == 0, "\(created.stderr)")
        #expect(try await Binary.run(["app", "set", "Source App", "signupFlow", "none"], environment: env, in: dir).status == 0)
        for i in 1...3 {
            #expect(
                try await Binary.run(["user", "add", "Source App", "user\(i)@example.com", "--password", "pw \(i)"], environment: env, in: dir).status
                    == 0)
        }

        let host = try HostProcess(environment: env, in: dir)
        try await host.waitUntilHealthy()
        let remote = ["--host", host.baseURL, "--secret", secret]
        let offlineZip = dir.appendingPathComponent("offline.zip").path
        let remoteZip = dir.appendingPathComponent("remote.zip").path
        let exportedOffline = try await Binary.run(["export", "Source App", "--out", offlineZip, "--json"], environment: env, in: dir)
        let exportedRemote = try await Binary.run(["export", "Source App", "--out", remoteZip, "--json"] + remote, environment: env, in: dir)
        #expect(exportedOffline.status == 0 && exportedRemote.status == 0, "\(exportedOffline.stderr) \(exportedRemote.stderr)")
        #expect(!exportedOffline.stderr.contains("["), "no progress bar when stderr is not a terminal")
        #expect(FileManager.default.fileExists(atPath: offlineZip) && FileManager.default.fileExists(atPath: remoteZip))
        #expect(!FileManager.default.fileExists(atPath: offlineZip + ".partial"))
        for zip in [offlineZip, remoteZip] {
            #expect(try FileManager.default.attributesOfItem(atPath: zip)[.posixPermissions] as? Int == 0o600, "an export holds hashes: \(zip)")
        }

        let importedOffline = try await Binary.run(["import", offlineZip, "--name", "Copy Offline", "--json"], environment: env, in: dir)
        let importedRemote = try await Binary.run(["import", remoteZip, "--name", "Copy Remote", "--json"] + remote, environment: env, in: dir)
        #expect(importedOffline.status == 0 && importedRemote.status == 0, "\(importedOffline.stderr) \(importedRemote.stderr)")
        // The same outcome either way (names, ids, tokens and times differ by nature).
        let offline = try #require(importedOffline.json)
        let online = try #require(importedRemote.json)
        #expect(offline["imported"] as? NSDictionary == online["imported"] as? NSDictionary)
        #expect(offline["warnings"] as? [String] == online["warnings"] as? [String])
        #expect((offline["imported"] as? [String: Any])?["users"] as? Int == 3)
        #expect((offline["warnings"] as? [String])?.contains { $0.contains("app token") } == true, "the source app still holds its token")

        // The copies' users log in with their old passwords.
        for copy in [offline, online] {
            let api = APIClient(baseURL: host.baseURL, appToken: try #require(copy["appToken"] as? String))
            let login = try await api.json("/api/appuser/login", ["handle": "user2@example.com", "password": md5("pw 2")])
            #expect(login.status == .ok, "\(login.text)")
        }

        // A damaged zip changes nothing and says so, with a non-zero exit, both ways.
        let damaged = dir.appendingPathComponent("damaged.zip")
        try Data(try Data(contentsOf: URL(fileURLWithPath: offlineZip)).prefix(100)).write(to: damaged)
        for extra in [[], remote] {
            let refused = try await Binary.run(["import", damaged.path, "--name", "Damaged"] + extra, environment: env, in: dir)
            #expect(refused.status != 0 && refused.stderr.contains("zip"), "\(refused.stderr)")
        }
        let apps = try await Binary.run(["app", "list", "--json"], environment: env, in: dir)
        #expect((try JSONSerialization.jsonObject(with: Data(apps.stdout.utf8)) as? [[String: Any]])?.count == 3)
        #expect(try await host.terminate() == 0)
    }

    @Test func aTestEmailReachesTheSMTPServerOrSaysWhyNot() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cosync-mailtest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let inherited = ProcessInfo.processInfo.environment
        var env = ["PATH": inherited["PATH"] ?? "/usr/bin:/bin", "HOME": inherited["HOME"] ?? "/root"]
        let secret = try #require(try await Binary.run(["init", "--json"], environment: env, in: dir).json?["serverSecret"] as? String)
        #expect(try await Binary.run(["app", "create", "Mail App"], environment: env, in: dir).status == 0)

        // A host without SMTP answers so.
        let bare = try HostProcess(environment: env, in: dir)
        try await bare.waitUntilHealthy()
        let unconfigured = try await Binary.run(
            ["app", "test-email", "Mail App", "--to", "ops@example.com", "--host", bare.baseURL, "--secret", secret], environment: env, in: dir)
        #expect(unconfigured.status != 0 && unconfigured.stderr.contains("no SMTP server"), "\(unconfigured.stderr)")
        #expect(try await bare.terminate() == 0)

        // Offline, with the SMTP settings of the environment: the message reaches the server.
        let sink = try await SMTPSink.start()
        defer { sink.stop() }
        env["COSYNC_SMTP_URL"] = "smtp://127.0.0.1:\(sink.port)?tls=none"
        env["COSYNC_EMAIL_FROM"] = "Ops <noreply@example.com>"
        let sent = try await Binary.run(["app", "test-email", "Mail App", "--to", "ops@example.com"], environment: env, in: dir)
        #expect(sent.status == 0, "\(sent.stderr)")
        let messages = try sink.messages()
        #expect(messages.count == 1)
        #expect((messages.first?["subject"] as? String)?.contains("Mail App") == true)

        // The SMTP server gone: the operator gets its reason, not a silent queue.
        sink.stop()
        let down = try await Binary.run(["app", "test-email", "Mail App", "--to", "ops@example.com"], environment: env, in: dir)
        #expect(down.status != 0 && down.stderr.contains("not sent"), "\(down.stderr)")
        let log = try await Binary.run(["log", "Mail App", "--event", "email.test", "--json"], environment: env, in: dir)
        #expect(log.stdout.split(separator: "\n").count == 3, "unconfigured, sent, refused: \(log.stdout)")
    }
}
