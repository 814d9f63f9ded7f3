public import AsyncHTTPClient
public import CosyncAuthCore
import Foundation
import NIOCore
import NIOHTTP1

/// Text messages through Twilio's REST API (or any service that speaks it): `POST
/// {base}/2010-04-01/Accounts/{sid}/Messages.json` with `To`, `From`, `Body`, basic auth.
/// Throttling, server errors and network failures are transient (the outbox retries); other refusals
/// are permanent and keep the provider's reason for the operator. The auth token never appears in one.
public struct TwilioSMSSender: SMSSender {
    let baseURL: String
    let client: HTTPClient

    public init(baseURL: String = "https://api.twilio.com", client: HTTPClient = .shared) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.client = client
    }

    public func send(to phone: String, body: String, credentials: SMSCredentials) async throws(DeliveryFailure) {
        // The account id becomes part of the path: letters and digits only, so it cannot reshape the URL.
        guard !credentials.accountSid.isEmpty, credentials.accountSid.count <= 64,
              credentials.accountSid.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
        else { throw DeliveryFailure(isTransient: false, reason: "the SMS account id is malformed") }
        var request = HTTPClientRequest(url: "\(baseURL)/2010-04-01/Accounts/\(credentials.accountSid)/Messages.json")
        request.method = .POST
        let basic = Data("\(credentials.accountSid):\(credentials.authToken)".utf8).base64EncodedString()
        request.headers.add(name: "Authorization", value: "Basic \(basic)")
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "Accept", value: "application/json")
        request.body = .bytes(ByteBuffer(string: Self.form([("To", phone), ("From", credentials.fromNumber), ("Body", body)])))
        let response: HTTPClientResponse
        let answer: ByteBuffer
        do {
            response = try await client.execute(request, timeout: .seconds(15))
            answer = try await response.body.collect(upTo: 64 * 1024)
        } catch {
            throw DeliveryFailure(isTransient: true, reason: "the SMS provider could not be reached: \(Self.describe(error))")
        }
        let status = Int(response.status.code)
        guard !(200..<300).contains(status) else { return }
        let reason = "the SMS provider answered \(status)\(Self.detail(answer))"
        throw DeliveryFailure(isTransient: status == 429 || status >= 500, reason: String(reason.prefix(300)))
    }

    /// `application/x-www-form-urlencoded`: everything but unreserved characters escaped (a `+` in a
    /// phone number must not become a space).
    static func form(_ fields: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return fields.map { name, value in
            "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
        }.joined(separator: "&")
    }

    /// Twilio's `message` and `code`, when the answer is its JSON error.
    static func detail(_ body: ByteBuffer) -> String {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: Any] else { return "" }
        var text = ""
        if let message = object["message"] as? String { text += ": \(message)" }
        if let code = object["code"] as? Int { text += " (code \(code))" }
        return text
    }

    static func describe(_ error: any Error) -> String {
        String(String(describing: error).prefix(120))
    }
}
