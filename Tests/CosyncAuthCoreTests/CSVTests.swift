import CosyncAuthCore
import Foundation
import Testing

@Suite("CSV")
struct CSVTests {
    /// Fields that break naive writers or readers.
    static let awkward = [
        "a,b", "say \"hi\"", "\"", "\"\"", ",", "cr\rinside", "lf\ninside", "crlf\r\ninside",
        " leading", "trailing ", " ", "", "ünïcødé 😀 日本", #"{"a":"b, c"}"#, "\u{FEFF}not a mark", "tab\there",
    ]

    /// Parses `text` fed in chunks of `chunkSize` bytes, or all at once.
    func parse(_ text: String, chunkSize: Int? = nil) throws -> [CSVRecord] {
        try parse(Array(text.utf8), chunkSize: chunkSize)
    }

    func parse(_ bytes: [UInt8], chunkSize: Int? = nil) throws -> [CSVRecord] {
        var reader = CSVReader()
        var records: [CSVRecord] = []
        let size = chunkSize ?? max(bytes.count, 1)
        var start = 0
        while start < bytes.count {
            let end = min(start + size, bytes.count)
            records += try reader.feed(bytes[start..<end])
            start = end
        }
        records += try reader.finish()
        return records
    }

    @Test func writesPlainFieldsAsIsAndQuotesOnlyWhenNeeded() {
        #expect(CSV.line(["a", "b c", "", "x"]) == "a,b c,,x\r\n")
        #expect(CSV.line(["a,b", "say \"hi\"", " lead", "trail ", "l\nf"]) == "\"a,b\",\"say \"\"hi\"\"\",\" lead\",\"trail \",\"l\nf\"\r\n")
        #expect(CSV.line([""]) == "\"\"\r\n")
    }

    @Test func awkwardFieldsRoundTrip() throws {
        let rows = [["header"] + Self.awkward, Self.awkward.reversed(), [""], ["", ""], ["last"]]
        let text = rows.map(CSV.line).joined()
        #expect(try parse(text).map(\.fields) == rows)
    }

    @Test func byteByByteFeedingMatchesSingleFeed() throws {
        let text = "\u{FEFF}" + [Self.awkward, ["é", "\"quoted\""], Self.awkward].map(CSV.line).joined()
        let whole = try parse(text)
        #expect(whole.count == 3)
        for size in [1, 2, 3, 5] {
            #expect(try parse(text, chunkSize: size) == whole)
        }
    }

