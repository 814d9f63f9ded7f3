import CosyncTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The administration commands of the real binary: pending signups, invitations, metadata fields,
/// locales, templates, reset, delete and the audit log, offline (`--database`) and remote (`--host
/// --secret`), on SQLite and PostgreSQL.
@Suite("admin commands, offline and remote")
struct AdminCommandsTests {
    @Test(arguments: ["sqlite", "postgres"])
    func pendingInvitesFieldsLocalesTemplatesResetDeleteAndLog(_ engine: String) async throws {
        let op = try await Operator(engine)
        let created = try await op.run(["app", "create", "Cmd App", "--json"])
        let token = try #require(created.json?["appToken"] as? String)
        #expect(try await op.run(["app", "set", "Cmd App", "invitationEnabled", "true"]).status == 0)

        let host = try HostProcess(environment: op.env, in: op.dir)
        try await host.waitUntilHealthy()
        op.remote = ["--host", host.baseURL, "--secret", op.secret]
        let api = APIClient(baseURL: host.baseURL, appToken: token)

        // Pending signups.
        for handle in ["wait+1@example.com", "wait2@example.com"] {
            #expect(try await api.swiftForm("/api/appuser/signup", [("handle", handle), ("password", md5("pw"))]).text == "true")
        }
        let signups = try await op.both(["signup", "list", "Cmd App", "--json"])
        #expect(handles(signups) == ["wait+1@example.com", "wait2@example.com"])
        _ = try await op.both(["signup", "list", "Cmd App"])
        let removedSignup = try await op.run(["signup", "remove", "Cmd App", "wait+1@example.com"], remote: true)
        #expect(removedSignup.status == 0 && removedSignup.stdout == "Pending signup of wait+1@example.com removed.\n", "\(removedSignup.stderr)")
        let again = try await op.failsAlike(["signup", "remove", "Cmd App", "wait+1@example.com"])
        #expect(again.contains("no pending signup"))
        #expect(handles(try await op.both(["signup", "list", "Cmd App", "--json"])) == ["wait2@example.com"])

        // Invitations: the same batch answers the same offline and remotely.
        #expect(try await op.run(["user", "add", "Cmd App", "member@example.com", "--password", "member-pw"]).status == 0)
        let batch = ["invite", "create", "Cmd App", "ann@example.com", "member@example.com", "--json"]
        let offlineBatch = try await op.run(batch)
        #expect(offlineBatch.status == 0, "\(offlineBatch.stderr)")
        #expect(try await op.run(["invite", "remove", "Cmd App", "ann@example.com"]).status == 0)
        let remoteBatch = try await op.run(batch, remote: true)
        #expect(remoteBatch.status == 0 && remoteBatch.stdout == offlineBatch.stdout, "\(remoteBatch.stderr)")
        let answers = try JSONSerialization.jsonObject(with: Data(offlineBatch.stdout.utf8)) as? [[String: String]]
        #expect(answers == [["handle": "ann@example.com", "status": "sent"], ["handle": "member@example.com", "status": "alreadyRegistered"]])
        #expect(try await op.run(["invite", "create", "Cmd App", "bob@example.com"], remote: true).stdout == "Invited bob@example.com.\n")
        #expect(try await op.failsAlike(["invite", "create", "Cmd App", "carl@example.com", "not-an-email"]).contains("not-an-email"))
        let invites = try await op.both(["invite", "list", "Cmd App", "--json"])
        #expect(handles(invites) == ["ann@example.com", "bob@example.com"])
        #expect(try await op.both(["invite", "list", "Cmd App"]).contains("Cmd App"))
        let resentOffline = try await op.run(["invite", "resend", "Cmd App", "bob@example.com", "--json"])
        let resentRemote = try await op.run(["invite", "resend", "Cmd App", "bob@example.com", "--json"], remote: true)
        #expect(resentOffline.status == 0 && resentRemote.status == 0, "\(resentOffline.stderr) \(resentRemote.stderr)")
        #expect(withoutTimesAndIds(resentOffline.stdout) == withoutTimesAndIds(resentRemote.stdout))
        #expect(resentOffline.stdout != resentRemote.stdout, "a new expiry each time")
        #expect(try await op.run(["invite", "remove", "Cmd App", "bob@example.com"], remote: true).status == 0)
        #expect(try await op.failsAlike(["invite", "resend", "Cmd App", "bob@example.com"]).contains("no invitation"))
        #expect(handles(try await op.both(["invite", "list", "Cmd App", "--json"])) == ["ann@example.com"])

        // Metadata fields.
        let added = try await op.run(["app", "fields", "add", "Cmd App", "user_data.name", "--required", "--json"])
        let addedFields = try #require(added.json?["metaData"] as? [[String: Any]], "\(added.stderr)")
        #expect(addedFields.count == 1 && addedFields[0]["path"] as? String == "user_data.name" && addedFields[0]["fieldName"] as? String == "name")
        #expect(addedFields.first?["required"] as? Bool == true && addedFields.first?["canEdit"] as? Bool == false)
        #expect(
            try await op.run(["app", "fields", "add", "Cmd App", "invited.team", "--invite", "--name", "team", "--json"], remote: true).status == 0)
        let fields = try await op.both(["app", "fields", "list", "Cmd App", "--json"])
        #expect(((json(fields) as? [String: Any])?["metaDataInvite"] as? [[String: Any]])?.first?["path"] as? String == "invited.team")
        #expect(try await op.both(["app", "fields", "list", "Cmd App"]).contains("user_data.name"))
        let removedOffline = try await op.run(["app", "fields", "remove", "Cmd App", "user_data.name", "--json"])
        #expect(try await op.run(["app", "fields", "add", "Cmd App", "user_data.name", "--required"], remote: true).status == 0)
        let removedRemote = try await op.run(["app", "fields", "remove", "Cmd App", "user_data.name", "--json"], remote: true)
        #expect(removedOffline.status == 0 && removedRemote.stdout == removedOffline.stdout)
        #expect(try await op.failsAlike(["app", "fields", "add", "Cmd App", "user data.name"]).contains("dotted path"))
        #expect(try await op.failsAlike(["app", "fields", "remove", "Cmd App", "no.such.field"]).contains("no.such.field"))

