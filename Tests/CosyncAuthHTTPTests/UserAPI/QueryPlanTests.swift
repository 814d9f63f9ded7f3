import CosyncAuthCore
@_spi(Testing) import CosyncAuthHost
@_spi(Testing) import CosyncAuthStorage
import CosyncHostTestSupport
import Logging
import Synchronization
import Testing

/// Every statement a user call runs must find its rows through an index: at a million users a scan is
/// a second per call. The statements are the host's own, captured while the real router serves the
/// user API's calls, and each is put to the database's planner.
@Suite("query plans of the user API")
struct QueryPlanTests {
    @Test(arguments: TestDatabase.allCases)
    func everyUserCallStatementUsesAnIndex(_ db: TestDatabase) async throws {
        let statements = StatementRecorder()
        let settings = [
            ("signupFlow", "code"), ("userNamesEnabled", "true"), ("invitationEnabled", "true"), ("anonymousLoginEnabled", "true"),
            ("maxLoginAttempts", "5"),
        ]
        let recording: (inout HostConfiguration) -> Void = { $0.statementLog = statements.logger }
        try await TestHost.run(db, settings: settings, options: recording) { t async throws in
            statements.start()
            try await Self.useTheUserAPI(t, statements)
            let recorded = statements.recorded()
            // The reads every call makes (on SQLite's read connections) are among those checked.
            #expect(recorded.contains { $0.contains("FROM access_tokens t JOIN users u") }, "the access-token read")
            #expect(recorded.contains { $0.contains("WHERE a.app_token = ") }, "the app-token read")
            try await Self.expectIndexedReads(recorded, on: t, atLeast: 50)
        }
    }

    /// An operator's search by the start of a handle or user name, in each order, walks indexes too
    /// (finding text anywhere in a handle is the one search that reads every user, by design).
    @Test(arguments: TestDatabase.allCases)
    func operatorPrefixSearchUsesAnIndex(_ db: TestDatabase) async throws {
        let statements = StatementRecorder()
        let recording: (inout HostConfiguration) -> Void = { $0.statementLog = statements.logger }
        try await TestHost.run(db, settings: [("signupFlow", "none"), ("userNamesEnabled", "true")], options: recording) { t async throws in
            _ = try await t.signUp("jane@example.com")
            statements.start()
            for search in ["value=jan", "value=ANON_x", "value=j&hideAnonUser=true", "value=jane&sort=created", "value=jane&sort=lastLogin"] {
                #expect(try await t.admin("/api/app/searchUser?appId=\(t.app.id.uuidString)&\(search)").status == .ok)
            }
            // The operator's secret is checked against each of the host's few secrets, by design.
            let onUsers = statements.recorded().filter { $0.contains("users") }
            try await Self.expectIndexedReads(onUsers, on: t, atLeast: 10)
        }
    }

    /// Puts each captured statement that reads rows to the planner; none may scan.
    static func expectIndexedReads(_ captured: [String], on t: TestHost, atLeast minimum: Int) async throws {
        #expect(captured.count >= minimum, "the calls ran statements: \(captured.count)")
        var scans: [String] = []
        for sql in Set(captured) where readsRows(sql) {
            let plan = try await t.host.storage.queryPlan(of: sql)
            #expect(!plan.isEmpty, "a plan for \(sql)")
            if let scan = firstScan(in: plan) { scans.append("\(scan)\n    in \(sql)") }
        }
        #expect(scans.isEmpty, "statements that scan a table:\n\(scans.joined(separator: "\n"))")
    }

    /// The plan steps the check must catch and the ones it must let through, as each engine prints them.
    @Test func scansAreToldFromSearches() {
        #expect(Self.isScan("SCAN login_challenges"))
        #expect(Self.isScan("SCAN users USING INDEX users_handle_key"))
        #expect(Self.isScan("SCAN users USING COVERING INDEX users_app_id_id"))
        #expect(Self.isScan("  ->  Seq Scan on outbox  (cost=10000000000.00..10000000012.10 rows=210 width=360)"))
        #expect(!Self.isScan("SEARCH users USING INDEX users_app_id_id (app_id=? AND id>?)"))
        #expect(!Self.isScan("SCAN CONSTANT ROW"))
        #expect(!Self.isScan("Index Scan using users_handle_key on users  (cost=0.15..8.17 rows=1 width=520)"))
        // A scan of a subquery's own result reads only what the subquery's searches found.
        let union = [
            "CO-ROUTINE matched", "MERGE (UNION)", "SEARCH users USING INDEX users_handle_key (app_id=? AND handle>? AND handle<?)", "SCAN matched",
        ]
        #expect(Self.firstScan(in: union) == nil)
        #expect(Self.firstScan(in: union + ["SCAN users"]) == "SCAN users")
        #expect(Self.readsRows("WITH matched(id) AS (SELECT id FROM users) SELECT COUNT(*) FROM matched"))
        #expect(!Self.readsRows("INSERT INTO users (id) VALUES (?)"))
    }

