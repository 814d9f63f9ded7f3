/// Reads JSON text straight into a `JSONValue`: every token check reads the user's stored metadata, and
/// JSONDecoder's containers cost more than the rest of decoding the row. It takes the common form and
/// declines the rest (nil): `\u` escapes, duplicate keys, numbers beyond a Double, nesting past 256,
/// for JSONDecoder to decide. What it accepts, JSONDecoder accepts as the same value (a test holds the
/// two to each other over generated documents and edge cases).
package enum JSONReader {
    package static func read(_ text: String) -> JSONValue? {
        var text = text
        return text.withUTF8 { bytes in
            var reader = Cursor(bytes: bytes)
            guard let value = reader.value(depth: 0) else { return nil }
            reader.skipWhitespace()
            return reader.position == bytes.count ? value : nil
        }
    }

    private struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        var current: UInt8? { position < bytes.count ? bytes[position] : nil }

        mutating func skipWhitespace() {
            while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { position += 1 }
        }

        mutating func take(_ literal: StaticString) -> Bool {
            let count = literal.utf8CodeUnitCount
            guard position + count <= bytes.count else { return false }
            for index in 0..<count where bytes[position + index] != literal.utf8Start[index] { return false }
            position += count
            return true
        }

        mutating func value(depth: Int) -> JSONValue? {
            guard depth < 256 else { return nil }
            skipWhitespace()
            switch current {
            case UInt8(ascii: "\""): return string().map(JSONValue.string)
            case UInt8(ascii: "{"): return object(depth: depth)
            case UInt8(ascii: "["): return array(depth: depth)
            case UInt8(ascii: "t"): return take("true") ? .bool(true) : nil
            case UInt8(ascii: "f"): return take("false") ? .bool(false) : nil
            case UInt8(ascii: "n"): return take("null") ? .null : nil
            default: return number().map(JSONValue.number)
            }
        }

        mutating func object(depth: Int) -> JSONValue? {
            position += 1
            var object: [String: JSONValue] = [:]
            skipWhitespace()
            if current == UInt8(ascii: "}") {
                position += 1
                return .object(object)
            }
            while true {
                skipWhitespace()
                guard current == UInt8(ascii: "\""), let key = string() else { return nil }
                skipWhitespace()
                guard current == UInt8(ascii: ":") else { return nil }
                position += 1
                guard let value = value(depth: depth + 1), object.updateValue(value, forKey: key) == nil else { return nil }
                skipWhitespace()
                switch current {
                case UInt8(ascii: ","): position += 1
                case UInt8(ascii: "}"):
                    position += 1
                    return .object(object)
                default: return nil
                }
            }
        }

        mutating func array(depth: Int) -> JSONValue? {
            position += 1
            var array: [JSONValue] = []
            skipWhitespace()
            if current == UInt8(ascii: "]") {
                position += 1
                return .array(array)
            }
            while true {
                guard let value = value(depth: depth + 1) else { return nil }
                array.append(value)
                skipWhitespace()
                switch current {
                case UInt8(ascii: ","): position += 1
                case UInt8(ascii: "]"):
                    position += 1
                    return .array(array)
                default: return nil
                }
            }
        }

        /// A string without `\u` escapes; the opening quote is at `position`.
        mutating func string() -> String? {
            position += 1
            let start = position
            var unescaped: [UInt8]? = nil
            while let byte = current {
                switch byte {
                case UInt8(ascii: "\""):
                    defer { position += 1 }
                    if let unescaped { return String(decoding: unescaped, as: UTF8.self) }
                    return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
                case UInt8(ascii: "\\"):
                    if unescaped == nil { unescaped = Array(bytes[start..<position]) }
                    position += 1
                    guard let escape = current else { return nil }
                    switch escape {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): unescaped!.append(escape)
                    case UInt8(ascii: "n"): unescaped!.append(0x0A)
                    case UInt8(ascii: "r"): unescaped!.append(0x0D)
                    case UInt8(ascii: "t"): unescaped!.append(0x09)
                    case UInt8(ascii: "b"): unescaped!.append(0x08)
                    case UInt8(ascii: "f"): unescaped!.append(0x0C)
                    default: return nil
                    }
                    position += 1
                case ..<0x20: return nil
                default:
                    unescaped?.append(byte)
                    position += 1
                }
            }
            return nil
        }

        /// A number in JSON's grammar (`-`? int frac? exp?), as the nearest Double; nil beyond a Double,
        /// and nil for a number that underflows (to zero or to a subnormal), where JSONDecoder decides.
        mutating func number() -> Double? {
            let start = position
            if current == UInt8(ascii: "-") { position += 1 }
            guard let first = current, isDigit(first) else { return nil }
            position += 1
            if first != UInt8(ascii: "0") { skipDigits() }
            if current == UInt8(ascii: ".") {
                position += 1
                guard let digit = current, isDigit(digit) else { return nil }
                skipDigits()
            }
            if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
                position += 1
                if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
                guard let digit = current, isDigit(digit) else { return nil }
                skipDigits()
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
            guard let number = Double(text), number.isFinite, !number.isSubnormal else { return nil }
            if number == 0,
                text.utf8.prefix(while: { $0 != UInt8(ascii: "e") && $0 != UInt8(ascii: "E") }).contains(where: {
                    $0 > UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")
                })
            {
                return nil
            }
            return number
        }

        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

        mutating func skipDigits() {
            while let byte = current, isDigit(byte) { position += 1 }
        }
    }
}
