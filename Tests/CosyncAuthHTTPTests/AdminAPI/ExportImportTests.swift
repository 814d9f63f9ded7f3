import CosyncAuthArchive
import CosyncAuthCore
import CosyncAuthCrypto
import CosyncAuthHost
import CosyncHostTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// An export of an app on the original CoSync server (see Tests/Fixtures/cosync-original/README.md).
enum OriginalExport {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/cosync-original")
    static var zip: Data { get throws { try Data(contentsOf: folder.appendingPathComponent("cosync-export.zip")) } }
    static var publicKeyPEM: String { get throws { try String(contentsOf: folder.appendingPathComponent("app-public-key.pem"), encoding: .utf8) } }
    /// The app token compiled into the apps of the original host (the `appToken` column).
    static var appToken: String {
        get throws {
            let csv = try String(contentsOf: folder.appendingPathComponent("app-collection.csv"), encoding: .utf8)
            var reader = CSVReader()
            let records = try reader.feed(Array(csv.utf8)) + reader.finish()
            return try #require(try CSVTable(header: records[0]).row(records[1])["appToken"])
        }
    }
    static let users = [("legacy1@example.com", "legacy-pass-1"), ("legacy2@example.com", "legacy-pass-2")]
}

extension TestHost {
    /// The bytes of an answer, for zips.
    func bytes(
        _ path: String, method: HTTPRequest.Method = .get, body: Data? = nil, secret: String? = nil
    ) async throws -> (HTTPResponse.Status, Data) {
        var headers = HTTPFields()
        headers[HTTPField.Name("server-secret")!] = secret ?? adminSecret
        if body != nil { headers[.contentType] = "application/zip" }
        return try await client.execute(uri: path, method: method, headers: headers, body: body.map { ByteBuffer(bytes: $0) }) { response in
            (response.status, Data(response.body.readableBytesView))
        }
    }

    func importZip(_ zip: Data, name: String? = nil) async throws -> Answer {
        let query = name.map { "?appName=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0)" } ?? ""
        let (status, body) = try await bytes("/api/app/importDatabase\(query)", method: .post, body: zip)
        return Answer(status: status, text: String(decoding: body, as: UTF8.self))
    }

    func login(_ handle: String, _ password: String, appToken: String) async throws -> Answer {
        try await form("/api/appuser/login", [("handle", handle), ("password", md5(password))], appToken: appToken)
    }
}

/// Builds a zip with our own writer, for archives the tests shape by hand.
func makeZip(_ files: [(String, String)]) async throws -> Data {
    let sink = try ZipExportSink()
    for (name, text) in files {
        try await sink.begin(file: name)
        try await sink.append(text)
        try await sink.end()
    }
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("test-\(UUID().uuidString).zip")
    defer { try? FileManager.default.removeItem(at: url) }
    try sink.finish(to: url)
    sink.discard()
    return try Data(contentsOf: url)
}

