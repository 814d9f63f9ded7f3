/// RFC 4180 CSV, sized for exporting and importing every user of an app.
///
/// Writing is one record at a time and reading is incremental, so an export or
/// import of a million users never holds more than the current record in memory.
public enum CSV {
    /// One record, terminated by CRLF as RFC 4180 asks, so the output opens
    /// cleanly in spreadsheets and reads back through `CSVReader` unchanged.
    ///
    /// Fields are quoted only when they must be, or when a tool might otherwise
    /// lose data: spreadsheets trim unquoted edge spaces, and a leading U+FEFF in
    /// the first field would be taken for a byte order mark. A record made of a
    /// single empty field is written as `""` because a bare line ending is an
    /// empty line, which readers skip.
    public static func line(_ fields: [String]) -> String {
        if fields.count == 1, fields[0].isEmpty { return "\"\"\r\n" }
        var out = ""
        for (index, field) in fields.enumerated() {
            if index > 0 { out.append(",") }
            if needsQuotes(field) {
                out.append("\"")
                for scalar in field.unicodeScalars {
                    out.unicodeScalars.append(scalar)
                    if scalar == "\"" { out.unicodeScalars.append(scalar) }
                }
                out.append("\"")
            } else {
                out.append(field)
            }
        }
        out.append("\r\n")
        return out
    }

    private static func needsQuotes(_ field: String) -> Bool {
        let bytes = field.utf8
        guard let first = bytes.first, let last = bytes.last else { return false }
        if first == .space || last == .space || field.unicodeScalars.first == "\u{FEFF}" { return true }
        return bytes.contains { $0 == .comma || $0 == .quote || $0 == .cr || $0 == .lf }
    }
}

/// A parsed record, with the physical line it starts on so an import can point
/// the operator at the offending row in their editor.
public struct CSVRecord: Sendable, Equatable {
    public var fields: [String]
    /// 1-based; quoted fields may span lines, so this is not the record's index.
    public var line: Int

    public init(fields: [String], line: Int) {
        self.fields = fields
        self.line = line
    }
}

/// Malformed input, located by physical line so it can be fixed by hand.
public struct CSVError: Error, Equatable, CustomStringConvertible {
    public var line: Int
    public var message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { "line \(line): \(message)" }
}

/// An incremental CSV parser: bytes go in as they arrive from a file or a
/// request body, split anywhere, and complete records come out.
///
/// It works on bytes rather than Characters for speed, and decodes each field
/// as UTF-8 only once the field is complete, so a chunk boundary inside a
/// multi-byte sequence, a CRLF or a doubled quote is harmless. Only the record
/// being parsed is buffered, and `maxRecordBytes` caps even that, so an
/// unterminated quote cannot make the reader swallow a whole upload.
///
/// Both CRLF and LF end a record; empty lines are skipped; a UTF-8 byte order
/// mark at the very start is ignored. Once `feed` or `finish` has thrown, the
/// input is bad and the reader should be discarded.
public struct CSVReader: Sendable {
    private enum State: Sendable {
        case fieldStart, unquoted, quoted, quoteInQuoted, carriageReturn
    }

    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    public let maxRecordBytes: Int

    private var state = State.fieldStart
    private var field: [UInt8] = []
    private var fields: [String] = []
    /// The physical line being read; advanced on every LF, quoted or not.
    private var line = 1
    private var recordLine = 1
    private var fieldLine = 1
    private var recordStarted = false
    private var recordBytes = 0
    /// How much of a byte order mark has been seen at the start; nil once past it.
    private var byteOrderMarkMatched: Int? = 0

    public init(maxRecordBytes: Int = 16 * 1024 * 1024) {
        self.maxRecordBytes = maxRecordBytes
    }

    /// The records completed by these bytes; a partial record waits for more.
    public mutating func feed(_ bytes: some Sequence<UInt8>) throws -> [CSVRecord] {
        var records: [CSVRecord] = []
        // Iterating a contiguous buffer avoids a generic `next()` per byte.
        let handled: Void? = try bytes.withContiguousStorageIfAvailable { buffer in
            for byte in buffer { try accept(byte, into: &records) }
        }
        if handled == nil {
            for byte in bytes { try accept(byte, into: &records) }
        }
        return records
    }

    /// The last record, for input that does not end with a line ending. The
    /// reader is reset afterwards and can parse a new input.
    public mutating func finish() throws -> [CSVRecord] {
        var records: [CSVRecord] = []
        if let matched = byteOrderMarkMatched {
            // A truncated mark is not a mark: parse its bytes as data.
            byteOrderMarkMatched = nil
            for byte in Self.byteOrderMark.prefix(matched) { try consume(byte, into: &records) }
        }
        switch state {
        case .quoted:
            throw CSVError(line: fieldLine, message: "quoted field is not terminated; the closing quote is missing")
        case .fieldStart, .unquoted, .quoteInQuoted, .carriageReturn:
            if recordStarted {
                if state != .carriageReturn { try endField() }
                endRecord(into: &records)
            }
        }
        self = CSVReader(maxRecordBytes: maxRecordBytes)
        return records
    }

