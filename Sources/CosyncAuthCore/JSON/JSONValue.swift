import Foundation

/// A JSON document: user metadata, app data, JWT claims. Kept as a value so the domain can read and edit
/// metadata paths without a schema.
public enum JSONValue: Sendable, Equatable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public static let emptyObject = JSONValue.object([:])

    public var objectValue: [String: JSONValue]? {
        if case .object(let o) = self { return o }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// Parses JSON text; nil when it is not JSON.
    public init?(jsonText: String) {
        guard let value = JSONReader.read(jsonText) ?? Self.decoded(jsonText) else { return nil }
        self = value
    }

    /// JSONDecoder's reading, which decides whatever `JSONReader` declines.
    package static func decoded(_ jsonText: String) -> JSONValue? {
        try? JSONDecoder().decode(JSONValue.self, from: Data(jsonText.utf8))
    }

    /// Compact JSON text with sorted keys (stable output for storage and tests): the text JSONEncoder
    /// writes with `.sortedKeys` and `.withoutEscapingSlashes`, written directly (every user call's
    /// answer is one; the encoder's containers cost a twentieth of a getUser).
    public var jsonText: String {
        var text: [UInt8] = []
        text.reserveCapacity(256)
        JSONWriter.write(self, to: &text)
        return String(decoding: text, as: UTF8.self)
    }

    /// The value at a dotted path (`user_data.name.first`), or nil when any step is missing.
    public func value(atPath path: String) -> JSONValue? {
        var current = self
        for key in path.split(separator: ".", omittingEmptySubsequences: false) {
            guard case .object(let object) = current, let next = object[String(key)] else { return nil }
            current = next
        }
        return current
    }

    /// Sets the value at a dotted path, creating intermediate objects (and replacing non-objects).
    public mutating func setValue(_ value: JSONValue, atPath path: String) {
        let keys = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        self = Self.setting(value, in: self, keys: keys[...])
    }

    private static func setting(_ value: JSONValue, in node: JSONValue, keys: ArraySlice<String>) -> JSONValue {
        guard let key = keys.first else { return value }
        var object = node.objectValue ?? [:]
        object[key] = setting(value, in: object[key] ?? .null, keys: keys.dropFirst())
        return .object(object)
    }
}

extension JSONValue: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        // The decoder has no way to ask a value's kind, so each is tried, and every miss throws: the
        // commonest kinds of metadata (strings, then objects) go first. The decoder converts none
        // into another, so the order changes no result.
        if container.decodeNil() {
            self = .null
        } else if let s = try? container.decode(String.self) {
            self = .string(s)
        } else if let o = try? container.decode([String: JSONValue].self) {
            self = .object(o)
        } else if let n = try? container.decode(Double.self) {
            self = .number(n)
        } else if let b = try? container.decode(Bool.self) {
            self = .bool(b)
        } else {
            self = .array(try container.decode([JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let b): try container.encode(b)
        case .number(let n):
            // Whole numbers are written without a fraction, as clients expect for counts and ids.
            if n.rounded() == n, abs(n) < 1e15 { try container.encode(Int64(n)) } else { try container.encode(n) }
        case .string(let s): try container.encode(s)
        case .array(let a): try container.encode(a)
        case .object(let o): try container.encode(o)
        }
    }
}
