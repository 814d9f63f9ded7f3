public import AsyncHTTPClient
public import CosyncAuthCore
import Foundation
public import NIOCore

/// A host's admin API over HTTP, as the portal calls it: the server secret in the `server-secret`
/// header, a short timeout so that a host that is down shows as down instead of holding a page.
public struct HTTPHostAdminAPI: HostAdminAPI {
    let client: HTTPClient
    let timeout: TimeAmount

    public init(client: HTTPClient = .shared, timeout: TimeAmount = .seconds(5)) {
        self.client = client
        self.timeout = timeout
    }

    public func describe(url: String, secret: String) async throws -> HostDescription {
        let answer = try await get(url + "/api/app/host", secret: secret)
        guard let object = answer.objectValue, let version = object["version"]?.stringValue,
            case .number(let apps)? = object["apps"], case .number(let users)? = object["users"]
        else {
            throw PortalFailure(.hostUnreachable, "\(url) answered, but not as a CoSync Auth host of this release or newer")
        }
        return HostDescription(version: version, apps: Int(apps), users: Int(users))
    }

    private func get(_ address: String, secret: String) async throws -> JSONValue {
        var request = HTTPClientRequest(url: address)
        request.headers.add(name: "server-secret", value: secret)
        let response: HTTPClientResponse
        let body: ByteBuffer
        do {
            response = try await client.execute(request, timeout: timeout)
            body = try await response.body.collect(upTo: 1 << 20)
        } catch {
            throw PortalFailure(.hostUnreachable, "no answer from \(address): is the host running, and is the URL right?")
        }
        switch response.status.code {
        case 200:
            guard let json = JSONValue(jsonText: String(buffer: body)) else {
                throw PortalFailure(.hostUnreachable, "\(address) answered something that is not JSON")
            }
            return json
        case 401:
            throw PortalFailure(.hostUnreachable, "the host refused the server secret")
        default:
            throw PortalFailure(.hostUnreachable, "\(address) answered HTTP \(response.status.code)")
        }
    }
}
