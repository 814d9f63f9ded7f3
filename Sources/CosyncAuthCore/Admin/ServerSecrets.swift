public import Foundation

/// The host's administration credentials. A secret is shown once, stored as a digest, and checked by
/// comparing digests in constant time against every stored one.
public struct ServerSecrets: Sendable {
    public let store: any AuthStore
    public let now: @Sendable () -> Date

    public static let defaultName = "default"

    public init(store: any AuthStore, now: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.now = now
    }

    /// Creates a secret named `name`, replacing one of that name when `replacing` is set. Answers the
    /// secret in clear, or nil when one exists and nothing was asked to change.
    public func create(name: String, replacing: Bool) async throws -> String? {
        let secret = RandomToken.make(prefix: "ss_")
        let record = ServerSecret(name: name, digest: RandomToken.digest(secret), createdAt: now())
        let created: Bool = try await store.transaction { store in
            let exists = try await store.serverSecrets().contains { $0.name == name }
            if exists {
                guard replacing else { return false }
                try await store.deleteServerSecret(name: name)
            }
            try await store.insert(record)
            return true
        }
        return created ? secret : nil
    }

    /// The name of the secret that matches, or nil.
    public func verify(_ candidate: String) async throws -> String? {
        let digest = RandomToken.digest(candidate)
        var match: String?
        for secret in try await store.serverSecrets() where RandomToken.constantTimeEquals(secret.digest, digest) {
            match = secret.name
        }
        return match
    }
}
