import CosyncAuthCore
import CosyncAuthHost
import CosyncAuthIdentity
import CosyncHostTestSupport
import Foundation
import HTTPTypes
import Testing

/// Sign in with Apple and Google against a stand-in provider that publishes its keys and signs ID tokens.
@Suite("user API: Sign in with Apple and Google")
struct SocialSignInTests {
    static let settings: [(String, String)] = [
        ("signupFlow", "none"), ("appleLoginEnabled", "true"), ("appleBundleId", "com.other.app, \(ProviderStandIn.bundleId)"),
        ("googleLoginEnabled", "true"), ("googleClientId", ProviderStandIn.clientId),
    ]

    /// A host whose providers are the stand-in's.
    static func run(
        _ db: TestDatabase, refetchSeconds: Double = 30, settings: [(String, String)] = settings,
        _ test: @escaping @Sendable (TestHost, ProviderStandIn) async throws -> Void
    ) async throws {
        try await ProviderStandIn.run { provider in
            try await TestHost.run(
                db, settings: settings,
                options: {
                    $0.identityProviders = .init(appleKeysURL: provider.appleKeysURL, googleKeysURL: provider.googleKeysURL)
                    $0.providerKeyRefetchSeconds = refetchSeconds
                }
            ) { t in try await test(t, provider) }
        }
    }

    func socialSignup(
        _ t: TestHost, _ provider: SocialProvider, token: String, handle: String, metaData: String? = nil
    ) async throws -> TestHost.Answer {
        var params = [("token", token), ("provider", provider.rawValue), ("handle", handle)]
        if let metaData { params.append(("metaData", metaData)) }
        return try await t.form("/api/appuser/socialSignup", params, appToken: t.token)
    }

    func socialLogin(_ t: TestHost, _ provider: SocialProvider, token: String) async throws -> TestHost.Answer {
        try await t.form("/api/appuser/socialLogin", [("token", token), ("provider", provider.rawValue)], appToken: t.token)
    }

    @Test(arguments: TestDatabase.allCases)
    func signUpThenLogInWithEachProvider(_ db: TestDatabase) async throws {
        try await Self.run(db) { t, p in
            for provider in SocialProvider.allCases {
                let email = "\(provider.rawValue).user@example.com"
                let created = try await socialSignup(t, provider, token: try await p.token(provider, email: email), handle: email)
                #expect(created.status == .ok, "\(created.text)")
                let jwt = try #require(created["jwt"])
                let claims = try await verifiedClaims(jwt, publicKeyPEM: t.app.publicKeyPEM)
                #expect(claims["sub"]?.stringValue == email)
                let access = try #require(created["access-token"])
                let user = try await t.get("/api/appuser/getUser", accessToken: access)
                #expect(user["loginProvider"] == provider.rawValue)
                #expect(try await t.mail(to: email).count == 1, "a welcome email")

                let again = try await socialLogin(t, provider, token: try await p.token(provider, email: email))
                #expect(again.status == .ok && again["jwt"] != nil && again["access-token"] != nil, "\(again.text)")

                // No password: each password call says so.
                let password = try await t.form("/api/appuser/login", [("handle", email), ("password", md5("anything1A!"))], appToken: t.token)
                #expect(password.code == 600)
                let change = try await t.form(
                    "/api/appuser/changePassword", [("password", md5("x")), ("newPassword", md5("y"))], accessToken: access)
                #expect(change.code == 602 && change["message"]?.contains(provider == .apple ? "Apple" : "Google") == true, "\(change.text)")
                let forgot = try await t.form("/api/appuser/forgotPassword", [("handle", email)], appToken: t.token)
                #expect(forgot.code == 602, "\(forgot.text)")
                #expect(try await t.mail(to: email).count == 1, "no reset code went out")
            }
        }
    }

