public import Foundation

/// The host's administration credentials. A secret is shown once, stored as a digest, and checked by
/// comparing digests in constant time against every stored one.
public struct ServerSecrets: Sendable {
    public let store: any AuthStore
    public let now: @Sendable () -> Date

    public static let defaultName = "default"

    var audit: AuditTrail { AuditTrail(log: store, now: now) }

    public init(store: any AuthStore, now: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.now = now
    }

    /// Creates a secret named `name`, replacing one of that name when `replacing` is set. Answers the
    /// secret in clear, or nil when one exists and nothing was asked to change.
    public func create(name: String, replacing: Bool) async throws -> String? {
        guard name.count <= 64, !name.isEmpty,
            name.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-" || $0 == "_") })
        else { throw AdminFailure.invalidSecretName(name) }
        let secret = RandomToken.make(prefix: "ss_")
        let record = ServerSecret(name: name, digest: RandomToken.digest(secret), createdAt: now())
        do {
            let created: Bool = try await store.transaction { store in
                if try await store.serverSecrets().contains(where: { $0.name == name }) {
                    guard replacing else { return false }
                    try await store.deleteServerSecret(name: name)
                }
                try await store.insert(record)
                return true
            }
            if created { await audit.record(.secretCreate, app: nil, actor: nil, detail: name) }
            return created ? secret : nil
        } catch StoreConflict.serverSecretName {
            // Another process created it between our read and our write: as if it had been there.
            return nil
        }
    }

    /// A new named secret, shown only now.
    public func create(name: String) async throws -> String {
        guard let secret = try await create(name: name, replacing: false) else { throw AdminFailure.secretExists(name) }
        return secret
    }

    public func list() async throws -> [ServerSecret] {
        try await store.serverSecrets()
    }

    public func revoke(name: String) async throws {
        guard try await store.serverSecrets().contains(where: { $0.name == name }) else { throw AdminFailure.secretNotFound(name) }
        try await store.deleteServerSecret(name: name)
        await audit.record(.secretRevoke, app: nil, actor: nil, detail: name)
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
