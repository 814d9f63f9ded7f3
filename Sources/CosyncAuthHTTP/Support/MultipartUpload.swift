import Foundation
import MultipartKit
import NIOCore

/// Reads a `multipart/form-data` upload as the original's portal sends it (a `file` part and text
/// fields such as `appName`), streaming the file part to disk and keeping only small text fields.
final class MultipartUpload {
    private let parser: MultipartParser
    private let file: FileHandle
    private var partName: String?
    private var text = ""
    private(set) var fields: [String: String] = [:]
    private(set) var fileBytes = 0
    private var failure: (any Error)?

    static let maxFieldBytes = 4 * 1024

    init(boundary: String, file: FileHandle) {
        parser = MultipartParser(boundary: boundary)
        self.file = file
        parser.onHeader = { [unowned self] name, value in
            guard name.lowercased() == "content-disposition" else { return }
            self.partName = Self.parameter("name", in: value)
        }
        parser.onBody = { [unowned self] buffer in
            guard failure == nil else { return }
            if partName == "file" {
                fileBytes += buffer.readableBytes
                do { try file.write(contentsOf: buffer.readableBytesView) } catch { failure = error }
            } else if text.utf8.count + buffer.readableBytes <= Self.maxFieldBytes {
                text += String(buffer: buffer)
            }
        }
        parser.onPartComplete = { [unowned self] in
            if let name = partName, name != "file" { fields[name] = text }
            partName = nil
            text = ""
        }
    }

    struct Malformed: Error {}

    func feed(_ buffer: ByteBuffer) throws {
        do { try parser.execute(buffer) } catch { throw Malformed() }
        if let failure { throw failure }
    }

    /// The boundary of a `multipart/form-data` content type, or nil for any other type.
    static func boundary(contentType: String) -> String? {
        guard contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        return parameter("boundary", in: contentType)
    }

    /// A `key=value` or `key="value"` parameter of a header value.
    static func parameter(_ key: String, in header: String) -> String? {
        for part in header.split(separator: ";") {
            let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].lowercased() == key else { continue }
            return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return nil
    }
}