@Suite("admin API: export and import")
struct ExportImportTests {
    @Test(arguments: TestDatabase.allCases)
    func anOriginalExportImportsAndItsUsersLogInWithTheOldTokenAndPasswords(_ db: TestDatabase) async throws {
        try await TestHost.run(db) { t async throws in
            let imported = try await t.importZip(try OriginalExport.zip, name: "Legacy App")
            #expect(imported.status == .ok, "\(imported.text)")
            let counts = imported.object["imported"]?.objectValue ?? [:]
            #expect(counts["users"] == .number(3) && counts["signups"] == .number(1) && counts["invites"] == .number(1))
            #expect(counts["templates"] == .number(2))
            #expect(counts["keptKeyPair"] == .bool(true) && counts["keptAppToken"] == .bool(true))
            #expect(imported.text.contains("metaData could not be read"), "the original's [object Object] is reported")
            let newToken = try #require(imported["appToken"])
            let oldToken = try OriginalExport.appToken
            #expect(newToken != oldToken)

            for (handle, password) in OriginalExport.users {
                // The token compiled into the apps already shipped, and the new one, both work.
                let first = try await t.login(handle, password, appToken: oldToken)
                #expect(first.status == .ok, "\(first.text)")
                let jwt = try #require(first["jwt"])
                let claims = try await verifiedClaims(jwt, publicKeyPEM: try OriginalExport.publicKeyPEM)
                #expect(claims["sub"] == .string(handle))
                #expect(try await t.login(handle, "wrong-password", appToken: oldToken).code == 600)
                #expect(try await t.login(handle, password, appToken: newToken).status == .ok)
            }
            // The first successful login replaced the bcrypt hash by argon2id.
            let app = try await t.host.apps.findApp("Legacy App")
            for (handle, _) in OriginalExport.users {
                let user = try #require(try await t.host.storage.store.user(appId: app.id, handle: handle))
                #expect(user.passwordHash?.hasPrefix("$argon2id$") == true)
            }
            let anonymous = try await t.host.storage.store.users(
                appId: app.id, matching: .prefix("anon_"), includeAnonymous: true, order: .handle, offset: 0, limit: 10)
            #expect(anonymous.users.first?.handle.hasPrefix("ANON_") == true, "anonymous handles keep their case")
            #expect(try await t.admin("/api/app/searchSignup?appId=\(app.id.uuidString)").json?.arrayCount == 1)
            #expect(try await t.admin("/api/app/searchInvite?appId=\(app.id.uuidString)").json?.arrayCount == 1)

            // The same export again, under another name: the old token now belongs to the first import.
            let again = try await t.importZip(try OriginalExport.zip, name: "Legacy Copy")
            #expect(again.status == .ok)
            #expect(again.object["imported"]?.objectValue?["keptAppToken"] == .bool(false))
            #expect(try await t.importZip(try OriginalExport.zip, name: "Legacy App").status == .conflict)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func ourExportRoundTripsAndUsersKeepTheirPasswords(_ db: TestDatabase) async throws {
        try await TestHost.run(db, settings: [("invitationEnabled", "true"), ("locales", "EN,FR")]) { t async throws in
            let appId = t.app.id.uuidString
            for i in 1...3 {
                let added = try await t.admin(
                    "/api/app/addUser", method: .post,
                    json: .object([
                        "appId": .string(appId), "handle": .string("user\(i)@example.com"), "password": .string(md5("pass-\(i)")),
                        "metaData": .string(#"{"user_data":{"name":"N\#(i), \"quoted\""}}"#),
                    ]))
                #expect(added.status == .ok, "\(added.text)")
            }
            #expect(
                try await t.admin(
                    "/api/app/updateAppMetaData", method: .post,
                    json: .object([
                        "appId": .string(appId), "path": .string("user_data.name"), "required": .string("true"),
                    ])
                ).status == .ok)
            #expect(
                try await t.admin(
                    "/api/app/updateEmailTemplate", method: .post,
                    json: .object([
                        "appId": .string(appId), "templateName": .string("signUp"), "locale": .string("FR"),
                        "subject": .string("Code, \"%CODE%\""), "htmlTemplate": .string("<p>Bonjour\n%HANDLE%</p>"),
                    ])
                ).status == .ok)
            let before = try await t.login("user2@example.com", "pass-2", appToken: t.token)
            #expect(before.status == .ok)

            let (status, zip) = try await t.bytes("/api/app/export?appId=\(appId)&includeSecrets=true")
            #expect(status == .ok)
            let (_, withoutSecrets) = try await t.bytes("/api/app/export?appId=\(appId)")
            #expect(zip.starts(with: [0x50, 0x4B, 0x03, 0x04]), "a zip")
            #expect(try await t.admin("/api/app/\(appId)", method: .delete).status == .ok)

            let imported = try await t.importZip(zip)
            #expect(imported.status == .ok, "\(imported.text)")
            #expect(imported["name"] == "Test App")
            #expect(imported["publicKey"] == t.app.publicKeyPEM, "the key pair came along")
            let counts = imported.object["imported"]?.objectValue ?? [:]
            #expect(counts["users"] == .number(3) && counts["templates"] == .number(1))
            #expect(imported.object["warnings"]?.arrayCount == 0, "\(imported.text)")
            let settings = imported.object["settings"]?.objectValue ?? [:]
            #expect(settings["invitationEnabled"] == .bool(true) && settings["locales"]?.arrayCount == 2)
            #expect(settings["metaData"]?.arrayCount == 1)

            for i in 1...3 {
                let login = try await t.login("user\(i)@example.com", "pass-\(i)", appToken: t.token)
                #expect(login.status == .ok, "the old app token and the old password: \(login.text)")
                let claims = try await verifiedClaims(try #require(login["jwt"]), publicKeyPEM: t.app.publicKeyPEM)
                #expect(claims["user_data"]?.objectValue?["name"] == .string("N\(i), \"quoted\""))
            }
            let copy = try await t.host.apps.findApp("Test App")
            let french = try await t.host.apps.templates(app: copy.name, locale: "FR").first { $0.template.name == .signUp }
            #expect(french?.isCustom == true && french?.template.subject == "Code, \"%CODE%\"" && french?.template.html == "<p>Bonjour\n%HANDLE%</p>")

            // Without secrets the copy gets a new key pair and says so.
            let fresh = try await t.importZip(withoutSecrets, name: "Second Copy")
            #expect(fresh.status == .ok)
            #expect(fresh["publicKey"] != t.app.publicKeyPEM)
            #expect(fresh.text.contains("new key pair"))
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func aBrokenArchiveChangesNothingAndSaysWhere(_ db: TestDatabase) async throws {
        try await TestHost.run(db) { t async throws in
            let appCSV = try String(contentsOf: OriginalExport.folder.appendingPathComponent("app-collection.csv"), encoding: .utf8)
            let users = try String(contentsOf: OriginalExport.folder.appendingPathComponent("user-collection.csv"), encoding: .utf8)
            var lines = users.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            lines[2] = lines[2].replacingOccurrences(of: "legacy2@example.com", with: "not an email")
            let badHandle = try await makeZip([(ArchiveLayout.appFile, appCSV), (ArchiveLayout.userFile, lines.joined(separator: "\n"))])
            let duplicate = try await makeZip([
                (ArchiveLayout.appFile, appCSV), (ArchiveLayout.userFile, users + users.split(separator: "\n")[1] + "\n"),
            ])
            let unterminated = try await makeZip([(ArchiveLayout.appFile, appCSV), (ArchiveLayout.userFile, users + "x@example.com,\"$2b$10\n")])
            let noUsers = try await makeZip([(ArchiveLayout.appFile, appCSV)])
            let original = try OriginalExport.zip
            let truncated = original.prefix(original.count / 2)

            let cases: [(Data, String)] = [
                (badHandle, "user-collection.csv line 3"),
                (duplicate, "user-collection.csv line 5"),
                (unterminated, "user-collection.csv line 5"),
                (noUsers, "user-collection.csv: missing"),
                (Data(truncated), "zip"),
                (Data("not a zip at all".utf8), "not a zip"),
                (Data(), "missing parameter"),
            ]
            for (zip, expected) in cases {
                let answer = try await t.importZip(zip, name: "Broken")
                #expect(answer.status == .badRequest, "\(expected): \(answer.text)")
                #expect(answer["message"]?.contains(expected) == true, "\(expected): \(answer.text)")
            }
            #expect(try await t.host.apps.listApps().map(\.name) == ["Test App"], "nothing was half-imported")
            // A failed import leaves no user rows behind either.
            let stray = try await t.host.storage.store.users(
                appId: t.app.id, matching: .contains("legacy"), includeAnonymous: true, order: .handle, offset: 0, limit: 10)
            #expect(stray.total == 0)
            #expect(try await t.bytes("/api/app/importDatabase", method: .post, body: original, secret: "ss_wrong").0 == .unauthorized)
            #expect(try await t.bytes("/api/app/export?appId=\(t.app.id.uuidString)", secret: "ss_wrong").0 == .unauthorized)
            #expect(try await t.bytes("/api/app/export?appId=nope").0 == .notFound)
        }
    }
}

extension ExportImportTests {
    /// As the original's portal uploads: multipart/form-data with `file` and `appName`.
    @Test(arguments: TestDatabase.allCases)
    func aMultipartUploadImportsLikeTheOriginalPortalSendsIt(_ db: TestDatabase) async throws {
        try await TestHost.run(db) { t async throws in
            let boundary = "----cosync\(UUID().uuidString)"
            var body = Data()
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"appName\"\r\n\r\nPortal Import\r\n".utf8))
            body.append(
                Data(
                    "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"export.zip\"\r\nContent-Type: application/zip\r\n\r\n"
                        .utf8))
            body.append(try OriginalExport.zip)
            body.append(Data("\r\n--\(boundary)--\r\n".utf8))
            var headers = HTTPFields()
            headers[HTTPField.Name("server-secret")!] = t.adminSecret
            headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
            let answer = try await t.client.execute(uri: "/api/app/importDatabase", method: .post, headers: headers, body: ByteBuffer(bytes: body)) {
                TestHost.Answer(status: $0.status, text: String(buffer: $0.body))
            }
            #expect(answer.status == .ok, "\(answer.text)")
            #expect(answer["name"] == "Portal Import")
            #expect(try await t.login("legacy2@example.com", "legacy-pass-2", appToken: try OriginalExport.appToken).status == .ok)

            headers[.contentType] = "multipart/form-data; boundary=other"
            let garbled = try await t.client.execute(
                uri: "/api/app/importDatabase", method: .post, headers: headers, body: ByteBuffer(string: "not multipart")
            ) {
                TestHost.Answer(status: $0.status, text: String(buffer: $0.body))
            }
            #expect(garbled.status == .badRequest)
        }
    }
}

extension ExportImportTests {
    /// An imported bcrypt hash is replaced at the first right password even when a second factor
    /// follows (the password is never seen again by loginComplete).
    @Test(arguments: TestDatabase.allCases)
    func bcryptUsersWithAnAuthenticatorAreRehashedAtTheirFirstLogin(_ db: TestDatabase) async throws {
        try await TestHost.run(db) { t async throws in
            let folder = OriginalExport.folder
            let appCSV = try String(contentsOf: folder.appendingPathComponent("app-collection.csv"), encoding: .utf8)
            let users = try String(contentsOf: folder.appendingPathComponent("user-collection.csv"), encoding: .utf8)
            let bcrypt = String(users.split(separator: "\n")[1].split(separator: ",")[1])
            let secret = Base32.encode(TOTP.newSecret())
            let zip = try await makeZip([
                (ArchiveLayout.appFile, appCSV),
                (
                    ArchiveLayout.userFile,
                    "handle,password,status,twoFactorGoogleVerification,googleSecretKey\nlegacy1@example.com,\(bcrypt),active,true,\(secret)\n"
                ),
            ])
            let imported = try await t.importZip(zip, name: "Legacy 2FA")
            #expect(imported.status == .ok, "\(imported.text)")
            _ = try await t.host.apps.setSetting(app: "Legacy 2FA", name: "twoFactorVerification", value: "google")
            let login = try await t.login("legacy1@example.com", "legacy-pass-1", appToken: try #require(imported["appToken"]))
            #expect(login["login-token"] != nil, "\(login.text)")
            let app = try await t.host.apps.findApp("Legacy 2FA")
            let user = try #require(try await t.host.storage.store.user(appId: app.id, handle: "legacy1@example.com"))
            #expect(user.passwordHash?.hasPrefix("$argon2id$") == true)
            #expect(user.lastLogin == nil, "not logged in until the second factor")
        }
    }
}

@Suite("portability formats")
struct PortabilityFormatTests {
    @Test func bcryptHashesFromTheOriginalVerify() throws {
        let csv = try String(contentsOf: OriginalExport.folder.appendingPathComponent("user-collection.csv"), encoding: .utf8)
        let hash = csv.split(separator: "\n")[1].split(separator: ",")[1]
        #expect(Bcrypt.verify(md5("legacy-pass-1"), hash: String(hash)))
        #expect(!Bcrypt.verify(md5("legacy-pass-2"), hash: String(hash)))
        #expect(!Bcrypt.verify(md5("legacy-pass-1"), hash: "$2b$10$short"))
        #expect(!Bcrypt.verify(md5("legacy-pass-1"), hash: String(hash.dropLast()) + "x"))
    }

    @Test func datesReadInBothServersFormats() throws {
        let javascript = try #require(ArchiveLayout.parseDate("Tue Mar 05 2024 09:12:44 GMT+0100 (Central European Standard Time)"))
        #expect(javascript == Date(timeIntervalSince1970: 1_709_626_364))
        #expect(ArchiveLayout.parseDate("2024-03-05T08:12:44.000Z") == javascript)
        #expect(ArchiveLayout.parseDate("2024-03-05T08:12:44Z") == javascript)
        #expect(ArchiveLayout.parseDate("yesterday") == nil)
    }
}