    /// Every kind of forged or misdirected token is refused with 613, creates no one, logs no one in.
    @Test(arguments: TestDatabase.allCases)
    func forgedTokensAreRefused(_ db: TestDatabase) async throws {
        try await Self.run(db) { t, p in
            for provider in SocialProvider.allCases {
                let email = "victim.\(provider.rawValue)@example.com"
                let good = p.claims(provider, email: email)
                var expired = good
                expired.exp = Int(Date().timeIntervalSince1970) - 3_600
                expired.iat = expired.exp - 600
                var otherAudience = good
                otherAudience.aud = "com.attacker.app"
                var otherIssuer = good
                otherIssuer.iss = "https://evil.example.com"
                var issuedLater = good
                issuedLater.iat = Int(Date().timeIntervalSince1970) + 3_600
                var unverifiedEmail = good
                unverifiedEmail.emailVerified = "false"
                let unpublished = try await ProviderStandIn.newKey()
                let signed = try await p.token(provider, good)
                let tampered: String = {
                    var parts = signed.split(separator: ".").map(String.init)
                    var other = good
                    other.sub = "someone-else"
                    parts[1] = (try! JSONEncoder().encode(other)).base64URLEncodedString()
                    return parts.joined(separator: ".")
                }()
                let otherProvider = try await p.token(provider == .apple ? .google : .apple, email: email)
                let forged: [(String, String)] = [
                    ("expired", try await p.token(provider, expired)),
                    ("wrong audience", try await p.token(provider, otherAudience)),
                    ("wrong issuer", try await p.token(provider, otherIssuer)),
                    ("issued in the future", try await p.token(provider, issuedLater)),
                    ("unknown kid", try await p.token(provider, good, key: unpublished)),
                    ("alg none", try p.unsignedToken(provider, good)),
                    ("HS256 with the public key", try p.hmacWithPublicKeyToken(provider, good)),
                    ("tampered payload", tampered),
                    ("the other provider's token", otherProvider),
                    ("not a JWT", "not-a-token"),
                ]
                for (kind, token) in forged {
                    let signup = try await socialSignup(t, provider, token: token, handle: email)
                    #expect(signup.code == 613, "\(provider) \(kind): \(signup.text)")
                }
                let unverified = try await socialSignup(t, provider, token: try await p.token(provider, unverifiedEmail), handle: email)
                #expect(unverified.code == 613, "an email the provider does not vouch for cannot be a handle")
                #expect(try await t.host.storage.store.user(appId: t.app.id, handle: email) == nil)
                // The real token still works afterwards, and a forged one cannot log in as that user.
                #expect(try await socialSignup(t, provider, token: signed, handle: email).status == .ok)
                for (kind, token) in forged where kind != "the other provider's token" && kind != "not a JWT" {
                    #expect(try await socialLogin(t, provider, token: token).code == 613, "\(provider) \(kind)")
                }
            }
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func providersOffOrUnconfiguredAndConflicts(_ db: TestDatabase) async throws {
        try await Self.run(
            db,
            settings: [
                ("signupFlow", "none"), ("appleLoginEnabled", "true"), ("googleLoginEnabled", "false"),
                ("googleClientId", ProviderStandIn.clientId),
            ]
        ) { t, p in
            let email = "someone@example.com"
            #expect(try await socialLogin(t, .apple, token: try await p.token(.apple, email: email)).code == 415, "no bundle id set")
            #expect(try await socialLogin(t, .google, token: try await p.token(.google, email: email)).code == 416, "google off")
            let unknown = try await t.form("/api/appuser/socialLogin", [("token", "x"), ("provider", "facebook")], appToken: t.token)
            #expect(unknown.code == 602)
            #expect(try await t.form("/api/appuser/socialLogin", [("provider", "apple")], appToken: t.token).code == 403)

            _ = try await t.host.apps.setSetting(app: t.app.name, name: "appleBundleId", value: ProviderStandIn.bundleId)
            _ = try await t.host.apps.setSetting(app: t.app.name, name: "googleLoginEnabled", value: "true")
            #expect(try await socialLogin(t, .apple, token: try await p.token(.apple, email: email)).code == 603, "no such user")

            // A password user's address: 610 for either provider, login or signup.
            try await t.signUp("password.user@example.com")
            #expect(
                try await socialSignup(
                    t, .apple, token: try await p.token(.apple, email: "password.user@example.com"), handle: "password.user@example.com"
                ).code == 610)
            #expect(try await socialLogin(t, .google, token: try await p.token(.google, email: "password.user@example.com")).code == 610)
            // An Apple user's address, tried with Google: 611; a Google user's with Apple: 612.
            #expect(
                try await socialSignup(t, .apple, token: try await p.token(.apple, email: "a@example.com"), handle: "a@example.com").status == .ok)
            #expect(
                try await socialSignup(t, .google, token: try await p.token(.google, email: "a@example.com"), handle: "a@example.com").code == 611)
            #expect(try await socialLogin(t, .google, token: try await p.token(.google, email: "a@example.com")).code == 611)
            #expect(
                try await socialSignup(t, .google, token: try await p.token(.google, email: "g@example.com"), handle: "g@example.com").status == .ok)
            #expect(try await socialLogin(t, .apple, token: try await p.token(.apple, email: "g@example.com")).code == 612)
            // The same Apple account again, even under another address: 611.
            let sameSubject = p.claims(.apple, email: "new.address@example.com", subject: "apple-sub-a@example.com")
            #expect(try await socialSignup(t, .apple, token: try await p.token(.apple, sameSubject), handle: "new.address@example.com").code == 611)
            // A handle that is not the token's address: 613. A `+` the Swift client sent unescaped is a space here.
            #expect(try await socialSignup(t, .apple, token: try await p.token(.apple, email: "b@example.com"), handle: "c@example.com").code == 613)
            let plus = try await socialSignup(t, .apple, token: try await p.token(.apple, email: "d+tag@example.com"), handle: "d tag@example.com")
            #expect(plus.status == .ok, "\(plus.text)")
            #expect(try await t.host.storage.store.user(appId: t.app.id, handle: "d+tag@example.com")?.loginProvider == .apple)
            // The user signs in by subject even after the provider's address for them changed.
            let moved = p.claims(.apple, email: "elsewhere@example.com", subject: "apple-sub-a@example.com")
            #expect(try await socialLogin(t, .apple, token: try await p.token(.apple, moved)).status == .ok)
            // Suspended users get no token.
            let suspended = try #require(try await t.host.storage.store.user(appId: t.app.id, handle: "g@example.com"))
            _ = try await t.host.users.setStatus(app: t.app.name, user: suspended.handle, status: .suspended)
            #expect(try await socialLogin(t, .google, token: try await p.token(.google, email: "g@example.com")).code == 404)
            // Required metadata is required here too.
            _ = try await t.host.apps.setSetting(
                app: t.app.name, name: "metaData", value: #"[{"path":"user_data.name","fieldName":"name","required":true}]"#)
            #expect(
                try await socialSignup(t, .google, token: try await p.token(.google, email: "m@example.com"), handle: "m@example.com").code == 604)
            #expect(
                try await socialSignup(
                    t, .google, token: try await p.token(.google, email: "m@example.com"), handle: "m@example.com",
                    metaData: #"{"user_data":{"name":"M"}}"#
                ).status == .ok)
            // Signup off: 407.
            _ = try await t.host.apps.setSetting(app: t.app.name, name: "signupEnabled", value: "false")
            #expect(
                try await socialSignup(t, .google, token: try await p.token(.google, email: "n@example.com"), handle: "n@example.com").code == 407)
        }
    }

    /// Many signups of one account at once make one user; the rest are told it exists.
    @Test(arguments: TestDatabase.allCases)
    func parallelSignupsOfOneAccountMakeOneUser(_ db: TestDatabase) async throws {
        try await Self.run(db) { t, p in
            let token = try await p.token(.google, email: "race@example.com")
            let codes = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<16 {
                    group.addTask {
                        let answer = try await t.formRetryingWhenBusy(
                            "/api/appuser/socialSignup", [("token", token), ("provider", "google"), ("handle", "race@example.com")], appToken: t.token
                        )
                        return answer.status == .ok ? 0 : (answer.code ?? -1)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(codes.filter { $0 == 0 }.count == 1, "\(codes)")
            #expect(codes.filter { $0 == 612 }.count == 15, "\(codes)")
            #expect(p.fetches(.google) == 1, "one key fetch served every request")
        }
    }

    /// The key set is fetched once and kept; a key the host has not seen makes it look again (at most once
    /// per interval); with the provider down, the keys it has keep working, and without any the answer is 503.
    @Test func providerKeysAreCachedAndRefreshed() async throws {
        try await Self.run(.sqlite, refetchSeconds: 0) { t, p in
            for n in 0..<5 {
                let email = "cache\(n)@example.com"
                #expect(try await socialSignup(t, .apple, token: try await p.token(.apple, email: email), handle: email).status == .ok)
            }
            #expect(p.fetches(.apple) == 1, "one fetch for five signups")
            // The provider rotates: a token signed with the new key makes the host fetch again.
            try await p.rotate(.apple)
            #expect(try await socialLogin(t, .apple, token: try await p.token(.apple, email: "cache0@example.com")).status == .ok)
            #expect(p.fetches(.apple) == 2)
            // Down: the keys the host holds still serve.
            p.setDown(true)
            #expect(try await socialLogin(t, .apple, token: try await p.token(.apple, email: "cache1@example.com")).status == .ok)
            // Google's keys were never fetched: without them, 503 with Retry-After, not 613.
            let cold = try await socialLogin(t, .google, token: try await p.token(.google, email: "x@example.com"))
            #expect(cold.status == .serviceUnavailable && cold.code == 503, "\(cold.text)")
        }
        // With the default interval, tokens naming made-up keys cannot make the host fetch per request.
        try await Self.run(.sqlite) { t, p in
            #expect(
                try await socialSignup(t, .apple, token: try await p.token(.apple, email: "k@example.com"), handle: "k@example.com").status == .ok)
            for _ in 0..<10 {
                let stranger = try await ProviderStandIn.newKey()
                #expect(
                    try await socialLogin(t, .apple, token: try await p.token(.apple, p.claims(.apple, email: "k@example.com"), key: stranger)).code
                        == 613)
            }
            #expect(p.fetches(.apple) <= 2, "\(p.fetches(.apple)) fetches")
            // A provider down before any key was had: 503 at once, and one attempt per interval, not one
            // per login.
            p.setDown(true)
            for _ in 0..<3 {
                let cold = try await socialLogin(t, .google, token: try await p.token(.google, email: "k@example.com"))
                #expect(cold.status == .serviceUnavailable, "\(cold.text)")
            }
            #expect(p.fetches(.google) == 1)
        }
    }

    /// A user imported without the provider's subject is linked by email at the first login; logins at
    /// once link it once and all get in.
    @Test(arguments: TestDatabase.allCases)
    func parallelFirstLoginsOfAnImportedUserLinkItOnce(_ db: TestDatabase) async throws {
        try await Self.run(db) { t, p in
            let now = Date()
            try await t.host.storage.store.insert(
                User(appId: t.app.id, handle: "imported@example.com", passwordHash: nil, loginProvider: .apple, createdAt: now, updatedAt: now))
            let token = try await p.token(.apple, email: "imported@example.com")
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        try await t.formRetryingWhenBusy(
                            "/api/appuser/socialLogin", [("token", token), ("provider", "apple")], appToken: t.token
                        ).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == .ok }, "\(statuses)")
            let user = try #require(try await t.host.storage.store.user(appId: t.app.id, handle: "imported@example.com"))
            #expect(user.socialUserId == "apple-sub-imported@example.com")
            // Another Apple account with that address cannot take the linked user.
            let other = p.claims(.apple, email: "imported@example.com", subject: "someone-else")
            #expect(try await socialLogin(t, .apple, token: try await p.token(.apple, other)).code == 613)
        }
    }

    /// deleteAccount with `token`: the caller's own provider account, nobody else's.
    @Test(arguments: TestDatabase.allCases)
    func aSocialUserDeletesTheAccountWithAFreshToken(_ db: TestDatabase) async throws {
        try await Self.run(db) { t, p in
            let mine = try await socialSignup(t, .apple, token: try await p.token(.apple, email: "me@example.com"), handle: "me@example.com")
            let theirs = try await socialSignup(t, .apple, token: try await p.token(.apple, email: "them@example.com"), handle: "them@example.com")
            let access = try #require(mine["access-token"])
            // Another user's valid token does not delete me (nor them).
            let wrong = try await t.form(
                "/api/appuser/deleteAccount", [("token", try await p.token(.apple, email: "them@example.com"))], accessToken: access)
            #expect(wrong.code == 613)
            let forged = try await t.form(
                "/api/appuser/deleteAccount", [("token", try p.unsignedToken(.apple, p.claims(.apple, email: "me@example.com")))], accessToken: access
            )
            #expect(forged.code == 613)
            #expect(try await t.host.storage.store.user(appId: t.app.id, handle: "them@example.com") != nil)
            let deleted = try await t.form(
                "/api/appuser/deleteAccount", [("token", try await p.token(.apple, email: "me@example.com"))], accessToken: access)
            #expect(deleted.text == "true", "\(deleted.text)")
            #expect(try await t.host.storage.store.user(appId: t.app.id, handle: "me@example.com") == nil)
            #expect(theirs.status == .ok)
            // A password user has no provider token to give.
            let password = try await t.signUp("pw@example.com")
            let refused = try await t.form(
                "/api/appuser/deleteAccount", [("token", try await p.token(.apple, email: "pw@example.com"))], accessToken: password)
            #expect(refused.code == 602)
        }
    }

    /// A user of Apple travels in an export with the provider's subject, and signs in on the copy by it.
    @Test(arguments: TestDatabase.allCases)
    func socialUsersTravelWithTheirSubject(_ db: TestDatabase) async throws {
        try await Self.run(db) { t, p in
            #expect(
                try await socialSignup(t, .apple, token: try await p.token(.apple, email: "trip@example.com"), handle: "trip@example.com").status
                    == .ok)
            let appId = t.app.id.uuidString
            let (status, zip) = try await t.bytes("/api/app/export?appId=\(appId)")
            #expect(status == .ok)
            #expect(try await t.admin("/api/app/\(appId)", method: .delete).status == .ok)
            let imported = try await t.importZip(zip)
            #expect(imported.status == .ok, "\(imported.text)")
            let copy = try await t.host.apps.findApp("Test App")
            let user = try #require(try await t.host.storage.store.user(appId: copy.id, handle: "trip@example.com"))
            #expect(user.loginProvider == .apple && user.socialUserId == "apple-sub-trip@example.com")
            // Known by subject, even with another address in the token now.
            let moved = p.claims(.apple, email: "moved@example.com", subject: "apple-sub-trip@example.com")
            let login = try await t.form(
                "/api/appuser/socialLogin", [("token", try await p.token(.apple, moved)), ("provider", "apple")], appToken: copy.appToken)
            #expect(login.status == .ok, "\(login.text)")
        }
    }
}