    @Test func acceptsLFAndCRLFAndSkipsEmptyLines() throws {
        let records = try parse("a,b\r\n\r\n\nc,d\n\ne\r\n")
        #expect(
            records == [
                CSVRecord(fields: ["a", "b"], line: 1),
                CSVRecord(fields: ["c", "d"], line: 4),
                CSVRecord(fields: ["e"], line: 6),
            ])
        #expect(try parse("\n\r\n\n").isEmpty)
        #expect(try parse("").isEmpty)
    }

    @Test func lineNumbersCountLinesInsideQuotedFields() throws {
        let text = "a,\"b\nc\nd\"\ne,f\n\n\ng\r\n\"h\r\ni\",\"\"\r\nj"
        let expected = [
            CSVRecord(fields: ["a", "b\nc\nd"], line: 1),
            CSVRecord(fields: ["e", "f"], line: 4),
            CSVRecord(fields: ["g"], line: 7),
            CSVRecord(fields: ["h\r\ni", ""], line: 8),
            CSVRecord(fields: ["j"], line: 10),
        ]
        #expect(try parse(text) == expected)
        #expect(try parse(text, chunkSize: 1) == expected)
    }

    @Test func skipsAByteOrderMarkOnlyAtTheStart() throws {
        #expect(try parse("\u{FEFF}a,b\r\n") == [CSVRecord(fields: ["a", "b"], line: 1)])
        #expect(try parse("\u{FEFF}a,b\r\n", chunkSize: 1) == [CSVRecord(fields: ["a", "b"], line: 1)])
        #expect(try parse("\u{FEFF}").isEmpty)
        #expect(try parse("a\n\u{FEFF}b\n").map(\.fields) == [["a"], ["\u{FEFF}b"]])
        // Written quoted, a leading U+FEFF in the first field survives.
        #expect(try parse(CSV.line(["\u{FEFF}x", "y"])).map(\.fields) == [["\u{FEFF}x", "y"]])
    }

    @Test func lastRecordNeedNotEndWithALineEnding() throws {
        #expect(try parse("a\nb,c") == [CSVRecord(fields: ["a"], line: 1), CSVRecord(fields: ["b", "c"], line: 2)])
        #expect(try parse("a,") == [CSVRecord(fields: ["a", ""], line: 1)])
        #expect(try parse("\"a\"") == [CSVRecord(fields: ["a"], line: 1)])
        #expect(try parse("a\r") == [CSVRecord(fields: ["a"], line: 1)])
    }

    @Test func readerIsReusableAfterFinish() throws {
        var reader = CSVReader()
        #expect(try reader.feed(Array("a\nb".utf8)).map(\.fields) == [["a"]])
        #expect(try reader.finish() == [CSVRecord(fields: ["b"], line: 2)])
        #expect(try reader.feed(Array("c\n".utf8)) == [CSVRecord(fields: ["c"], line: 1)])
    }

    @Test func rejectsAQuoteInsideAnUnquotedField() {
        #expect(
            throws: CSVError(
                line: 2,
                message: "quote inside an unquoted field; quote the whole field and double the inner quotes"
            )
        ) {
            try parse("a\nb\"c\n")
        }
    }

    @Test func rejectsCharactersAfterAClosingQuote() {
        for text in ["a\n\"b\"x\n", "a\n\"b\" \n", "a\n\"b\",\"c\"\"d\"e\n"] {
            let error = #expect(throws: CSVError.self) { try parse(text) }
            #expect(error?.line == 2)
            #expect(error?.message == "unexpected character after a closing quote; expected a comma or the end of the line")
        }
        // The line is where the stray character is, not where the field began.
        let error = #expect(throws: CSVError.self) { try parse("a\n\"b\nc\"d\n") }
        #expect(error?.description == "line 3: unexpected character after a closing quote; expected a comma or the end of the line")
    }

    @Test func rejectsAnUnterminatedQuotedFieldAtTheEnd() {
        #expect(throws: CSVError(line: 2, message: "quoted field is not terminated; the closing quote is missing")) {
            try parse("a\nb,\"c\nd\ne")
        }
    }

    @Test func rejectsABareCarriageReturn() {
        let error = #expect(throws: CSVError.self) { try parse("a\nb\rc\n") }
        #expect(error?.line == 2)
    }

    @Test func rejectsInvalidUTF8NamingTheLine() throws {
        let bytes = Array("a\nok,".utf8) + [0xC3, 0x28] + Array("\n".utf8)
        #expect(throws: CSVError(line: 2, message: "field 2 is not valid UTF-8")) { try parse(bytes) }
        // A multi-byte sequence split across feeds is still valid.
        #expect(try parse("é,ü\n", chunkSize: 1).map(\.fields) == [["é", "ü"]])
        // A truncated byte order mark is data, and not UTF-8.
        #expect(throws: CSVError(line: 1, message: "field 1 is not valid UTF-8")) { try parse([0xEF, 0xBB]) }
    }

    @Test func capsTheBufferedRecord() {
        var reader = CSVReader(maxRecordBytes: 10)
        #expect(throws: CSVError(line: 2, message: "record is longer than 10 bytes")) {
            _ = try reader.feed(Array("short\n\"never closed...".utf8))
        }
    }

    @Test func tableMapsRecordsByColumnName() throws {
        let records = try parse("id,email,metadata\r\n1,a@example.com,\"{\"\"a\"\":1}\"\r\n2,b@example.com,\r\n")
        let table = try CSVTable(header: records[0])
        #expect(table.columns == ["id", "email", "metadata"])
        #expect(try table.row(records[1]) == ["id": "1", "email": "a@example.com", "metadata": #"{"a":1}"#])
        #expect(try table.row(records[2]) == ["id": "2", "email": "b@example.com", "metadata": ""])
    }

    @Test func tableRejectsAFieldCountMismatch() throws {
        let table = try CSVTable(header: CSVRecord(fields: ["a", "b"], line: 1))
        #expect(throws: CSVError(line: 7, message: "expected 2 fields as in the header, found 1")) {
            try table.row(CSVRecord(fields: ["x"], line: 7))
        }
        #expect(throws: CSVError(line: 8, message: "expected 2 fields as in the header, found 3")) {
            try table.row(CSVRecord(fields: ["x", "y", "z"], line: 8))
        }
    }

    @Test func tableRejectsDuplicateOrEmptyColumnNames() {
        #expect(throws: CSVError(line: 1, message: "column \"a\" appears more than once")) {
            try CSVTable(header: CSVRecord(fields: ["a", "b", "a"], line: 1))
        }
        #expect(throws: CSVError(line: 1, message: "column 2 has no name")) {
            try CSVTable(header: CSVRecord(fields: ["a", ""], line: 1))
        }
    }

    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func randomRecordsRoundTripUnderRandomSplits(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let alphabet: [String] = ["a", "Z", "0", " ", ",", "\"", "\r", "\n", "\r\n", "é", "😀", "日", "\u{FEFF}", "{", ":", "\t"]
        var rows: [[String]] = []
        for _ in 0..<300 {
            let fieldCount = Int.random(in: 1...6, using: &random)
            rows.append(
                (0..<fieldCount).map { _ in
                    (0..<Int.random(in: 0...8, using: &random)).map { _ in alphabet.randomElement(using: &random)! }.joined()
                })
        }
        let bytes = Array(rows.map(CSV.line).joined().utf8)

        var reader = CSVReader()
        var records: [CSVRecord] = []
        var start = 0
        while start < bytes.count {
            let end = min(start + Int.random(in: 1...40, using: &random), bytes.count)
            records += try reader.feed(bytes[start..<end])
            start = end
        }
        records += try reader.finish()

        #expect(records.map(\.fields) == rows)
        var line = 1
        for (record, row) in zip(records, rows) {
            #expect(record.line == line)
            line += CSV.line(row).utf8.count { $0 == UInt8(ascii: "\n") }
        }
    }
}
