import CosyncAuthCore
import CosyncAuthHost
import CosyncHostTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

extension TestHost {
    var appId: String { app.id.uuidString }

    /// An admin GET that also answers the response's headers (for `X-Total-Count`).
    func adminWithHeaders(_ path: String, secret: String? = nil) async throws -> (Answer, HTTPFields) {
        var headers = HTTPFields()
        headers[HTTPField.Name("server-secret")!] = secret ?? adminSecret
        let response = try await client.executeRequest(uri: path, method: .get, headers: headers, body: nil)
        return (Answer(status: response.status, text: String(buffer: response.body)), response.headers)
    }

    /// The app as the admin API shows it now.
    func currentSettings() async throws -> [String: JSONValue] {
        try #require(try await admin("/api/app/appId/\(appId)").object["settings"]?.objectValue)
    }
}

extension TestHost.Answer {
    /// The answer's array of objects (empty when it is something else).
    var items: [[String: JSONValue]] {
        if case .array(let values)? = json { return values.compactMap(\.objectValue) }
        return []
    }
}

extension HTTPFields {
    var totalCount: Int? { self[HTTPField.Name("X-Total-Count")!].flatMap(Int.init) }
}

/// A query value as a browser escapes it (`+` would read as a space).
func escaped(_ value: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
}

@Suite("admin API: pending signups, invitations, reset; the secret on every content endpoint")
struct PendingAdminTests {
    @Test(arguments: TestDatabase.allCases)
    func pendingSignupsAreListedAndRemoved(_ db: TestDatabase) async throws {
        try await TestHost.run(db) { t async throws in
            #expect(
                try await t.form("/api/appuser/signup", [("handle", "Wait+One@Example.com"), ("password", md5("pw1"))], appToken: t.token).text
                    == "true")
            #expect(
                try await t.form("/api/appuser/signup", [("handle", "other@example.com"), ("password", md5("pw2"))], appToken: t.token).text == "true"
            )
            let code = try await t.code(sentTo: "wait+one@example.com")

            // The original's spelling and the corrected one answer the same list.
            let (all, headers) = try await t.adminWithHeaders("/api/app/searchSingUp?appId=\(t.appId)&value=")
            #expect(all.status == .ok, "\(all.text)")
            #expect(all.items.map { $0["handle"]?.stringValue } == ["other@example.com", "wait+one@example.com"])
            #expect(all.items.allSatisfy { $0["status"] == .string("pending") && $0["locale"] == .string("EN") })
            // The paging that once trapped the host on an overflow (found by Schemathesis).
            #expect(try await t.admin("/api/app/searchSingUp?appId=\(t.appId)&offset=72057594037927937&limit=222").status == .badRequest)
            #expect(headers.totalCount == 2)
            #expect(!all.text.contains(code) && !all.text.contains(md5("pw1")), "never a code or password")
            #expect(try await t.admin("/api/app/searchSignup?appId=\(t.appId)&value=").text == all.text)
            // By name too, and searching part of a handle.
            let found = try await t.admin("/api/app/searchSignup?appId=\(escaped(t.app.name))&value=\(escaped("wait+"))")
            #expect(found.items.map { $0["handle"]?.stringValue } == ["wait+one@example.com"])
            #expect(try await t.admin("/api/app/searchSignup?appId=nope&value=").status == .notFound)
            #expect(try await t.admin("/api/app/searchSignup?appId=\(t.appId)&limit=0").status == .badRequest)

