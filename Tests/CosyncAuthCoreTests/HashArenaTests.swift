import CHashArena
import CSodium
import CosyncAuthCrypto
import Glibc
import NIOPosix
import Testing

@Suite("argon2id's arenas")
struct HashArenaTests {
    static let megabyte = 1 << 20

    /// An anonymous mapping of `size` bytes, as libsodium asks for argon2id's memory.
    static func mapAnonymous(_ size: Int) -> UnsafeMutableRawPointer? {
        let address = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_ANONYMOUS | MAP_PRIVATE, -1, 0)
        return address == MAP_FAILED ? nil : address
    }

    @Test func aLoanServesOneMappingAndComesBackZeroed() throws {
        let capacity = 4 * Self.megabyte
        let arena = try #require(cosync_hash_arena_create(capacity))
        defer { munmap(arena, capacity) }

        // Outside a loan, mappings are the kernel's.
        let before = try #require(Self.mapAnonymous(Self.megabyte))
        #expect(before != arena)
        munmap(before, Self.megabyte)

        cosync_hash_arena_lend(arena, capacity)
        let lent = try #require(Self.mapAnonymous(3 * Self.megabyte))
        #expect(lent == arena)
        // A second mapping during the loan, and one larger than the arena, go to the kernel.
        let second = try #require(Self.mapAnonymous(Self.megabyte))
        #expect(second != arena)
        munmap(second, Self.megabyte)
        memset(lent, 0x5A, 3 * Self.megabyte)
        #expect(munmap(lent, 3 * Self.megabyte) == 0)
        #expect(cosync_hash_arena_end_loan() == 1)
        // Given back zeroed, and still mapped: the next loan reuses it.
        let bytes = UnsafeRawBufferPointer(start: arena, count: capacity)
        #expect(bytes.allSatisfy { $0 == 0 })

        cosync_hash_arena_lend(arena, capacity)
        let tooLarge = try #require(Self.mapAnonymous(capacity + Self.megabyte))
        #expect(tooLarge != arena)
        munmap(tooLarge, capacity + Self.megabyte)
        #expect(cosync_hash_arena_end_loan() == 0, "nothing took the arena")
    }

    @Test func aLoanNotGivenBackIsZeroedWhenItEnds() throws {
        let capacity = Self.megabyte
        let arena = try #require(cosync_hash_arena_create(capacity))
        defer { munmap(arena, capacity) }
        cosync_hash_arena_lend(arena, capacity)
        let lent = try #require(Self.mapAnonymous(capacity))
        memset(lent, 0x33, capacity)
        #expect(cosync_hash_arena_end_loan() == 1)
        #expect(UnsafeRawBufferPointer(start: arena, count: capacity).allSatisfy { $0 == 0 })
    }

    /// A hasher on a pool of its own, at a smaller cost than the host's (quick on a busy machine; the
    /// arenas work the same for any size).
    static func withHasher(
        threads: Int, arenaIdleRelease: Duration, _ body: (Argon2PasswordHasher) async throws -> Void
    ) async throws {
        let pool = NIOThreadPool(numberOfThreads: threads)
        pool.start()
        defer { pool.shutdownGracefully { _ in } }
        let cost = Argon2PasswordHasher.Cost(memoryKiB: 8 * 1024, iterations: 1)
        try await body(try Argon2PasswordHasher(cost: cost, pool: pool, arenaIdleRelease: arenaIdleRelease))
    }

    /// Many hashes and verifies at once in the arenas, against libsodium's own verify: every answer
    /// right, and no arena shared by two hashes (a shared one would garble both). The arenas are never
    /// idle long enough to be given back while the test looks at them.
    @Test func hashesAtOnceInArenasAgreeWithLibsodium() async throws {
        try await Self.withHasher(threads: 4, arenaIdleRelease: .seconds(3_600)) { hasher in
            let results = try await withThrowingTaskGroup(of: (String, String, Bool, Bool).self) { group in
                for index in 0..<16 {
                    group.addTask {
                        let password = "password-\(index)"
                        let hash = try await hasher.hash(password)
                        async let right = hasher.verify(password, against: hash)
                        async let wrong = hasher.verify(password + "x", against: hash)
                        return (password, hash, try await right, try await wrong)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(results.count == 16)
            for (password, hash, right, wrong) in results {
                #expect(right && !wrong)
                let bySodium = password.withCString { pw in
                    hash.withCString { crypto_pwhash_str_verify($0, pw, UInt64(password.utf8.count)) == 0 }
                }
                #expect(bySodium, "libsodium's own verify accepts the arena's hash")
            }
            #expect(Set(results.map(\.1)).count == 16)
            #expect(hasher.residentArenas > 0)
        }
    }

    @Test func anIdleHasherGivesItsArenasBack() async throws {
        try await Self.withHasher(threads: 2, arenaIdleRelease: .milliseconds(200)) { hasher in
            let hash = try await hasher.hash("secret")
            for _ in 0..<300 where hasher.residentArenas > 0 { try await Task.sleep(for: .milliseconds(100)) }
            #expect(hasher.residentArenas == 0)
            // A released arena serves the next hash as well.
            #expect(try await hasher.verify("secret", against: hash))
            #expect(try await !hasher.verify("secrets", against: hash))
        }
    }
}
