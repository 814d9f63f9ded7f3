@testable import CosyncAuthCLI
import CosyncAuthCore
import CosyncAuthCrypto
import CosyncAuthStorage
import Foundation
import Logging
import Testing

@Suite("storage")
struct StorageTests {
    let logger = Logger(label: "test")

    @Test(arguments: TestDatabase.allCases)
    func instancesStartingTogetherMigrateOnce(_ db: TestDatabase) async throws {
        let url = try db.makeURL()
        let storages = try await withThrowingTaskGroup(of: Storage.self) { group in
            for _ in 0..<(db == .postgres ? 4 : 1) {
                group.addTask { try await Storage.open(url, logger: logger) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        for storage in storages {
            #expect(await storage.isReachable())
            await storage.shutdown()
        }
        let reopened = try await Storage.open(url, logger: logger)
        #expect(try await reopened.store.apps().isEmpty)
        await reopened.shutdown()
    }

    @Test(arguments: TestDatabase.allCases)
    func anotherMasterKeyIsRefused(_ db: TestDatabase) async throws {
        let url = try db.makeURL()
        let storage = try await Storage.open(url, logger: logger)
        let key = SodiumSecretSealer(masterKey: .generate())
        try await storage.checkMasterKey(key)
        try await storage.checkMasterKey(key)
        await #expect(throws: SealError.self) { try await storage.checkMasterKey(SodiumSecretSealer(masterKey: .generate())) }
        await storage.shutdown()
    }

    @Test func databaseURLs() throws {
        #expect(try DatabaseURL("sqlite:data/a.sqlite").location == "data/a.sqlite")
        let pg = try DatabaseURL("postgres://u:secret@db:5433/app?schema=auth_1&sslmode=require")
        #expect(pg.engine == .postgres && pg.schema == "auth_1")
        #expect(pg.location == "postgres://u:secret@db:5433/app?sslmode=require")
        #expect(!pg.description.contains("secret"))
        #expect(try DatabaseURL("postgresql://u@db/app").schema == "cosync_auth")
        for bad in ["mysql://x", "sqlite:", "postgres://db/app", "postgres://u@db/app?schema=Bad-Name", ""] {
            #expect(throws: DatabaseURL.Invalid.self, "\(bad)") { try DatabaseURL(bad) }
        }
    }
}