            let removed = try await t.admin(
                "/api/app/removeSignup", method: .post,
                json: .object([
                    "appId": .string(t.appId), "handle": .string("WAIT+ONE@example.com"),
                ]))
            #expect(removed.text == "true", "\(removed.text)")
            let complete = try await t.form("/api/appuser/completeSignup", [("handle", "wait+one@example.com"), ("code", code)], appToken: t.token)
            #expect(complete.code == 602, "the right code no longer works: \(complete.text)")
            #expect(try await t.host.storage.store.user(appId: t.app.id, handle: "wait+one@example.com") == nil)
            #expect(
                try await t.admin(
                    "/api/app/removeSignup", method: .post,
                    json: .object([
                        "appId": .string(t.appId), "handle": .string("wait+one@example.com"),
                    ])
                ).status == .notFound)
            #expect(try await t.admin("/api/app/removeSignup", method: .post, json: .object(["appId": .string(t.appId)])).status == .badRequest)
            #expect(try await t.admin("/api/app/searchSignup?appId=\(t.appId)").items.map { $0["handle"]?.stringValue } == ["other@example.com"])

            // The other signup is untouched and completes.
            let otherCode = try await t.code(sentTo: "other@example.com")
            #expect(
                try await t.form("/api/appuser/completeSignup", [("handle", "other@example.com"), ("code", otherCode)], appToken: t.token).status
                    == .ok)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func theOperatorInvitesSeveralPeopleAtOnce(_ db: TestDatabase) async throws {
        try await TestHost.run(db, settings: [("signupFlow", "none")]) { t async throws in
            try await t.signUp("member@example.com")
            let batch: [String: JSONValue] = [
                "appId": .string(t.appId), "handles": .string("Ann@Example.com, member@example.com\nbob+x@example.com"),
                "metaData": .object(["invited": .object(["team": .string("blue")])]),
            ]

            // Invitations off: refused, nothing created.
            let off = try await t.admin("/api/app/invite", method: .post, json: .object(batch))
            #expect(off.status == .badRequest && off["message"]?.contains("invitationEnabled") == true, "\(off.text)")
            #expect(try await t.admin("/api/app/searchInvite?appId=\(t.appId)").items.isEmpty)
            #expect(try await t.mail(to: "ann@example.com").isEmpty)

            _ = try await t.admin("/api/app/update", method: .post, json: .object(["appId": .string(t.appId), "invitationEnabled": .bool(true)]))
            #expect(
                try await t.admin(
                    "/api/app/updateAppInviteMetaData", method: .post,
                    json: .object([
                        "appId": .string(t.appId), "path": .string("invited.team"), "fieldName": .string("team"), "required": .bool(true),
                    ])
                ).status == .ok)

            // One malformed handle: the whole batch is refused.
            var malformed = batch
            malformed["handles"] = .string("ann@example.com,not-an-email,carl@example.com")
            let refused = try await t.admin("/api/app/invite", method: .post, json: .object(malformed))
            #expect(refused.status == .badRequest && refused["message"]?.contains("not-an-email") == true, "\(refused.text)")
            #expect(try await t.admin("/api/app/searchInvite?appId=\(t.appId)").items.isEmpty)
            #expect(try await t.mail(to: "ann@example.com").isEmpty)
            // Metadata that misses a required invite field: refused too.
            var noTeam = batch
            noTeam["metaData"] = .object([:])
            #expect(try await t.admin("/api/app/invite", method: .post, json: .object(noTeam)).status == .badRequest)
            #expect(try await t.admin("/api/app/invite", method: .post, json: .object(["appId": .string(t.appId)])).status == .badRequest)

            let sent = try await t.admin("/api/app/invite", method: .post, json: .object(batch))
            #expect(sent.status == .ok, "\(sent.text)")
            #expect(
                sent.json
                    == .array([
                        .object(["handle": .string("ann@example.com"), "status": .string("sent")]),
                        .object(["handle": .string("member@example.com"), "status": .string("alreadyRegistered")]),
                        .object(["handle": .string("bob+x@example.com"), "status": .string("sent")]),
                    ]))
            #expect(try await t.mail(to: "ann@example.com").map(\.subject) == ["You are invited to Test App"])
            #expect(try await t.mail(to: "bob+x@example.com").count == 1)
            #expect(try await t.mail(to: "member@example.com").allSatisfy { !$0.subject.contains("invited") })
            let outbox = try await t.admin("/api/app/outbox?status=pending")
            let invitations = outbox.items.filter { $0["subject"] == .string("You are invited to Test App") }
            #expect(Set(invitations.compactMap { $0["recipient"]?.stringValue }) == ["ann@example.com", "bob+x@example.com"])

            let (listed, headers) = try await t.adminWithHeaders("/api/app/searchInvite?appId=\(t.appId)&value=")
            #expect(listed.items.map { $0["handle"]?.stringValue } == ["ann@example.com", "bob+x@example.com"])
            #expect(headers.totalCount == 2)
            #expect(
                listed.items.allSatisfy {
                    $0["senderHandle"] == .string("Test App") && $0["status"] == .string("pending")
                        && $0["metaData"] == .object(["invited": .object(["team": .string("blue")])])
                })
            #expect(try await t.admin("/api/app/searchInvite?appId=\(t.appId)&value=\(escaped("bob+"))").items.count == 1)

            // The invitee registers with the emailed code, and gets the invitation's metadata.
            let annCode = try await t.code(sentTo: "ann@example.com")
            #expect(!listed.text.contains(annCode))
            let registered = try await t.form(
                "/api/appuser/register",
                [
                    ("handle", "ann@example.com"), ("password", md5("ann-pw")), ("code", annCode), ("metaData", "{}"),
                ], appToken: t.token)
            #expect(registered.status == .ok, "\(registered.text)")
            let claims = try await verifiedClaims(try #require(registered["jwt"]), publicKeyPEM: t.app.publicKeyPEM)
            #expect(claims["invited"] == .object(["team": .string("blue")]))
            #expect(try await t.admin("/api/app/searchInvite?appId=\(t.appId)").items.map { $0["handle"]?.stringValue } == ["bob+x@example.com"])

            // Sent again: the old code stops working, the new one works.
            let oldCode = try await t.code(sentTo: "bob+x@example.com")
            let resent = try await t.admin(
                "/api/app/resendInvite", method: .post,
                json: .object([
                    "appId": .string(t.appId), "handle": .string("Bob+X@example.com"),
                ]))
            #expect(resent["handle"] == "bob+x@example.com" && resent["status"] == "pending", "\(resent.text)")
            #expect(resent.object["metaData"] == .object(["invited": .object(["team": .string("blue")])]))
            #expect(try await t.mail(to: "bob+x@example.com").count == 2)
            let newCode = try await t.code(sentTo: "bob+x@example.com")
            let bob = [("handle", "bob+x@example.com"), ("password", md5("bob-pw")), ("metaData", "{}")]
            if newCode != oldCode {
                #expect(try await t.form("/api/appuser/register", bob + [("code", oldCode)], appToken: t.token).code == 602)
            }
            #expect(try await t.form("/api/appuser/register", bob + [("code", newCode)], appToken: t.token).status == .ok)
            #expect(
                try await t.admin(
                    "/api/app/resendInvite", method: .post,
                    json: .object([
                        "appId": .string(t.appId), "handle": .string("bob+x@example.com"),
                    ])
                ).status == .notFound)

            // Withdrawn: the code is dead.
            var carl = batch
            carl["handles"] = .string("carl@example.com")
            #expect(try await t.admin("/api/app/invite", method: .post, json: .object(carl)).status == .ok)
            let carlCode = try await t.code(sentTo: "carl@example.com")
            #expect(
                try await t.admin(
                    "/api/app/removeInvite", method: .post,
                    json: .object([
                        "appId": .string(t.appId), "handle": .string("carl@example.com"),
                    ])
                ).text == "true")
            let late = try await t.form(
                "/api/appuser/register",
                [
                    ("handle", "carl@example.com"), ("password", md5("c")), ("code", carlCode), ("metaData", "{}"),
                ], appToken: t.token)
            #expect(late.code == 602, "\(late.text)")
            #expect(
                try await t.admin(
                    "/api/app/removeInvite", method: .post,
                    json: .object([
                        "appId": .string(t.appId), "handle": .string("carl@example.com"),
                    ])
                ).status == .notFound)
            #expect(try await t.admin("/api/app/searchInvite?appId=\(t.appId)").items.isEmpty)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func resetRemovesUsersAndSessionsButKeepsTheApp(_ db: TestDatabase) async throws {
        try await TestHost.run(db, settings: [("signupFlow", "none")]) { t async throws in
            let session = try await t.signUp("kept-out@example.com")
            #expect(try await t.get("/api/appuser/getUser", accessToken: session).status == .ok)
            #expect(
                try await t.admin(
                    "/api/app/update", method: .post,
                    json: .object([
                        "appId": .string(t.appId), "signupFlow": .string("code"), "invitationEnabled": .bool(true), "maxLoginAttempts": .number(4),
                    ])
                ).status == .ok)
            #expect(
                try await t.admin(
                    "/api/app/updateAppMetaData", method: .post,
                    json: .object([
                        "appId": .string(t.appId), "path": .string("profile.nick"),
                    ])
                ).status == .ok)
            #expect(
                try await t.admin(
                    "/api/app/updateEmailTemplate", method: .post,
                    json: .object([
                        "appId": .string(t.appId), "templateName": .string("signUp"), "subject": .string("Kept %CODE%"),
                        "htmlTemplate": .string("<p>%CODE%</p>"),
                    ])
                ).text == "true")
            #expect(
                try await t.form("/api/appuser/signup", [("handle", "waiting@example.com"), ("password", md5("w"))], appToken: t.token).text == "true"
            )
            #expect(
                try await t.admin(
                    "/api/app/invite", method: .post,
                    json: .object([
                        "appId": .string(t.appId), "handles": .string("invited@example.com"),
                    ])
                ).status == .ok)
            let before = try await t.currentSettings()

            let reset = try await t.admin("/api/app/reset", method: .post, json: .object(["appId": .string(t.app.name)]))
            #expect(reset.status == .ok, "\(reset.text)")
            #expect(reset["appId"] == t.appId.lowercased())
            #expect(try await t.admin("/api/app/reset", method: .post, json: .object(["appId": .string("No Such App")])).status == .notFound)

            #expect(try await t.get("/api/appuser/getUser", accessToken: session).code == 405, "a live access token stops working")
            #expect(
                try await t.form("/api/appuser/login", [("handle", "kept-out@example.com"), ("password", md5("pass1234"))], appToken: t.token).code
                    == 600)
            #expect(try await t.admin("/api/app/searchUser?appId=\(t.appId)&value=").items.isEmpty)
            #expect(try await t.admin("/api/app/searchSignup?appId=\(t.appId)").items.isEmpty)
            #expect(try await t.admin("/api/app/searchInvite?appId=\(t.appId)").items.isEmpty)

            // The app keeps its credentials, settings and templates.
            #expect(try await t.currentSettings() == before)
            #expect(before["maxLoginAttempts"] == .number(4) && before["signupFlow"] == .string("code"))
            #expect(try await t.get("/api/appuser/getApplication", appToken: t.token).status == .ok)
            let templates = try await t.admin("/api/app/emailTemplates?appId=\(t.appId)")
            #expect(templates.items.first { $0["templateName"] == .string("signUp") }?["custom"] == .bool(true))
            // The handle is free again, and signing up uses the kept template.
            #expect(
                try await t.form("/api/appuser/signup", [("handle", "kept-out@example.com"), ("password", md5("again"))], appToken: t.token).text
                    == "true")
            #expect(try await t.mail(to: "kept-out@example.com").last?.subject == "Kept")
        }
    }

    /// Every endpoint of this batch refuses a missing, wrong, app-level or revoked secret with 401 and
    /// changes nothing.
    @Test(arguments: TestDatabase.allCases)
    func everyEndpointNeedsAValidServerSecret(_ db: TestDatabase) async throws {
        try await TestHost.run(db, settings: [("invitationEnabled", "true"), ("locales", "EN,FR")]) { t async throws in
            let appId = JSONValue.string(t.appId)
            // Something of everything for the calls to (fail to) change.
            _ = try await t.form("/api/appuser/signup", [("handle", "pending@example.com"), ("password", md5("pw"))], appToken: t.token)
            _ = try await t.admin("/api/app/invite", method: .post, json: .object(["appId": appId, "handles": .string("invited@example.com")]))
            _ = try await t.admin(
                "/api/app/addUser", method: .post,
                json: .object([
                    "appId": appId, "handle": .string("user@example.com"), "password": .string(md5("pw")),
                ]))
            _ = try await t.admin("/api/app/updateAppMetaData", method: .post, json: .object(["appId": appId, "path": .string("a.b")]))
            let revoked = try await t.host.serverSecrets.create(name: "revoked")
            try await t.host.serverSecrets.revoke(name: "revoked")

            func snapshot() async throws -> [String] {
                var texts: [String] = []
                for path in [
                    "/api/app/appId/\(t.appId)", "/api/app/searchSignup?appId=\(t.appId)", "/api/app/searchInvite?appId=\(t.appId)",
                    "/api/app/searchUser?appId=\(t.appId)&value=", "/api/app/emailTemplates?appId=\(t.appId)", "/api/app/secrets",
                    "/api/app/outbox?limit=10000", "/api/app/logs?appId=\(t.appId)&limit=500", "/api/app/logs?limit=500",
                ] {
                    let answer = try await t.admin(path)
                    #expect(answer.status == .ok, "\(path): \(answer.text)")
                    texts.append(answer.text)
                }
                return texts
            }
            let before = try await snapshot()

            let template: JSONValue = .object([
                "appId": appId, "templateName": .string("signUp"), "subject": .string("x %CODE%"), "htmlTemplate": .string("<p>%CODE%</p>"),
            ])
            let calls: [(HTTPRequest.Method, String, JSONValue?)] = [
                (.get, "/api/app/searchSingUp?appId=\(t.appId)", nil),
                (.get, "/api/app/searchSignup?appId=\(t.appId)", nil),
                (.post, "/api/app/removeSignup", .object(["appId": appId, "handle": .string("pending@example.com")])),
                (.get, "/api/app/searchInvite?appId=\(t.appId)", nil),
                (.post, "/api/app/invite", .object(["appId": appId, "handles": .string("intruder@example.com")])),
                (.post, "/api/app/resendInvite", .object(["appId": appId, "handle": .string("invited@example.com")])),
                (.post, "/api/app/removeInvite", .object(["appId": appId, "handle": .string("invited@example.com")])),
                (.post, "/api/app/reset", .object(["appId": appId])),
                (.post, "/api/app/updateAppMetaData", .object(["appId": appId, "path": .string("x.y")])),
                (.post, "/api/app/updateAppInviteMetaData", .object(["appId": appId, "path": .string("x.y")])),
                (.post, "/api/app/deleteMetadata", .object(["appId": appId, "path": .string("a.b")])),
                (.get, "/api/app/emailTemplates?appId=\(t.appId)", nil),
                (.post, "/api/app/updateEmailTemplate", template),
                (.post, "/api/app/addLocale", .object(["appId": appId, "locale": .string("DE")])),
                (.post, "/api/app/removeLocale", .object(["appId": appId, "locale": .string("FR")])),
                (.get, "/api/app/secrets", nil),
                (.post, "/api/app/secrets", .object(["name": .string("intruder")])),
                (.delete, "/api/app/secrets/tests", nil),
                (.get, "/api/app/outbox", nil),
                (.get, "/api/app/logs?appId=\(t.appId)", nil),
                (.get, "/api/app/logs", nil),
            ]
            for (method, path, body) in calls {
                for secret in [nil, "", "ss_wrong", t.token, revoked, t.adminSecret + "x"] as [String?] {
                    var headers = HTTPFields()
                    if let secret { headers[HTTPField.Name("server-secret")!] = secret }
                    if body != nil { headers[.contentType] = "application/json" }
                    let answer = try await t.send(path, method: method, headers: headers, body: body?.jsonText)
                    #expect(answer.status == .unauthorized, "\(method) \(path) with \(secret ?? "no secret"): \(answer.status)")
                    #expect(answer.object == ["status": .string("Fails"), "message": .string("invalid server secret")], "\(method) \(path)")
                }
            }
            #expect(try await snapshot() == before, "nothing changed")
        }
    }
}
