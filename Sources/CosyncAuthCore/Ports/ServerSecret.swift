public import Foundation

/// An administration credential of the host. Only the digest is stored; the secret is shown once.
public struct ServerSecret: Sendable, Equatable {
    public var name: String
    public var digest: String
    public var createdAt: Date

    public init(name: String, digest: String, createdAt: Date) {
        self.name = name
        self.digest = digest
        self.createdAt = createdAt
    }
}
