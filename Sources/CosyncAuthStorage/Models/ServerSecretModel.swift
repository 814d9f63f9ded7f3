import CosyncAuthCore
import FluentKit
import Foundation

/// Row of `server_secrets`, keyed by name.
final class ServerSecretModel: Model, @unchecked Sendable {
    static let schema = "server_secrets"

    @ID(custom: "name", generatedBy: .user) var id: String?
    @Field(key: "digest") var digest: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(_ s: ServerSecret) {
        id = s.name
        digest = s.digest
        createdAt = s.createdAt
    }

    func domain() throws -> ServerSecret {
        ServerSecret(name: try requireID(), digest: digest, createdAt: createdAt)
    }
}