        // Locales and templates.
        let french = try await op.run(["app", "locale", "add", "Cmd App", "fr", "--json"])
        #expect(french.json?["locales"] as? [String] == ["EN", "FR"], "\(french.stderr)")
        #expect(try await op.run(["app", "locale", "remove", "Cmd App", "FR", "--json"], remote: true).json?["locales"] as? [String] == ["EN"])
        #expect(try await op.run(["app", "locale", "add", "Cmd App", "fr", "--json"], remote: true).stdout == french.stdout)
        #expect(try await op.failsAlike(["app", "locale", "remove", "Cmd App", "EN"]).contains("EN"))
        let templates = try await op.both(["app", "template", "list", "Cmd App", "--json"])
        let listed = try #require(json(templates) as? [[String: Any]])
        #expect(listed.count == 16 && listed.allSatisfy { $0["custom"] as? Bool == false })
        #expect(Set(listed.compactMap { $0["locale"] as? String }) == ["EN", "FR"])
        #expect(try await op.both(["app", "template", "list", "Cmd App"]).contains("default"))

        // Reset: refused without --yes, then the users go and the settings stay.
        let unconfirmed = try await op.failsAlike(["app", "reset", "Cmd App"])
        #expect(unconfirmed.contains("--yes"))
        #expect(handles(try await op.both(["user", "list", "Cmd App", "--json"])) == ["member@example.com"])
        let reset = try await op.run(["app", "reset", "Cmd App", "--yes", "--json"], remote: true)
        #expect(reset.status == 0 && reset.json?["name"] as? String == "Cmd App", "\(reset.stderr)")
        #expect(handles(try await op.both(["user", "list", "Cmd App", "--json"])).isEmpty)
        #expect(handles(try await op.both(["invite", "list", "Cmd App", "--json"])).isEmpty)
        #expect(handles(try await op.both(["signup", "list", "Cmd App", "--json"])).isEmpty)
        #expect(
            try await op.run(["app", "locale", "add", "Cmd App", "DE", "--json"]).json?["locales"] as? [String] == ["EN", "FR", "DE"], "settings kept"
        )

        // Delete: refused without --yes, then gone.
        for (name, remote) in [("Doomed Offline", false), ("Doomed Remote", true)] {
            #expect(try await op.run(["app", "create", name]).status == 0)
            #expect(try await op.failsAlike(["app", "delete", name]).contains("--yes"))
            #expect(try await op.run(["app", "show", name]).status == 0, "nothing deleted")
            let deleted = try await op.run(["app", "delete", name, "--yes", "--json"], remote: remote)
            #expect(deleted.status == 0 && deleted.json?["name"] as? String == name, "\(deleted.stderr)")
            #expect(try await op.run(["app", "show", name]).status != 0)
        }

        // The log names who acted: `cli` offline, the secret's name remotely (with the client's address).
        let log = try await op.both(["log", "Cmd App", "--json", "--limit", "500"])
        let entries = lines(log)
        func has(_ event: String, _ actor: String) -> Bool {
            entries.contains { entry in
                entry["event"] as? String == event && entry["actor"] as? String == actor && entry["outcome"] as? String == "success"
                    && (actor == "cli" ? entry["address"] is NSNull : (entry["address"] as? String)?.isEmpty == false)
            }
        }
        for (event, actor) in [
            ("signup.remove", "secret:default"), ("invite.create", "cli"), ("invite.create", "secret:default"),
            ("invite.resend", "cli"), ("invite.resend", "secret:default"), ("invite.remove", "cli"), ("invite.remove", "secret:default"),
            ("user.add", "cli"), ("app.update", "cli"), ("app.update", "secret:default"), ("locale.add", "cli"),
            ("locale.remove", "secret:default"), ("locale.add", "secret:default"), ("app.reset", "secret:default"),
            ("signup", "wait+1@example.com"),
        ] {
            #expect(has(event, actor), "\(event) by \(actor)")
        }
        #expect(entries.contains { $0["event"] as? String == "invite.create" && ($0["outcome"] as? String)?.hasPrefix("error:") == true })
        let times = entries.compactMap { $0["time"] as? String }
        #expect(times == times.sorted(), "oldest first")
        #expect(lines(try await op.both(["log", "Cmd App", "--json", "--event", "app.reset"])).count == 1)
        let hostLog = lines(try await op.both(["log", "--json"]))
        #expect(hostLog.contains { $0["event"] as? String == "secret.create" && $0["detail"] as? String == "default" })
        #expect(try await op.both(["log", "Cmd App"]).contains("actor=secret:default from="))

        // --follow prints what happens after it started, offline and remotely alike.
        #expect(try await op.run(["user", "add", "Cmd App", "follow@example.com", "--password", "follow-pw"]).status == 0)
        let followers = [
            try Follower(["log", "Cmd App", "--follow", "--json", "--interval", "0.2"] + op.offline, environment: op.env, in: op.dir),
            try Follower(["log", "Cmd App", "--follow", "--json", "--interval", "0.2"] + op.remote, environment: op.env, in: op.dir),
        ]
        for follower in followers {
            let started = try await follower.wait { $0.contains { $0["event"] as? String == "user.add" } }
            #expect(started, "the follower printed the latest entries: \(follower.output) \(follower.errors)")
            #expect(!follower.entries.contains { $0["event"] as? String == "login" })
        }
        let login = try await api.json("/api/appuser/login", ["handle": "follow@example.com", "password": md5("follow-pw")])
        #expect(login.status == .ok, "\(login.text)")
        for follower in followers {
            let seen = try await follower.wait { entries in
                entries.contains { $0["event"] as? String == "login" && $0["actor"] as? String == "follow@example.com" }
            }
            #expect(seen, "the login appeared: \(follower.output) \(follower.errors)")
            #expect(try await follower.stop())
        }
        #expect(try await host.terminate() == 0)
    }
}

