import CosyncAuthCore
import Foundation
import Hummingbird
import NIOCore

/// A request's parameters, from the query string and the body, whatever the client's encoding: JSON
/// (Kotlin, React Native) or a form (the Swift client, which may omit the Content-Type). Every value is
/// read as text; JSON objects and arrays keep their JSON text, as if a form had carried them.
struct RequestParameters: Sendable {
    static let maxBodySize = 1024 * 1024

    private var values: [String: String]

    init(_ values: [String: String]) {
        self.values = values
    }

    /// Query parameters, overridden by body parameters of the same name.
    static func read(_ request: inout Request) async throws -> RequestParameters {
        var values: [String: String] = [:]
        if let query = request.uri.query {
            values = FormDecoding.decode(query)
        }
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: maxBodySize)
        } catch is NIOTooManyBytesError {
            throw AuthError.invalid("the request body is larger than 1 MiB")
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw AuthError.invalid("the request body is larger than 1 MiB")
        }
        guard body.readableBytes > 0 else {
            try refuseNUL(values)
            return RequestParameters(values)
        }
        let text = String(buffer: body)
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        if contentType.hasPrefix("application/json") || (contentType.isEmpty && text.first == "{") {
            guard case .object(let object)? = JSONValue(jsonText: text) else {
                throw AuthError.invalid("the body is not a JSON object")
            }
            for (key, value) in object {
                switch value {
                case .null: continue
                case .string(let s): values[key] = s
                case .bool(let b): values[key] = b ? "true" : "false"
                default: values[key] = value.jsonText
                }
            }
        } else {
            values.merge(FormDecoding.decode(text)) { _, body in body }
        }
        try refuseNUL(values)
        return RequestParameters(values)
    }

    /// No text the host stores may hold a NUL character: PostgreSQL refuses it in text columns, so it
    /// would surface as a fault of ours instead of the client's mistake.
    static func refuseNUL(_ values: [String: String]) throws(AuthError) {
        for (key, value) in values where key.utf8.contains(0) || value.utf8.contains(0) {
            throw AuthError.invalid("parameters may not contain NUL characters")
        }
    }

    subscript(_ name: String) -> String? {
        values[name]
    }

    /// Every parameter, for endpoints that take open sets (settings by name).
    var all: [String: String] { values }

    /// The parameter, or 403 naming it when absent or empty.
    func required(_ name: String) throws(AuthError) -> String {
        guard let value = values[name], !value.isEmpty else { throw AuthError.missing(name) }
        return value
    }
}

/// `application/x-www-form-urlencoded` decoding that forgives what some clients send: the Swift client
/// writes values unescaped, so a `%` that starts no valid escape is kept as it is.
enum FormDecoding {
    static func decode(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = unescape(parts[0])
            guard !key.isEmpty else { continue }
            result[key] = parts.count > 1 ? unescape(parts[1]) : ""
        }
        return result
    }

    static func unescape(_ raw: Substring) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(raw.utf8.count)
        var utf8 = raw.utf8[...]
        while let byte = utf8.first {
            utf8 = utf8.dropFirst()
            switch byte {
            case UInt8(ascii: "+"):
                bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                if utf8.count >= 2, let high = hexValue(utf8[utf8.startIndex]),
                    let low = hexValue(utf8[utf8.index(after: utf8.startIndex)])
                {
                    bytes.append(high << 4 | low)
                    utf8 = utf8.dropFirst(2)
                } else {
                    bytes.append(byte)
                }
            default:
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
