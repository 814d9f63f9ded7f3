public import CosyncAuthCore
public import Foundation
import Synchronization
import ZIPFoundation

/// Writes an export as a zip of CSV files: each file goes to a temporary folder as it is written, then
/// all are deflated into the zip in one pass. Memory holds one chunk at a time; disk holds the export
/// twice, briefly.
public final class ZipExportSink: ExportSink {
    private let folder: URL
    private let state = Mutex<(handle: FileHandle?, names: [String])>((nil, []))

    public init() throws {
        folder = try PrivateFiles.folder("cosync-export")
    }

    public func begin(file name: String) async throws {
        let url = folder.appendingPathComponent(name)
        try PrivateFiles.create(url)
        let handle = try FileHandle(forWritingTo: url)
        state.withLock { $0 = (handle, $0.names + [name]) }
    }

    public func append(_ text: String) async throws {
        guard let handle = state.withLock({ $0.handle }) else { throw ArchiveFailure("no file is open") }
        try handle.write(contentsOf: Data(text.utf8))
    }

    public func end() async throws {
        let handle = state.withLock { state in
            defer { state.handle = nil }
            return state.handle
        }
        try handle?.close()
    }

    /// Zips the files written so far into `destination` (replaced if it exists).
    public func finish(to destination: URL) throws {
        try? FileManager.default.removeItem(at: destination)
        let archive = try Archive(url: destination, accessMode: .create)
        for name in state.withLock({ $0.names }) {
            try archive.addEntry(with: name, fileURL: folder.appendingPathComponent(name), compressionMethod: .deflate)
        }
    }

    /// Removes the temporary files.
    public func discard() {
        try? FileManager.default.removeItem(at: folder)
    }

    deinit { discard() }
}

/// An archive's fault, said plainly.
public struct ArchiveFailure: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