    /// Statements that find rows (selects, with or without a leading WITH, updates, deletes); inserts (an upsert's conflict target is a
    /// unique index by definition) and transaction control do not.
    static func readsRows(_ sql: String) -> Bool {
        let verb = sql.drop(while: { $0 == " " || $0 == "(" }).prefix(while: \.isLetter).uppercased()
        return ["SELECT", "UPDATE", "DELETE", "WITH"].contains(verb)
    }

    /// A step that walks a whole table or a whole index: SQLite's `SCAN t` (with or without `USING
    /// INDEX`: only `SEARCH` narrows by a key) or PostgreSQL's `Seq Scan`. SQLite's `SCAN CONSTANT ROW`
    /// (a select of values only) reads no table.
    static func firstScan(in plan: [String]) -> String? {
        let subqueries = Set(plan.compactMap { $0.firstMatch(of: /^(?:CO-ROUTINE|MATERIALIZE) (\w+)/).map { String($0.output.1) } })
        return plan.first { step in
            isScan(step) && !subqueries.contains { step.hasPrefix("SCAN \($0)") }
        }
    }

    static func isScan(_ step: String) -> Bool {
        if step.contains("Seq Scan") { return true }
        guard let scan = step.firstMatch(of: /\bSCAN (\w+)/) else { return false }
        return scan.output.1 != "CONSTANT"
    }

    /// One user's life through the API, touching every flow that reads users, tokens, codes and limits.
    static func useTheUserAPI(_ t: TestHost, _ statements: StatementRecorder) async throws {
        // The codes are read from the outbox as a test reads them, not as the host does: not recorded.
        func code(sentTo handle: String) async throws -> String {
            statements.pause()
            defer { statements.resume() }
            return try await t.code(sentTo: handle)
        }
        let password = md5("pass1234")
        #expect(try await t.form("/api/appuser/signup", [("handle", "ann@example.com"), ("password", password)], appToken: t.token).text == "true")
        let signupCode = try await code(sentTo: "ann@example.com")
        #expect(try await t.form("/api/appuser/completeSignup", [("handle", "ann@example.com"), ("code", "000000")], appToken: t.token).code == 602)
        let ann = try #require(
            try await t.form("/api/appuser/completeSignup", [("handle", "ann@example.com"), ("code", signupCode)], appToken: t.token)["access-token"])

        #expect(try await t.form("/api/appuser/login", [("handle", "ann@example.com"), ("password", md5("wrong"))], appToken: t.token).code == 600)
        #expect(try await t.form("/api/appuser/login", [("handle", "nobody@example.com"), ("password", password)], appToken: t.token).code == 600)
        let session = try #require(
            try await t.form("/api/appuser/login", [("handle", "ann@example.com"), ("password", password)], appToken: t.token)["access-token"])
        #expect(try await t.get("/api/appuser/getUser", accessToken: session).status == .ok)
        #expect(try await t.get("/api/appuser/getApplication", appToken: t.token).status == .ok)
        #expect(try await t.form("/api/appuser/setUserMetadata", [("metaData", #"{"a":1}"#)], accessToken: session).text == "true")
        #expect(try await t.get("/api/appuser/userNameAvailable?userName=annie", accessToken: session).status == .ok)
        #expect(try await t.form("/api/appuser/setUserName", [("userName", "annie")], accessToken: session).text == "true")
        #expect(try await t.form("/api/appuser/login", [("handle", "annie"), ("password", password)], appToken: t.token).status == .ok)
        #expect(try await t.form("/api/appuser/setLocale", [("locale", "EN")], accessToken: session).text == "true")
        #expect(
            try await t.form("/api/appuser/changePassword", [("password", password), ("newPassword", md5("second1"))], accessToken: ann).text
                == "true")

        #expect(try await t.form("/api/appuser/forgotPassword", [("handle", "ann@example.com")], appToken: t.token).text == "true")
        let resetCode = try await code(sentTo: "ann@example.com")
        #expect(
            try await t.form(
                "/api/appuser/resetPassword", [("handle", "ann@example.com"), ("password", md5("third1")), ("code", resetCode)], appToken: t.token
            ).text == "true")
        let again = try #require(
            try await t.form("/api/appuser/login", [("handle", "ann@example.com"), ("password", md5("third1"))], appToken: t.token)["access-token"])

        #expect(try await t.form("/api/appuser/invite", [("handle", "bob@example.com"), ("metaData", "{}")], accessToken: again).text == "true")
        let inviteCode = try await code(sentTo: "bob@example.com")
        let bob = try #require(
            try await t.form(
                "/api/appuser/register", [("handle", "bob@example.com"), ("password", password), ("code", inviteCode)], appToken: t.token
            )["access-token"])
        #expect(
            try await t.form("/api/appuser/deleteAccount", [("handle", "bob@example.com"), ("password", password)], accessToken: bob).text
                == "true")
        #expect(try await t.get("/api/appuser/getUser", accessToken: bob).code == 405)
        #expect(try await t.form("/api/appuser/loginAnonymous", [("handle", "ANON_plan-check")], appToken: t.token)["access-token"] != nil)
    }
}
