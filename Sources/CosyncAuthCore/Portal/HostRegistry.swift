public import Foundation

/// The hosts a portal manages. A host is saved only after it answered with the secret given, and that
/// secret is kept sealed with the portal's master key.
public struct HostRegistry: Sendable {
    let store: any PortalRepository
    let sealer: any SecretSealer
    let api: any HostAdminAPI
    let now: @Sendable () -> Date

    public init(store: any PortalRepository, sealer: any SecretSealer, api: any HostAdminAPI, now: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.sealer = sealer
        self.api = api
        self.now = now
    }

    public func list() async throws -> [RegisteredHost] {
        try await store.registeredHosts().sorted { $0.name.lowercased() < $1.name.lowercased() }
    }

    public func host(id: UUID) async throws -> RegisteredHost {
        guard let host = try await store.registeredHost(id: id) else { throw PortalFailure(.notFound, "no such host") }
        return host
    }

    /// The host's server secret in clear, for a call to its admin API.
    public func secret(of host: RegisteredHost) throws -> String {
        try sealer.open(host.sealedSecret)
    }

    @discardableResult
    public func add(name rawName: String, url rawURL: String, secret: String) async throws -> RegisteredHost {
        let (name, url) = try Self.checked(name: rawName, url: rawURL)
        try await verify(url: url, secret: secret)
        let host = RegisteredHost(id: UUID(), name: name, url: url, sealedSecret: try sealer.seal(secret), createdAt: now())
        do {
            try await store.insert(host)
        } catch StoreConflict.hostName {
            throw PortalFailure(.conflict, "a host named '\(name)' exists", field: "name")
        }
        return host
    }

    /// Renames or moves a host; a new secret, when given, is checked like a new host's.
    public func update(id: UUID, name rawName: String, url rawURL: String, secret: String?) async throws -> RegisteredHost {
        var host = try await host(id: id)
        let (name, url) = try Self.checked(name: rawName, url: rawURL)
        let newSecret = secret.flatMap { $0.isEmpty ? nil : $0 }
        if newSecret != nil || url != host.url {
            try await verify(url: url, secret: try newSecret ?? self.secret(of: host))
        }
        host.name = name
        host.url = url
        if let newSecret { host.sealedSecret = try sealer.seal(newSecret) }
        do {
            try await store.update(host)
        } catch StoreConflict.hostName {
            throw PortalFailure(.conflict, "a host named '\(name)' exists", field: "name")
        }
        return host
    }

    /// Registers the host the portal runs inside, with a server secret it has just made for the portal:
    /// nothing to check over the network (the listener is not up yet). Kept when it is there already.
    public func registerItself(url: String, secret: () async throws -> String) async throws {
        if try await store.registeredHosts().contains(where: { $0.url == url }) { return }
        let host = RegisteredHost(id: UUID(), name: "This host", url: url, sealedSecret: try sealer.seal(try await secret()), createdAt: now())
        do {
            try await store.insert(host)
        } catch StoreConflict.hostName {
            // Another instance registered it at the same moment.
        }
    }

    public func remove(id: UUID) async throws {
        _ = try await host(id: id)
        try await store.deleteRegisteredHost(id: id)
    }

    /// What the host says of itself now; a host that is down answers `hostUnreachable`.
    public func describe(_ host: RegisteredHost) async throws -> HostDescription {
        try await api.describe(url: host.url, secret: try secret(of: host))
    }

    private func verify(url: String, secret: String) async throws {
        do {
            _ = try await api.describe(url: url, secret: secret)
        } catch let failure as PortalFailure {
            throw PortalFailure(failure.reason, failure.message, field: "secret")
        }
    }

    /// A name of 1 to 64 characters and an http(s) URL without a trailing slash.
    static func checked(name rawName: String, url rawURL: String) throws -> (String, String) {
        let name = rawName.trimmingCharacters(in: .whitespaces)
        guard (1...64).contains(name.count), !name.contains(where: \.isNewline) else {
            throw PortalFailure(.invalid, "a name of 1 to 64 characters", field: "name")
        }
        var url = rawURL.trimmingCharacters(in: .whitespaces)
        while url.hasSuffix("/") { url.removeLast() }
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(), ["http", "https"].contains(scheme),
            parsed.host?.isEmpty == false, parsed.query == nil, parsed.user == nil
        else {
            throw PortalFailure(.invalid, "a URL such as https://auth.example.com", field: "url")
        }
        return (name, url)
    }
}
