import Foundation

/// Who the client is, for rate limits and the audit log. Behind proxies every connection comes from the
/// nearest proxy; each trusted proxy appends the address it was reached from to `X-Forwarded-For`, so
/// the client's address is the entry `trustedProxies` places from the right. Entries further left were
/// written by the client and prove nothing.
enum ClientAddress {
    /// The client's address: the connection's, or with `trustedProxies` > 0 the forwarded one.
    static func resolve(connection: String?, forwardedFor: String?, trustedProxies: Int) -> String? {
        guard trustedProxies > 0, let forwardedFor else { return connection }
        let entries = forwardedFor.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !entries.isEmpty else { return connection }
        // Fewer entries than proxies: a proxy in front added none, and the left-most is the best there is.
        let index = max(0, entries.count - trustedProxies)
        return String(entries[index].prefix(64))
    }

    /// What the per-address limit counts: an IPv4 address, or an IPv6 address's /64 (one subscriber's
    /// network, in which a client can pick any of 2^64 addresses).
    static func limitKey(_ address: String) -> String {
        var bytes = [UInt8](repeating: 0, count: 16)
        let unbracketed = address.hasPrefix("[") && address.hasSuffix("]") ? String(address.dropFirst().dropLast()) : address
        guard unbracketed.contains(":"), inet_pton(AF_INET6, unbracketed, &bytes) == 1 else { return address }
        let prefix = stride(from: 0, to: 8, by: 2).map { String(format: "%x", UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1])) }
        return prefix.joined(separator: ":") + "::/64"
    }
}
