import AsyncHTTPClient
import Foundation
import JWTKit
import Testing

/// The real binary against a real database, driven as an operator and as the client libraries would.
@Suite("cosync-auth end to end")
final class EndToEndTests: @unchecked Sendable {
    /// Access tokens the host handed out during a test, which its log must not contain.
    var issuedTokens: [String] = []

    static let postgresURL =
        ProcessInfo.processInfo.environment["COSYNC_TEST_POSTGRES_URL"]
        ?? "postgres://cosync:cosync@127.0.0.1:5432/cosync_test?sslmode=disable"

    /// The test server's URL with `schema` as the host's own schema.
    static func postgresURL(schema: String) -> String {
        postgresURL + (postgresURL.contains("?") ? "&" : "?") + "schema=\(schema)"
    }

    @Test func sqliteDefaultFromInitToSIGTERM() async throws {
        let dir = try temporaryDirectory()
        // No --database and no master key: the embedded default, as a first-time user runs it.
        let env = baseEnvironment()
        let app = try await prepareApp(env: env, in: dir)
        let keyFile = dir.appendingPathComponent("cosync-auth.sqlite.key")
        let mode = try FileManager.default.attributesOfItem(atPath: keyFile.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let database = dir.appendingPathComponent("cosync-auth.sqlite")
        #expect(
            try FileManager.default.attributesOfItem(atPath: database.path)[.posixPermissions] as? Int == 0o600,
            "the database holds password hashes: only its owner reads it")

        let host = try HostProcess(environment: env, in: dir)
        try await host.waitUntilHealthy()
        try await exerciseUserAPI(baseURL: host.baseURL, app: app)
        #expect(try await host.terminate() == 0)
        try checkLogsHoldNoSecrets(host.log)

        // A key file others can read is refused, with what to do about it.
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: keyFile.path)
        let refused = try await Binary.run(["app", "list"], environment: env, in: dir)
        #expect(refused.status != 0 && refused.stderr.contains("chmod 600"), "\(refused.stderr)")
    }

    @Test func postgresTwoInstancesMigratingAtOnce() async throws {
        let dir = try temporaryDirectory()
        let schema = "e2e_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        var env = baseEnvironment()
        env["COSYNC_DATABASE_URL"] = EndToEndTests.postgresURL(schema: schema)
        env["COSYNC_MASTER_KEY"] = TestEnvironment.masterKey()

        // Two instances start together on an empty schema: the advisory lock lets one migrate.
        let first = try HostProcess(environment: env, in: dir)
        let second = try HostProcess(environment: env, in: dir)
        try await first.waitUntilHealthy()
        try await second.waitUntilHealthy()

        let app = try await prepareApp(env: env, in: dir)
        let api = APIClient(baseURL: first.baseURL, appToken: app.appToken)
        let signup = try await api.swiftForm("/api/appuser/signup", [("handle", "Both+pg@Example.com"), ("password", md5("pg-pass"))])
        #expect(signup.status == .ok, "\(signup.text)")
        let other = APIClient(baseURL: second.baseURL, appToken: app.appToken)
        let login = try await other.json("/api/appuser/login", ["handle": "both+pg@example.com", "password": md5("pg-pass")])
        #expect(login.status == .ok, "\(login.text)")
        try await exerciseUserAPI(baseURL: second.baseURL, app: app)

        #expect(try await first.terminate() == 0)
        #expect(try await second.terminate() == 0)
        try checkLogsHoldNoSecrets(first.log + second.log)
    }

    @Test func postgresWithoutMasterKeyIsRefused() async throws {
        let dir = try temporaryDirectory()
        var env = baseEnvironment()
        env["COSYNC_DATABASE_URL"] = Self.postgresURL
        let result = try await Binary.run(["init"], environment: env, in: dir)
        #expect(result.status != 0)
        #expect(result.stderr.contains("COSYNC_MASTER_KEY"))
    }

    @Test func sigtermLetsAnInFlightLoginFinish() async throws {
        let dir = try temporaryDirectory()
        let env = baseEnvironment()
        let app = try await prepareApp(env: env, in: dir)
        // A costly hash makes the login slow enough to be in flight when SIGTERM arrives.
        let host = try HostProcess(extraArguments: ["--argon2-memory-kib", "262144", "--argon2-iterations", "3"], environment: env, in: dir)
        try await host.waitUntilHealthy()
        let api = APIClient(baseURL: host.baseURL, appToken: app.appToken)
        #expect(try await api.swiftForm("/api/appuser/signup", [("handle", "slow@example.com"), ("password", md5("slow"))]).status == .ok)

        let started = Date()
        let login = Task { try await api.swiftForm("/api/appuser/login", [("handle", "slow@example.com"), ("password", md5("slow"))]) }
        try await Task.sleep(for: .milliseconds(150))
        let exitStatus = try await host.terminate()
        let answer = try await login.value
        #expect(answer.status == .ok, "\(answer.text)")
        #expect(answer["access-token"] != nil)
        #expect(exitStatus == 0)
        #expect(Date().timeIntervalSince(started) < 30)
    }

    @Test func cliRefusesBadInputWithClearErrors() async throws {
        let dir = try temporaryDirectory()
        let env = baseEnvironment()
        // serve checks every setting before it opens (or creates) the database.
        for (option, message) in [
            (["--idle-timeout", "0"], "--idle-timeout (COSYNC_IDLE_TIMEOUT) takes 1 to 3600 seconds, not 0"),
            (["--metrics-port", "70000"], "--metrics-port (COSYNC_METRICS_PORT) takes 0 to 65535, not 70000"),
            (["--apple-jwks-url", "http://keys.example.com/"], "must be an https:// URL"),
            (["--smtp-url", "ftp://mail"], "smtp"),
        ] {
            let refused = try await Binary.run(["serve"] + option, environment: env, in: dir)
            #expect(refused.status != 0 && refused.stderr.lowercased().contains(message.lowercased()), "\(option): \(refused.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("cosync-auth.sqlite").path), "no database made")
        _ = try await prepareApp(env: env, in: dir)
        let badValue = try await Binary.run(["app", "set", "E2E", "signupFlow", "sometimes"], environment: env, in: dir)
        #expect(badValue.status != 0)
        #expect(badValue.stderr.contains("signupFlow takes one of code, link, none"))
        let badName = try await Binary.run(["app", "set", "E2E", "noSuchSetting", "1"], environment: env, in: dir)
        #expect(badName.status != 0)
        #expect(badName.stderr.contains("unknown setting"))
        let noApp = try await Binary.run(["app", "show", "Nope"], environment: env, in: dir)
        #expect(noApp.status != 0)
        #expect(noApp.stderr.contains("no app"))
        let badURL = try await Binary.run(["app", "list", "--database", "mysql://x"], environment: env, in: dir)
        #expect(badURL.status != 0)
        #expect(badURL.stderr.contains("invalid database URL"))
        let created = try await Binary.run(["secret", "create", "portal", "--json"], environment: env, in: dir)
        #expect((created.json?["serverSecret"] as? String)?.hasPrefix("ss_") == true)
        #expect(try await Binary.run(["secret", "create", "portal"], environment: env, in: dir).stderr.contains("exists"))
        #expect(try await Binary.run(["secret", "create", "Bad Name"], environment: env, in: dir).status != 0)
        let secrets = try await Binary.run(["secret", "list", "--json"], environment: env, in: dir)
        let names = (try JSONSerialization.jsonObject(with: Data(secrets.stdout.utf8)) as? [[String: Any]])?.compactMap { $0["name"] as? String }
        #expect(names == ["default", "portal"])
        #expect(!secrets.stdout.contains("ss_"))
        #expect(try await Binary.run(["secret", "revoke", "portal"], environment: env, in: dir).status == 0)
        #expect(try await Binary.run(["secret", "revoke", "portal"], environment: env, in: dir).status != 0)
        let list = try await Binary.run(["app", "list", "--json"], environment: env, in: dir)
        let apps = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]]
        #expect(apps?.map { $0["name"] as? String } == ["E2E"])
        #expect(apps?.first?["appSecret"] == nil)
        let table = try await Binary.run(["app", "list"], environment: env, in: dir)
        #expect(table.stdout.contains("E2E") && table.stdout.contains("APP ID"))
        let html = dir.appendingPathComponent("fr.html")
        try "<p>Bonjour %HANDLE%, code %CODE%</p>".write(to: html, atomically: true, encoding: .utf8)
        #expect(try await Binary.run(["app", "set", "E2E", "locales", "EN,FR"], environment: env, in: dir).status == 0)
        let broken = try await Binary.run(
            ["app", "template", "set", "E2E", "signUp", "--locale", "FR", "--subject", "Code %CODEX%", "--html-file", html.path], environment: env,
            in: dir)
        #expect(broken.status != 0 && broken.stderr.contains("unknown placeholder"))
        let saved = try await Binary.run(
            ["app", "template", "set", "E2E", "signUp", "--locale", "FR", "--subject", "Votre code %CODE%", "--html-file", html.path],
            environment: env, in: dir)
        #expect(saved.status == 0, "\(saved.stderr)")
        let french = try await Binary.run(["app", "template", "show", "E2E", "signUp", "--locale", "FR", "--json"], environment: env, in: dir)
        #expect(french.json?["subject"] as? String == "Votre code %CODE%")
        let german = try await Binary.run(["app", "template", "show", "E2E", "signUp", "--locale", "DE", "--json"], environment: env, in: dir)
        #expect((german.json?["subject"] as? String)?.hasPrefix("Your %APP_NAME% verification code") == true)
        let show = try await Binary.run(["app", "show", "E2E", "--json"], environment: env, in: dir)
        #expect(show.json?["settings"].flatMap { ($0 as? [String: Any])?["signupFlow"] as? String } == "none")
    }

    // MARK: Steps

    struct CreatedApp {
        let appToken: String
        let publicKey: String
    }

    /// `init`, `app create`, `app set`, `app show`, as an operator runs them.
    func prepareApp(env: [String: String], in dir: URL) async throws -> CreatedApp {
        let initialized = try await Binary.run(["init", "--json"], environment: env, in: dir)
        #expect(initialized.status == 0, "\(initialized.stderr)")
        let secret = initialized.json?["serverSecret"] as? String
        #expect(secret?.hasPrefix("ss_") == true)
        let again = try await Binary.run(["init", "--json"], environment: env, in: dir)
        #expect(again.status == 0)
        #expect(again.json?["serverSecret"] is NSNull)

        let created = try await Binary.run(["app", "create", "E2E", "--json"], environment: env, in: dir)
        #expect(created.status == 0, "\(created.stderr)")
        let json = try #require(created.json)
        #expect((json["appSecret"] as? String)?.isEmpty == false)
        #expect(json["appId"] is String)
        let set = try await Binary.run(["app", "set", "E2E", "signupFlow", "none"], environment: env, in: dir)
        #expect(set.status == 0, "\(set.stderr)")

        let shown = try await Binary.run(["app", "show", "E2E", "--json"], environment: env, in: dir)
        let shownJSON = try #require(shown.json)
        #expect(shownJSON["appSecret"] == nil)
        #expect(shownJSON["publicKey"] as? String == json["publicKey"] as? String)
        return CreatedApp(appToken: try #require(json["appToken"] as? String), publicKey: try #require(json["publicKey"] as? String))
    }

    /// Sign up as the Swift client, log in as the JSON clients, check the JWT with the app's public key.
    func exerciseUserAPI(baseURL: String, app: CreatedApp) async throws {
        let api = APIClient(baseURL: baseURL, appToken: app.appToken)
        let handle = "Jane+\(UUID().uuidString.prefix(8))@Example.com"
        let signup = try await api.swiftForm("/api/appuser/signup", [("handle", handle), ("password", md5("correct horse")), ("metaData", "{}")])
        #expect(signup.status == .ok, "\(signup.text)")

        let login = try await api.json("/api/appuser/login", ["handle": handle.lowercased(), "password": md5("correct horse")])
        #expect(login.status == .ok, "\(login.text)")
        let jwt = try #require(login["jwt"])
        let keys = await JWTKeyCollection().add(rsa: try Insecure.RSA.PublicKey(pem: app.publicKey), digestAlgorithm: .sha256)
        let claims = try await keys.verify(jwt, as: SubjectClaims.self)
        #expect(claims.sub == handle.lowercased())
        #expect(claims.aud == "none")

        let accessToken = try #require(login["access-token"])
        let me = try await api.get("/api/appuser/getUser", accessToken: accessToken)
        #expect(me["handle"] == handle.lowercased())

        let wrong = try await api.swiftForm("/api/appuser/login", [("handle", handle), ("password", md5("wrong"))])
        #expect(wrong.status == .badRequest)
        #expect(wrong.code == 600)
        let doubled = try await api.send("//api/appuser/getUser", method: .GET, headers: ["access-token": accessToken], body: nil)
        #expect(doubled.status == .ok)

        // Bad input over the wire: the protocol's error, never a 500 or a hang.
        let huge = "handle=big@example.com&password=\(md5("x"))&metaData=" + String(repeating: "x", count: 2 * 1024 * 1024)
        let oversized = try await api.send("/api/appuser/signup", method: .POST, headers: ["app-token": app.appToken], body: huge)
        #expect(oversized.status == .badRequest)
        #expect(oversized.code == 602)
        let malformed = try await api.send(
            "/api/appuser/login", method: .POST,
            headers: ["app-token": app.appToken, "Content-Type": "application/json"], body: "{\"handle\": [")
        #expect(malformed.code == 602)
        issuedTokens.append(accessToken)
    }

    func checkLogsHoldNoSecrets(_ log: String) throws {
        #expect(!issuedTokens.isEmpty)
        for secret in [md5("correct horse"), md5("pg-pass")] + issuedTokens {
            #expect(!log.contains(secret), "the log holds \(secret)")
        }
    }

    func baseEnvironment() -> [String: String] {
        let inherited = ProcessInfo.processInfo.environment
        var env: [String: String] = ["PATH": inherited["PATH"] ?? "/usr/bin:/bin"]
        env["HOME"] = inherited["HOME"]
        return env
    }

    func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cosync-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }
}

struct SubjectClaims: JWTPayload {
    var sub: String
    var aud: String
    func verify(using algorithm: some JWTAlgorithm) throws {}
}
