import Testing

@testable import CosyncAuthHTTP

@Suite("client address behind proxies")
struct ClientAddressTests {
    @Test func theConnectionIsTheClientUnlessProxiesAreTrusted() {
        #expect(ClientAddress.resolve(connection: "10.0.0.5", forwardedFor: "1.2.3.4", trustedProxies: 0) == "10.0.0.5")
        #expect(ClientAddress.resolve(connection: "10.0.0.5", forwardedFor: nil, trustedProxies: 1) == "10.0.0.5")
        #expect(ClientAddress.resolve(connection: "10.0.0.5", forwardedFor: " , ", trustedProxies: 1) == "10.0.0.5")
    }

    /// A client can write anything into the header; only what the trusted proxies appended counts.
    @Test func theEntryTheTrustedProxiesAppendedIsTheClient() {
        let spoofed = "6.6.6.6, 7.7.7.7, 203.0.113.9"
        #expect(ClientAddress.resolve(connection: "10.0.0.5", forwardedFor: spoofed, trustedProxies: 1) == "203.0.113.9")
        // A CDN in front of the load balancer: the balancer appended the CDN's address.
        #expect(ClientAddress.resolve(connection: "10.0.0.5", forwardedFor: "\(spoofed), 198.51.100.7", trustedProxies: 2) == "203.0.113.9")
        #expect(ClientAddress.resolve(connection: "10.0.0.5", forwardedFor: "203.0.113.9", trustedProxies: 3) == "203.0.113.9")
    }

    @Test func ipv6ClientsCountPerSlash64() {
        #expect(ClientAddress.limitKey("2001:db8:1:2:aaaa::1") == "2001:db8:1:2::/64")
        #expect(ClientAddress.limitKey("2001:db8:1:2:ffff:ffff:ffff:fffe") == "2001:db8:1:2::/64")
        #expect(ClientAddress.limitKey("[2001:db8:1:3::1]") == "2001:db8:1:3::/64")
        #expect(ClientAddress.limitKey("203.0.113.9") == "203.0.113.9")
        #expect(ClientAddress.limitKey("not an address") == "not an address")
    }
}
