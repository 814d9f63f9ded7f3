public import CosyncAuthCore

/// What the portal's pages use, built by the composition root: its operators and sessions, the hosts it
/// manages and the client that calls their admin APIs. `base` is the path the portal is served under:
/// "" on its own, "/portal" inside a host.
public struct PortalServices: Sendable {
    public var operators: PortalOperators
    public var hosts: HostRegistry
    public var client: HostAdminClient
    public var base: String
    /// Cookies get `Secure` when the portal is reached over https.
    public var secureCookies: Bool

    public init(operators: PortalOperators, hosts: HostRegistry, client: HostAdminClient, base: String, secureCookies: Bool) {
        self.operators = operators
        self.hosts = hosts
        self.client = client
        self.base = base
        self.secureCookies = secureCookies
    }
}