    private mutating func accept(_ byte: UInt8, into records: inout [CSVRecord]) throws {
        if let matched = byteOrderMarkMatched {
            if byte == Self.byteOrderMark[matched] {
                byteOrderMarkMatched = matched + 1 == Self.byteOrderMark.count ? nil : matched + 1
                return
            }
            byteOrderMarkMatched = nil
            for replayed in Self.byteOrderMark.prefix(matched) { try consume(replayed, into: &records) }
        }
        try consume(byte, into: &records)
    }

    private mutating func consume(_ byte: UInt8, into records: inout [CSVRecord]) throws {
        switch state {
        case .fieldStart:
            switch byte {
            case .quote:
                beginField()
                state = .quoted
            case .comma:
                beginField()
                try endField()
            case .lf:
                // A bare line ending between records is an empty line, not a record.
                if recordStarted {
                    try endField()
                    endRecord(into: &records)
                }
            case .cr:
                if recordStarted { try endField() }
                state = .carriageReturn
            default:
                beginField()
                field.append(byte)
                state = .unquoted
            }
        case .unquoted:
            switch byte {
            case .comma:
                try endField()
                state = .fieldStart
            case .lf:
                try endField()
                endRecord(into: &records)
            case .cr:
                try endField()
                state = .carriageReturn
            case .quote:
                throw CSVError(line: line, message: "quote inside an unquoted field; quote the whole field and double the inner quotes")
            default:
                field.append(byte)
            }
        case .quoted:
            if byte == .quote {
                state = .quoteInQuoted
            } else {
                field.append(byte)
            }
        case .quoteInQuoted:
            switch byte {
            case .quote:
                field.append(.quote)
                state = .quoted
            case .comma:
                try endField()
                state = .fieldStart
            case .lf:
                try endField()
                endRecord(into: &records)
            case .cr:
                try endField()
                state = .carriageReturn
            default:
                throw CSVError(line: line, message: "unexpected character after a closing quote; expected a comma or the end of the line")
            }
        case .carriageReturn:
            guard byte == .lf else {
                throw CSVError(line: line, message: "carriage return not followed by a line feed")
            }
            if recordStarted {
                endRecord(into: &records)
            } else {
                state = .fieldStart
            }
        }
        if byte == .lf { line += 1 }
        if recordStarted {
            recordBytes += 1
            if recordBytes > maxRecordBytes {
                throw CSVError(line: recordLine, message: "record is longer than \(maxRecordBytes) bytes")
            }
        }
    }

    private mutating func beginField() {
        if !recordStarted {
            recordStarted = true
            recordLine = line
        }
        fieldLine = line
    }

    private mutating func endField() throws {
        guard let text = String(validating: field, as: UTF8.self) else {
            throw CSVError(line: fieldLine, message: "field \(fields.count + 1) is not valid UTF-8")
        }
        fields.append(text)
        field.removeAll(keepingCapacity: true)
    }

    private mutating func endRecord(into records: inout [CSVRecord]) {
        records.append(CSVRecord(fields: fields, line: recordLine))
        fields.removeAll(keepingCapacity: true)
        recordStarted = false
        recordBytes = 0
        state = .fieldStart
    }
}

/// Reads records by column name, so an import does not depend on column order
/// and a file from another version of the export still maps correctly.
public struct CSVTable: Sendable {
    public let columns: [String]

    /// Rejects names that would make a lookup ambiguous or impossible. `keepingFirstDuplicate` reads a
    /// repeated column by its first occurrence instead: the original CoSync server writes
    /// `htmlTemplate` twice in its template export.
    public init(header: CSVRecord, keepingFirstDuplicate: Bool = false) throws {
        var seen = Set<String>()
        for (index, name) in header.fields.enumerated() {
            if name.isEmpty {
                throw CSVError(line: header.line, message: "column \(index + 1) has no name")
            }
            if !seen.insert(name).inserted, !keepingFirstDuplicate {
                throw CSVError(line: header.line, message: "column \"\(name)\" appears more than once")
            }
        }
        columns = header.fields
    }

    /// A short or long record means a shifted column, so every value in it
    /// would be suspect; it is rejected rather than padded or truncated.
    public func row(_ record: CSVRecord) throws -> [String: String] {
        guard record.fields.count == columns.count else {
            throw CSVError(
                line: record.line,
                message: "expected \(columns.count) fields as in the header, found \(record.fields.count)"
            )
        }
        return Dictionary(zip(columns, record.fields), uniquingKeysWith: { first, _ in first })
    }
}

extension UInt8 {
    fileprivate static let lf = UInt8(ascii: "\n")
    fileprivate static let cr = UInt8(ascii: "\r")
    fileprivate static let quote = UInt8(ascii: "\"")
    fileprivate static let comma = UInt8(ascii: ",")
    fileprivate static let space = UInt8(ascii: " ")
}
