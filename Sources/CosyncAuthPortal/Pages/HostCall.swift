import CosyncAuthCore
import Foundation
import NIOCore

/// One registered host, ready to be called: its record and its secret, opened for this request only.
struct HostCall: Sendable {
    let host: RegisteredHost
    let secret: String
    let client: HostAdminClient

    init(_ id: String, services: PortalServices) async throws {
        host = try await services.hosts.host(id: try HostPages.id(id))
        secret = try services.hosts.secret(of: host)
        client = services.client
    }

    var id: String { host.id.uuidString.lowercased() }

    func get(_ path: String, _ query: [(String, String)] = []) async throws -> HostAdminClient.Answer {
        try await client.call(url: host.url, secret: secret, .GET, path, query: query)
    }

    /// An action the operator submitted waits for the host's answer: some make an RSA key pair or hash a
    /// password (a debug build on a busy machine took 10 s to create an app). Page loads keep the
    /// client's short timeout, which shows an unreachable host as such.
    func post(_ path: String, _ form: [(String, String)]) async throws -> HostAdminClient.Answer {
        try await client.call(url: host.url, secret: secret, .POST, path, form: form, timeout: Self.actionTimeout)
    }

    static let actionTimeout = TimeAmount.seconds(60)
}
