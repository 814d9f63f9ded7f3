public import AsyncHTTPClient
public import CosyncAuthCore
import Foundation
import NIOCore
import NIOHTTP1

/// Text messages through Twilio's REST API (or any service that speaks it): `POST
/// {base}/2010-04-01/Accounts/{sid}/Messages.json` with the form `To`, `From`, `Body` and basic auth
/// (account id : auth token).
///
/// A 2xx answer is a success. Throttling (429), server errors (5xx), network failures and timeouts are
/// transient (the outbox retries); any other answer is a permanent refusal whose reason keeps the status
/// and the provider's `message` and `code` for the operator. The auth token never appears in a reason.
public struct TwilioSMSSender: SMSSender {
    let baseURL: String
    let client: HTTPClient
    let timeout: TimeAmount

    /// The longest a reason gets (the provider's message is quoted in it).
    static let maximumReasonLength = 300

    /// - Parameters:
    ///   - baseURL: where the API is, without the `/2010-04-01` path.
    ///   - client: the HTTP client (its connection pool is reused across messages).
    ///   - timeout: for the whole exchange, connecting included (a client retries a refused connection
    ///     until then).
    public init(baseURL: String = "https://api.twilio.com", client: HTTPClient = .shared, timeout: Duration = .seconds(15)) {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.client = client
        self.timeout = TimeAmount(timeout)
    }

    public func send(to phone: String, body: String, credentials: SMSCredentials) async throws(DeliveryFailure) {
        // The account id becomes part of the path: ASCII letters and digits only, so it cannot reshape the URL.
        guard Self.isWellFormed(accountSid: credentials.accountSid)
        else { throw DeliveryFailure(isTransient: false, reason: "the SMS account id is malformed (letters and digits only)") }
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
            response = try await client.execute(request, timeout: timeout)
            answer = try await response.body.collect(upTo: 64 * 1024)
        } catch {
            throw DeliveryFailure(isTransient: true, reason: Self.shorten("the SMS provider could not be reached: \(error)"))
        }
        let status = Int(response.status.code)
        guard !(200..<300).contains(status) else { return }
        throw DeliveryFailure(
            isTransient: status == 429 || status >= 500,
            reason: Self.shorten("the SMS provider answered \(status)\(Self.detail(answer))"))
    }

    static func isWellFormed(accountSid: String) -> Bool {
        !accountSid.isEmpty && accountSid.utf8.count <= 64
            && accountSid.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }
    }

    /// `application/x-www-form-urlencoded` as ASCII: each UTF-8 byte but the unreserved ones percent-encoded
    /// (so a `+` in a phone number cannot become a space, nor a `&` in the text end the field).
    static func form(_ fields: [(String, String)]) -> String {
        fields.map { "\(encode($0))=\(encode($1))" }.joined(separator: "&")
    }

    static func encode(_ value: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(value.utf8.count * 3)
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                bytes.append(byte)
            default:
                bytes += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Twilio's `message` and `code`, when the answer is its JSON error.
    static func detail(_ body: ByteBuffer) -> String {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: Any] else { return "" }
        var text = ""
        if let message = object["message"] as? String, !message.isEmpty { text += ": \(message)" }
        if let code = object["code"] as? Int { text += " (code \(code))" }
        return text
    }

    /// One line (the provider's text may hold anything), at most `maximumReasonLength` characters.
    static func shorten(_ reason: String) -> String {
        let line = String(reason.map { $0.isNewline || $0.unicodeScalars.allSatisfy({ $0.properties.generalCategory == .control }) ? " " : $0 })
        return line.count <= maximumReasonLength ? line : String(line.prefix(maximumReasonLength - 1)) + "…"
    }
}
