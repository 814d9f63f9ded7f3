import CosyncAuthCore
import Foundation
import Testing

/// The hand-written JSON writer answers every user call, so it is held to the text Foundation's
/// encoder writes for the same value, over thousands of generated documents.
@Suite("JSON writer")
struct JSONWriterTests {
    @Test func writesWhatJSONEncoderWrites() throws {
        var random = SplitMix64(seed: 0x5EED_2026)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for _ in 0..<3_000 {
            let value = Self.document(&random, depth: 0)
            let expected = String(decoding: try encoder.encode(value), as: UTF8.self)
            #expect(value.jsonText == expected)
            #expect(JSONValue(jsonText: value.jsonText) == value, "\(value.jsonText) reads back")
        }
    }

    @Test func edgeCases() {
        #expect(JSONValue.object([:]).jsonText == "{}")
        #expect(JSONValue.array([]).jsonText == "[]")
        #expect(
            JSONValue.string("a/b\"c\\\n\t\u{1}\u{8}\u{C}\u{1F}\u{7F}\u{2028}é😀").jsonText == #""a/b\"c\\\n\t\u0001\b\f\u001f\#u{7F}\#u{2028}é😀""#)
        #expect(
            JSONValue.array([.number(-0.0), .number(3), .number(0.5), .number(1e15), .number(-7e-9)]).jsonText == "[0,3,0.5,1000000000000000,-7e-09]")
        // JSON has no infinity: that one number is null, where the encoder refused the whole value.
        #expect(JSONValue.array([.number(.infinity), .number(.nan), .bool(true)]).jsonText == "[null,null,true]")
    }

    static func document(_ random: inout SplitMix64, depth: Int) -> JSONValue {
        switch random.next() % (depth > 3 ? 4 : 6) {
        case 0: return .null
        case 1: return .bool(random.next() % 2 == 0)
        case 2: return .number(number(&random))
        case 3: return .string(text(&random))
        case 4: return .array((0..<random.next() % 5).map { _ in document(&random, depth: depth + 1) })
        default:
            var members: [String: JSONValue] = [:]
            for _ in 0..<random.next() % 6 { members[text(&random)] = document(&random, depth: depth + 1) }
            return .object(members)
        }
    }

    static func number(_ random: inout SplitMix64) -> Double {
        switch random.next() % 6 {
        case 0: return Double(Int64(bitPattern: random.next()) % 1_000_000)
        case 1: return Double(Int64(bitPattern: random.next()) % 10_000) / 100
        case 2: return Double(bitPattern: random.next() & 0x7FEF_FFFF_FFFF_FFFF) * (random.next() % 2 == 0 ? 1 : -1)
        case 3: return [0, -0.0, 1e15, -1e15, 999_999_999_999_999, 1e16, .leastNonzeroMagnitude, 0.1, 1e-7][Int(random.next() % 9)]
        case 4: return Double(random.next() % 1_000_000) * 1e12
        default: return Double(random.next() % 1000) / 7
        }
    }

    /// Text drawn from letters, digits, the characters JSON escapes, and multi-byte characters.
    static func text(_ random: inout SplitMix64) -> String {
        let alphabet: [Character] = Array("aZ09 _./\\\"'\n\r\t\u{0}\u{1}\u{8}\u{B}\u{C}\u{1F}\u{7F}\u{85}\u{A0}\u{2028}\u{FEFF}é中😀")
        return String((0..<random.next() % 12).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] })
    }
}

/// A seeded generator: the same cases every run, so a failure can be replayed (the CSV and JSON tests).
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
