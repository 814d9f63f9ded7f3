import CosyncTestSupport
import Foundation
import Synchronization
import Testing

/// Two `serve` instances of the real binary on one PostgreSQL database, behind a real HAProxy, behave as
/// one host: load spreads over both, a `kill -9` of one costs only the requests it had in flight, and
/// what must be counted or used once (failed logins, codes, emails) is, whichever instance a request
/// reaches.
@Suite("several instances behind HAProxy")
struct MultiInstanceTests {
    /// Each instance's own request counter shows it served a good share of what went through HAProxy.
    @Test func loadThroughHAProxySpreadsOverBothInstances() async throws {
        let cluster = try await Cluster.start()
        defer { cluster.stop() }
        let proxy = cluster.throughProxy
        let session = try await cluster.signup("spread@example.com", through: proxy)
        let before = try await cluster.requestCounts(route: Cluster.getUserRoute)

        let clients = 8
        let perClient = 25
        let statuses = try await withThrowingTaskGroup(of: [UInt].self) { group in
            for _ in 0..<clients {
                group.addTask {
                    var statuses: [UInt] = []
                    for _ in 0..<perClient { statuses.append(try await proxy.get("/api/appuser/getUser", accessToken: session).status.code) }
                    return statuses
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(statuses.count == clients * perClient && statuses.allSatisfy { $0 == 200 }, "\(statuses.filter { $0 != 200 })")

        // An instance counts a request once its answer is written, so the counts may trail the answers.
        let sent = clients * perClient
        var served = [0, 0]
        let deadline = Date().addingTimeInterval(10)
        repeat {
            let now = try await cluster.requestCounts(route: Cluster.getUserRoute)
            served = zip(now, before).map { $0 - $1 }
            if served.reduce(0, +) >= sent { break }
            try await Task.sleep(for: .milliseconds(100))
        } while Date() < deadline
        #expect(served.reduce(0, +) == sent, "every request reached exactly one instance: \(served)")
        #expect(served.allSatisfy { $0 >= sent / 4 }, "each instance served a good share: \(served)")
        try await cluster.terminate()
    }

    /// Eight clients keep calling getUser and login through HAProxy while one instance is killed: only
    /// requests that instance had in flight may fail, and every request begun after the kill succeeds on
    /// the survivor.
    @Test func aKilledInstanceCostsOnlyTheRequestsItHadInFlight() async throws {
        let cluster = try await Cluster.start()
        defer { cluster.stop() }
        let proxy = cluster.throughProxy
        let clients = 8
        var sessions: [String] = []
        for client in 0..<clients { sessions.append(try await cluster.signup("load\(client)@example.com", through: proxy)) }
        let before = try await cluster.requestCounts(route: Cluster.getUserRoute)
        let load = Load()
        var shareBeforeKill = 0

        try await withThrowingTaskGroup(of: Void.self) { group in
            for client in 0..<clients {
                let session = sessions[client]
                group.addTask {
                    var logins = 0
                    var turn = 0
                    while !load.isFinished && !Task.isCancelled {
                        let afterKill = load.isAfterKill
                        turn += 1
                        // A login now and then, well under the 30 a handle may make in 10 minutes.
                        let isLogin = turn % 8 == 0 && logins < 20
                        if isLogin { logins += 1 }
                        var failure: String?
                        do {
                            let answer =
                                isLogin
                                ? try await proxy.json("/api/appuser/login", ["handle": "load\(client)@example.com", "password": md5("pw")])
                                : try await proxy.get("/api/appuser/getUser", accessToken: session)
                            if answer.status != .ok { failure = "\(answer.status.code) \(answer.text.prefix(100))" }
                        } catch {
                            failure = "\(error)"
                        }
                        load.record(
                            failure: failure.map { "\(isLogin ? "login" : "getUser") \(afterKill ? "after" : "before"): \($0)" },
                            afterKill: afterKill, isLogin: isLogin)
                    }
                }
            }
            try await load.wait(seconds: 60) { $0.succeeded >= 160 }
            shareBeforeKill = try await cluster.requestCounts(route: Cluster.getUserRoute, instances: [0])[0] - before[0]
            cluster.kill(0)
            load.markKilled()
            try await load.wait(seconds: 60) { $0.afterKill.count >= 240 }
            load.finish()
            try await group.waitForAll()
        }

        let tally = load.tally
        #expect(tally.beforeKill >= 160, "a steady load ran before the kill")
        #expect(tally.afterKill.count >= 240, "and after it")
        #expect(tally.afterKill.failed == 0, "\(tally.afterKill.failed) of \(tally.afterKill.count) begun after the kill failed: \(tally.failures)")
        #expect(tally.failed <= clients, "\(tally.failed) failures, more than the \(clients) requests that can be in flight: \(tally.failures)")
        #expect(tally.logins > 0, "logins were part of the load")
        #expect(shareBeforeKill > 0, "the instance killed was serving the load")
        try await cluster.terminate()
    }

    /// Failed logins sent to either instance add up to one lockout; a code presented to both at once
    /// works once; a setting changed while both run holds on both; the messages limit of a handle is one
    /// count, not one per instance.
    @Test func lockoutsCodesAndLimitsAreSharedByBothInstances() async throws {
        let sink = try await SMTPSink.start()
        let cluster = try await Cluster.start(sink: sink, settings: [("maxLoginAttempts", "4")])
        defer { cluster.stop() }
        let (a, b) = (cluster.direct(0), cluster.direct(1))

        // Four failures, two on each instance: neither saw four, yet the account is locked on both.
        _ = try await cluster.signup("alternate@example.com", through: a)
        for attempt in 0..<4 {
            let wrong = try await (attempt % 2 == 0 ? a : b).json("/api/appuser/login", ["handle": "alternate@example.com", "password": md5("nope")])
            #expect(wrong.code == 600, "\(wrong.text)")
        }
        for api in [a, b] {
            let refused = try await api.json("/api/appuser/login", ["handle": "alternate@example.com", "password": md5("pw")])
            #expect(refused.code == 600, "locked: the right password is refused too, on either instance: \(refused.text)")
        }
        let shown = try await cluster.userShow("alternate@example.com")
        #expect(shown["failedLogins"] as? Int == 4 && shown["lockedUntil"] != nil, "\(shown)")

        // Four failures at the same moment, two on each instance: none is lost.
        _ = try await cluster.signup("together@example.com", through: b)
        let together = try await withThrowingTaskGroup(of: Int?.self) { group in
            for attempt in 0..<4 {
                group.addTask {
                    try await (attempt % 2 == 0 ? a : b).json("/api/appuser/login", ["handle": "together@example.com", "password": md5("nope")]).code
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(together == [600, 600, 600, 600])
        for api in [a, b] {
            #expect(try await api.json("/api/appuser/login", ["handle": "together@example.com", "password": md5("pw")]).code == 600)
        }
        #expect(try await cluster.userShow("together@example.com")["failedLogins"] as? Int == 4)

        // One reset code, presented eight times at once to both instances, each time with another new
        // password: one reset happens, and its password is the one that logs in.
        for round in 0..<3 {
            let handle = "reset\(round)@example.com"
            _ = try await cluster.signup(handle, through: cluster.throughProxy)
            #expect(try await (round % 2 == 0 ? a : b).swiftForm("/api/appuser/forgotPassword", [("handle", handle)]).text == "true")
            let code = try #require(extractCode(try await waitForMail(sink, to: handle, subject: "password reset code")[0]))
            let answers = try await race(8) { attempt in
                try await (attempt % 2 == 0 ? a : b).swiftForm(
                    "/api/appuser/resetPassword", [("handle", handle), ("password", md5("new\(attempt)")), ("code", code)])
            }
            let winners = answers.indices.filter { answers[$0].text == "true" }
            #expect(winners.count == 1, "\(answers.map(\.text))")
            #expect(answers.filter { $0.text != "true" }.allSatisfy { $0.code == 602 }, "\(answers.map(\.text))")
            if let winner = winners.first {
                for (index, api) in [a, b].enumerated() {
                    let login = try await api.json("/api/appuser/login", ["handle": handle, "password": md5("new\(winner)")])
                    #expect(login.status == .ok, "instance \(index): \(login.text)")
                }
                let loser = (winner + 1) % answers.count
                #expect(try await a.json("/api/appuser/login", ["handle": handle, "password": md5("new\(loser)")]).code == 600)
            }
        }

        // Five messages an hour to a handle, counted in the database: seven asked of two instances in turn
        // send five.
        _ = try await cluster.signup("flood@example.com", through: a)
        var flood: [UInt] = []
        for attempt in 0..<7 {
            flood.append(try await (attempt % 2 == 0 ? a : b).swiftForm("/api/appuser/forgotPassword", [("handle", "flood@example.com")]).status.code)
        }
        #expect(flood == [200, 200, 200, 200, 200, 429, 429], "\(flood)")

        // Signups by code from now on, changed in the database by the CLI: neither instance keeps an old
        // copy of the app's settings.
        let set = try await Binary.run(["app", "set", Cluster.appName, "signupFlow", "code"], environment: cluster.env, in: cluster.dir)
        #expect(set.status == 0, "\(set.stderr)")
        for (index, api) in [a, b].enumerated() {
            let handle = "coded\(index)@example.com"
            let pending = try await api.swiftForm("/api/appuser/signup", [("handle", handle), ("password", md5("pw"))])
            #expect(pending.text == "true", "instance \(index) sees the new flow: \(pending.text)")
            let code = try #require(extractCode(try await waitForMail(sink, to: handle, subject: "verification code")[0]))
            // The same signup code at both instances at once creates the account once.
            let answers = try await race(8) { attempt in
                try await (attempt % 2 == 0 ? a : b).swiftForm("/api/appuser/completeSignup", [("handle", handle), ("code", code)])
            }
            let created = answers.filter { $0.status == .ok && $0["access-token"] != nil }
            #expect(created.count == 1, "\(answers.map(\.text))")
        }

        try await cluster.terminate()
    }

    /// The calls that replace a handle's waiting record (a reset code, an invitation, a pending signup),
    /// made for one handle on both instances at once, each answer as they do one at a time.
    @Test func oneHandleOnBothInstancesAtOnceIsNeverAServerError() async throws {
        let cluster = try await Cluster.start(settings: [("invitationEnabled", "true")])
        defer { cluster.stop() }
        let (a, b) = (cluster.direct(0), cluster.direct(1))
        let inviter = try await cluster.signup("inviter@example.com", through: a)
        _ = try await cluster.signup("forgetful@example.com", through: a)
        let resets = try await race(4) { attempt in
            try await (attempt % 2 == 0 ? a : b).swiftForm("/api/appuser/forgotPassword", [("handle", "forgetful@example.com")])
        }
        #expect(resets.allSatisfy { $0.text == "true" }, "forgotPassword: \(resets.map(\.text))")
        let invites = try await race(4) { attempt in
            try await (attempt % 2 == 0 ? a : b).swiftForm(
                "/api/appuser/invite", [("handle", "friend@example.com"), ("metaData", "{}"), ("senderUserId", "x")], accessToken: inviter)
        }
        #expect(invites.allSatisfy { $0.text == "true" }, "invite: \(invites.map(\.text))")
        let set = try await Binary.run(["app", "set", Cluster.appName, "signupFlow", "code"], environment: cluster.env, in: cluster.dir)
        #expect(set.status == 0, "\(set.stderr)")
        let signups = try await race(4) { attempt in
            try await (attempt % 2 == 0 ? a : b).swiftForm("/api/appuser/signup", [("handle", "eager@example.com"), ("password", md5("pw"))])
        }
        #expect(signups.allSatisfy { $0.text == "true" }, "signup: \(signups.map(\.text))")
        try await cluster.terminate()
    }

    /// Both instances' outbox workers send to one SMTP server: every message queued on either arrives
    /// exactly once.
    @Test func theOutboxSendsEveryMessageOnceFromBothInstances() async throws {
        let sink = try await SMTPSink.start()
        let cluster = try await Cluster.start(sink: sink)
        defer { cluster.stop() }
        // More than a worker claims in one round (20), so that one worker cannot take them all at once.
        let handles = (0..<25).map { "queued\($0)@example.com" }
        // The server is down while the messages queue, so that both workers find them all waiting when it
        // is back and claim from one pile, rather than each sending what its own instance just queued.
        sink.stop()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, handle) in handles.enumerated() {
                group.addTask {
                    let api = cluster.direct(index % 2)
                    // Two messages a handle, queued by different instances.
                    let signup = try await api.swiftForm("/api/appuser/signup", [("handle", handle), ("password", md5("pw"))])
                    #expect(signup.status == .ok, "\(signup.text)")
                    let reset = try await cluster.direct(1 - index % 2).swiftForm("/api/appuser/forgotPassword", [("handle", handle)])
                    #expect(reset.text == "true")
                }
            }
            try await group.waitForAll()
        }
        let back = try await SMTPSink.start(port: sink.port)

        let expected = handles.count * 2
        let deadline = Date().addingTimeInterval(60)
        while try back.messages().count < expected && Date() < deadline { try await Task.sleep(for: .milliseconds(200)) }
        // Long enough for a second send of any message to show up as well.
        try await Task.sleep(for: .seconds(3))
        let messages = try back.messages()
        #expect(messages.count == expected, "\(messages.count) messages for \(expected) queued")
        for handle in handles {
            let subjects = messages.filter { ($0["rcpt_tos"] as? [String]) == [handle] }.compactMap { $0["subject"] as? String }.sorted()
            #expect(subjects == ["Welcome to \(Cluster.appName)", "Your \(Cluster.appName) password reset code"], "\(handle): \(subjects)")
        }
        try await cluster.terminate()
    }

    // MARK: Helpers

    /// `count` calls at once, answered in the order they were made.
    func race(_ count: Int, _ call: @escaping @Sendable (Int) async throws -> APIClient.Answer) async throws -> [APIClient.Answer] {
        try await withThrowingTaskGroup(of: (Int, APIClient.Answer).self) { group in
            for attempt in 0..<count { group.addTask { (attempt, try await call(attempt)) } }
            var answers: [(Int, APIClient.Answer)] = []
            for try await answer in group { answers.append(answer) }
            return answers.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }

    func waitForMail(_ sink: SMTPSink, to recipient: String, subject: String, seconds: Double = 30) async throws -> [[String: Any]] {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let mail = try sink.messages().filter {
                ($0["rcpt_tos"] as? [String]) == [recipient] && ($0["subject"] as? String)?.contains(subject) == true
            }
            if !mail.isEmpty { return mail }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("no \"\(subject)\" message to \(recipient) within \(seconds) s")
        throw CancellationError()
    }

    func extractCode(_ message: [String: Any]) -> String? {
        (message["text"] as? String).flatMap { $0.firstMatch(of: /\b\d{6}\b/) }.map { String($0.output) }
    }
}

/// Two `serve` instances with one PostgreSQL schema and one master key, behind one HAProxy, and an app.
final class Cluster: Sendable {
    static let appName = "Cluster"
    static let getUserRoute = "/api/appuser/getUser"

    let dir: URL
    let env: [String: String]
    let appToken: String
    let hosts: [HostProcess]
    let metricsPorts: [Int]
    let proxy: HAProxy
    private let killed = Mutex(Set<Int>())

    private init(dir: URL, env: [String: String], appToken: String, hosts: [HostProcess], metricsPorts: [Int], proxy: HAProxy) {
        self.dir = dir
        self.env = env
        self.appToken = appToken
        self.hosts = hosts
        self.metricsPorts = metricsPorts
        self.proxy = proxy
    }

    /// A fresh schema, an app with signups by `none` and `settings`, and the instances, healthy, behind
    /// HAProxy. With a sink, both send mail to it.
    static func start(sink: SMTPSink? = nil, settings: [(String, String)] = []) async throws -> Cluster {
        let dir = try TestEnvironment.directory("cosync-cluster")
        var env = TestEnvironment.base()
        TestEnvironment.usePostgres(&env, schemaPrefix: "cluster")
        // Every request reaches the instances from HAProxy's one address, and the load here is more than
        // one address may send; the per-handle limits, counted in the database, still hold.
        env["COSYNC_RATE_LIMIT"] = "0"
        if let sink {
            env["COSYNC_SMTP_URL"] = "smtp://127.0.0.1:\(sink.port)?tls=none"
            env["COSYNC_EMAIL_FROM"] = "noreply@example.com"
            env["COSYNC_OUTBOX_RETRY_SECONDS"] = "1"
        }
        let initialized = try await Binary.run(["init"], environment: env, in: dir)
        guard initialized.status == 0 else { throw ClusterError.setup("init: \(initialized.stderr)") }
        let created = try await Binary.run(["app", "create", appName, "--json"], environment: env, in: dir)
        guard let appToken = created.json?["appToken"] as? String else { throw ClusterError.setup("app create: \(created.stderr)") }
        for (setting, value) in [("signupFlow", "none")] + settings {
            let set = try await Binary.run(["app", "set", appName, setting, value], environment: env, in: dir)
            guard set.status == 0 else { throw ClusterError.setup("app set \(setting): \(set.stderr)") }
        }
        let metricsPorts = [try freePort(), try freePort()]
        let hosts = try metricsPorts.map { try HostProcess(extraArguments: ["--metrics-port", "\($0)"], environment: env, in: dir) }
        for host in hosts { try await host.waitUntilHealthy() }
        let proxy = try await HAProxy.start(backends: hosts, in: dir)
        return Cluster(dir: dir, env: env, appToken: appToken, hosts: hosts, metricsPorts: metricsPorts, proxy: proxy)
    }

    var throughProxy: APIClient { APIClient(baseURL: proxy.baseURL, appToken: appToken) }

    func direct(_ instance: Int) -> APIClient { APIClient(baseURL: hosts[instance].baseURL, appToken: appToken) }

    /// Signs `handle` up (password "pw") and answers its access token.
    func signup(_ handle: String, through api: APIClient) async throws -> String {
        let answer = try await api.swiftForm("/api/appuser/signup", [("handle", handle), ("password", md5("pw"))])
        guard let token = answer["access-token"] else { throw ClusterError.setup("signup of \(handle): \(answer.text)") }
        return token
    }

    /// `user show --json`, as an operator reads it from the database.
    func userShow(_ handle: String) async throws -> [String: Any] {
        let shown = try await Binary.run(["user", "show", Self.appName, handle, "--json"], environment: env, in: dir)
        guard let json = shown.json else { throw ClusterError.setup("user show \(handle): \(shown.stderr)") }
        return json
    }

    /// How many requests to `route` each instance answered, whatever the status, by its own /metrics.
    func requestCounts(route: String, instances: [Int] = [0, 1]) async throws -> [Int] {
        var counts: [Int] = []
        for instance in instances {
            let metrics = try await APIClient(baseURL: "http://127.0.0.1:\(metricsPorts[instance])", appToken: appToken)
                .send("/metrics", method: .GET, headers: [:], body: nil)
            guard metrics.status == .ok else { throw ClusterError.setup("metrics of instance \(instance): \(metrics.status)") }
            let lines = metrics.text.split(separator: "\n").filter { $0.hasPrefix("hb_requests") && $0.contains("http_route=\"\(route)\"") }
            counts.append(lines.compactMap { $0.split(separator: " ").last.flatMap { Double($0) } }.reduce(0) { $0 + Int($1) })
        }
        return counts
    }

    /// SIGTERM to every instance still running, each expected to stop cleanly, then HAProxy gone.
    func terminate() async throws {
        let killed = killed.withLock { $0 }
        for (index, host) in hosts.enumerated() where !killed.contains(index) {
            #expect(try await host.terminate() == 0, "\(host.log)")
        }
        proxy.stop()
    }

    /// `kill -9` of one instance.
    func kill(_ instance: Int) {
        killed.withLock { _ = $0.insert(instance) }
        hosts[instance].kill()
    }

    /// Everything killed, whatever state the test left it in.
    func stop() {
        proxy.stop()
        for host in hosts { host.kill() }
    }
}

enum ClusterError: Error, CustomStringConvertible {
    case setup(String)

    var description: String {
        switch self {
        case .setup(let what): "setting up the cluster failed: \(what)"
        }
    }
}

/// What the clients of a steady load saw, before and after the kill.
final class Load: Sendable {
    struct Phase: Sendable {
        var count = 0
        var failed = 0
    }

    struct Tally: Sendable {
        var beforeKill = 0
        var succeeded = 0
        var failed = 0
        var logins = 0
        var afterKill = Phase()
        /// What each failure was, for the message of a failed expectation.
        var failures: [String] = []
    }

    private let state = Mutex((tally: Tally(), killed: false, finished: false))

    var isAfterKill: Bool { state.withLock { $0.killed } }
    var isFinished: Bool { state.withLock { $0.finished } }
    var tally: Tally { state.withLock { $0.tally } }

    func markKilled() { state.withLock { $0.killed = true } }
    func finish() { state.withLock { $0.finished = true } }

    /// One answered request, `failure` nil when it succeeded; `afterKill` says whether it began after the kill.
    func record(failure: String?, afterKill: Bool, isLogin: Bool) {
        state.withLock { state in
            if let failure {
                state.tally.failed += 1
                state.tally.failures.append(failure)
            } else {
                state.tally.succeeded += 1
                if isLogin { state.tally.logins += 1 }
            }
            if afterKill {
                state.tally.afterKill.count += 1
                if failure != nil { state.tally.afterKill.failed += 1 }
            } else if failure == nil {
                state.tally.beforeKill += 1
            }
        }
    }

    /// Waits until `condition` holds of the tally, failing after `seconds`.
    func wait(seconds: Double, until condition: (Tally) -> Bool) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        while !condition(tally) {
            guard Date() < deadline else {
                finish()
                throw ClusterError.setup("the load did not reach its goal within \(seconds) s: \(tally)")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }
}
