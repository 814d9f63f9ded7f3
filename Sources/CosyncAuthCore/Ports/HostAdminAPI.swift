import Foundation

/// A host's administration API as the portal reaches it: over HTTP with a server secret.
public protocol HostAdminAPI: Sendable {
    /// What the host says of itself; throws `PortalFailure.hostUnreachable` when it does not answer or
    /// refuses the secret.
    func describe(url: String, secret: String) async throws -> HostDescription
}

/// A host's own account of itself, shown in the portal's host list.
public struct HostDescription: Sendable, Equatable {
    public var version: String
    public var apps: Int
    public var users: Int

    public init(version: String, apps: Int, users: Int) {
        self.version = version
        self.apps = apps
        self.users = users
    }
}
