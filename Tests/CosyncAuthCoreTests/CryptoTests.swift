import CosyncAuthCore
import CosyncAuthCrypto
import Foundation
import NIOPosix
import Testing

@Suite("libsodium adapters")
struct CryptoTests {
    @Test func argon2idWithOWASPCostVerifiesAndRefuses() async throws {
        let pool = NIOThreadPool(numberOfThreads: 1)
        pool.start()
        defer { pool.shutdownGracefully { _ in } }
        let hasher = try Argon2PasswordHasher(cost: .owasp, pool: pool)
        let hash = try await hasher.hash("5f4dcc3b5aa765d61d8327deb882cf99")
        #expect(hash.hasPrefix("$argon2id$v=19$m=19456,t=2,p=1$"))
        #expect(try await hasher.verify("5f4dcc3b5aa765d61d8327deb882cf99", against: hash))
        #expect(try await !hasher.verify("5f4dcc3b5aa765d61d8327deb882cf98", against: hash))
        #expect(try await !hasher.verify("anything", against: "not a hash"))
        #expect(!hasher.needsRehash(hash))
        #expect(try await hasher.hash("x") != hasher.hash("x"), "hashes are salted")
        #expect(hasher.decoyHash.hasPrefix("$argon2id$"))

        let weaker = try Argon2PasswordHasher(cost: .init(memoryKiB: 64, iterations: 1), pool: pool)
        #expect(hasher.needsRehash(try await weaker.hash("x")))
        #expect(throws: Argon2Error.self) { try Argon2PasswordHasher(cost: .init(memoryKiB: 1, iterations: 1), pool: pool) }
    }

    @Test func sealedSecretsOpenOnlyWithTheirKey() throws {
        let sealer = SodiumSecretSealer(masterKey: .generate())
        let sealed = try sealer.seal("-----BEGIN RSA PRIVATE KEY-----")
        #expect(sealed.hasPrefix("v1."))
        #expect(!sealed.contains("PRIVATE"))
        #expect(try sealer.open(sealed) == "-----BEGIN RSA PRIVATE KEY-----")
        #expect(try sealer.seal("same") != sealer.seal("same"), "nonces are random")
        #expect(throws: SealError.self) { try SodiumSecretSealer(masterKey: .generate()).open(sealed) }
        var tampered = Array(sealed)
        tampered[10] = tampered[10] == "A" ? "B" : "A"
        #expect(throws: SealError.self) { try sealer.open(String(tampered)) }
        #expect(throws: SealError.self) { try sealer.open("garbage") }
    }

    @Test func masterKeysAreBase64Of32Bytes() {
        let key = MasterKey.generate()
        #expect(MasterKey(base64: key.base64 + "\n") != nil)
        #expect(MasterKey(base64: "c2hvcnQ=") == nil)
        #expect(MasterKey(base64: "not base64!") == nil)
    }

    @Test func appKeyPairsAre2048BitRSA() async throws {
        let pool = NIOThreadPool(numberOfThreads: 1)
        pool.start()
        defer { pool.shutdownGracefully { _ in } }
        let pair = try await RSAKeyPairGenerator(pool: pool).makeKeyPair()
        #expect(pair.privateKeyPEM.contains("PRIVATE KEY"))
        #expect(pair.publicKeyPEM.hasPrefix("-----BEGIN PUBLIC KEY-----"))
        // A 2048-bit SubjectPublicKeyInfo is 294 bytes of DER: 392 base64 characters.
        let base64 = pair.publicKeyPEM.split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
        #expect(Data(base64Encoded: base64)?.count == 294)
    }

    @Test func randomTokensAndCodes() {
        let token = RandomToken.make(prefix: "at_")
        #expect(token.hasPrefix("at_") && token.count == 3 + 43)
        #expect(RandomToken.make() != RandomToken.make())
        let code = RandomToken.digits(6)
        #expect(code.count == 6 && code.allSatisfy(\.isNumber))
        #expect(RandomToken.digest("x").count == 64)
        #expect(RandomToken.constantTimeEquals("abc", "abc"))
        #expect(!RandomToken.constantTimeEquals("abc", "abd"))
        #expect(!RandomToken.constantTimeEquals("abc", "abcd"))
    }
}