/// An operator with a database and, once a host runs, its address and secret.
final class Operator: @unchecked Sendable {
    let dir: URL
    let env: [String: String]
    let databaseURL: String
    let secret: String
    var remote: [String] = []
    var offline: [String] { ["--database", databaseURL] }

    init(_ engine: String) async throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("cosync-cmds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let inherited = ProcessInfo.processInfo.environment
        var env = ["PATH": inherited["PATH"] ?? "/usr/bin:/bin", "HOME": inherited["HOME"] ?? "/root"]
        if engine == "postgres" {
            let schema = "cmd_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            databaseURL = EndToEndTests.postgresURL(schema: schema)
            env["COSYNC_DATABASE_URL"] = databaseURL
            env["COSYNC_MASTER_KEY"] = TestEnvironment.masterKey()
        } else {
            // The embedded default, named: the host finds it by default, the commands by --database.
            databaseURL = "sqlite:cosync-auth.sqlite"
        }
        self.env = env
        let initialized = try await Binary.run(["init", "--json", "--database", databaseURL], environment: env, in: dir)
        secret = try #require(initialized.json?["serverSecret"] as? String, "\(initialized.stderr)")
    }

    func run(_ arguments: [String], remote: Bool = false) async throws -> Binary.Result {
        try await Binary.run(arguments + (remote ? self.remote : offline), environment: env, in: dir)
    }

