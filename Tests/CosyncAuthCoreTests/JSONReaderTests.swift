import CosyncAuthCore
import Foundation
import Testing

/// The hand-written JSON reader decides for JSONDecoder only where both agree: whatever it accepts,
/// JSONDecoder accepts as the same value; the rest it declines, and JSONDecoder decides.
@Suite("JSON reader")
struct JSONReaderTests {
    @Test func readsWhatJSONDecoderReads() throws {
        var random = SplitMix64(seed: 0x2EAD_2026)
        let pretty = JSONEncoder()
        pretty.outputFormatting = [.prettyPrinted]
        var read = 0
        for _ in 0..<3_000 {
            let value = JSONWriterTests.document(&random, depth: 0)
            for text in [value.jsonText, String(decoding: try pretty.encode(value), as: UTF8.self)] {
                let decoded = JSONValue.decoded(text)
                #expect(decoded == value, "\(text)")
                if let fast = JSONReader.read(text) {
                    read += 1
                    #expect(fast == decoded, "\(text)")
                }
            }
        }
        // The pretty encoder writes `\u` escapes for control characters, which the reader declines.
        #expect(read > 4_000, "the reader took \(read) of 6,000 documents")
    }

    @Test(arguments: [
        "", " ", "01", "-01", "1.", ".5", "-", "+1", "1e", "1e+", "1e400", "-1e400", "1e-400", "-1e-400", "5e-324", "1e-310",
        "2.2250738585072014e-308", "0.000e-999", "0e0", "1E+2", "-0",
        "123456789012345678901234567890", "\"\\u0041\"", "\"\\ud83d\\ude00\"", "\"\\ud83d\"", "\"a\\x\"", "\"\u{1}\"", "\"\\/\"",
        "{\"a\":1,\"a\":2}", "[1,]", "[,1]", "{,}", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{1:2}", "nul", "truex", "true false",
        "  {\"a\" : [ 1 , 2.5e3 , \"x\" ] }  ", "[]", "{}", "null", "\"x\"", "[[[[]]]]", "\"\u{2028}é😀\"", "[1 2]", "\"unterminated",
        "{\"a\":1}}", "\u{FEFF}{}", "\t\r\n[]\t\r\n", "NaN", "Infinity", "[-]", "{\"\":\"\"}",
    ])
    func agreesOnEdgeCases(_ text: String) {
        let decoded = JSONValue.decoded(text)
        if let fast = JSONReader.read(text) { #expect(fast == decoded) }
        #expect(JSONValue(jsonText: text) == decoded)
    }

    @Test func deepNestingIsLeftToTheDecoder() {
        for depth in [255, 256, 300, 600] {
            let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
            #expect(JSONValue(jsonText: text) == JSONValue.decoded(text), "depth \(depth)")
            #expect((JSONReader.read(text) != nil) == (depth <= 256), "depth \(depth)")
        }
    }
}