    /// Runs a command offline and remotely, expects both to succeed with the same output, and answers it.
    func both(_ arguments: [String]) async throws -> String {
        let offline = try await run(arguments)
        let online = try await run(arguments, remote: true)
        #expect(offline.status == 0 && online.status == 0, "\(arguments): \(offline.stderr) \(online.stderr)")
        #expect(offline.stdout == online.stdout, "\(arguments)")
        return offline.stdout
    }

    /// Runs a command that must fail offline and remotely with the same message; answers it.
    func failsAlike(_ arguments: [String]) async throws -> String {
        let offline = try await run(arguments)
        let online = try await run(arguments, remote: true)
        #expect(offline.status != 0 && online.status != 0, "\(arguments)")
        #expect(offline.stderr == online.stderr, "\(arguments)")
        return offline.stderr
    }
}

/// A `cosync-auth log --follow` running in the background, its output in a file.
final class Follower: @unchecked Sendable {
    let process = SpawnedProcess()
    private var stopped = false
    let outFile: URL
    let errFile: URL

    init(_ arguments: [String], environment: [String: String], in directory: URL) throws {
        let id = UUID().uuidString
        outFile = directory.appendingPathComponent("follow-\(id).out")
        errFile = directory.appendingPathComponent("follow-\(id).err")
        _ = FileManager.default.createFile(atPath: outFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errFile.path, contents: nil)
        process.executableURL = Binary.url
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = directory
        process.standardOutput = try FileHandle(forWritingTo: outFile)
        process.standardError = try FileHandle(forWritingTo: errFile)
        try process.run()
    }

    var output: String { (try? String(contentsOf: outFile, encoding: .utf8)) ?? "" }
    var errors: String { (try? String(contentsOf: errFile, encoding: .utf8)) ?? "" }
    var entries: [[String: Any]] { lines(output) }

    /// Polls the output until `condition` holds (true) or `seconds` pass (false).
    func wait(seconds: Double = 30, _ condition: ([[String: Any]]) -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition(entries) { return true }
            guard ChildProcess.exitStatus(process) == nil else { return false }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    /// SIGTERM, then waits (off the concurrency pool: by polling) for it to end; true when it did.
    func stop(seconds: Double = 20) async throws -> Bool {
        process.terminate()
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if ChildProcess.exitStatus(process) != nil {
                stopped = true
                return true
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        Glibc.kill(process.processIdentifier, SIGKILL)
        ChildProcess.waitForExit(process)
        stopped = true
        return false
    }

    deinit {
        if !stopped {
            Glibc.kill(process.processIdentifier, SIGKILL)
            ChildProcess.waitForExit(process)
        }
    }
}

/// The `handle` of each object in a JSON array.
func handles(_ stdout: String) -> [String] {
    ((json(stdout) as? [[String: Any]]) ?? []).compactMap { $0["handle"] as? String }
}

func json(_ text: String) -> Any? {
    try? JSONSerialization.jsonObject(with: Data(text.utf8))
}

/// One JSON object per line, as `log --json` prints.
func lines(_ text: String) -> [[String: Any]] {
    text.split(separator: "\n").compactMap { json(String($0)) as? [String: Any] }
}

/// The JSON with times and ids left out, for comparing answers made at different moments.
func withoutTimesAndIds(_ text: String) -> String {
    func strip(_ value: Any) -> Any {
        if let object = value as? [String: Any] {
            return object.filter { !["createdAt", "updatedAt", "expiresAt", "time", "id"].contains($0.key) }.mapValues(strip)
        }
        if let array = value as? [Any] { return array.map(strip) }
        return value
    }
    guard let value = json(text), let data = try? JSONSerialization.data(withJSONObject: strip(value), options: [.sortedKeys]) else {
        return text
    }
    return String(decoding: data, as: UTF8.self)
}
