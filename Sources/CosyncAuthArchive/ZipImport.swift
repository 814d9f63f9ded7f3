public import CosyncAuthCore
public import Foundation
import ZIPFoundation

/// Reads an export's zip: the five known CSV files are extracted (wherever they sit in the zip, as
/// some tools add a folder) to a temporary folder, counting real bytes so that a zip bomb stops at the
/// limit whatever its headers claim; other entries are ignored, so no name from the archive ever
/// becomes a path.
public final class ZipImportSource: ImportSource {
    private let folder: URL
    private let files: Set<String>

    public static let defaultMaxBytes = 4 * 1024 * 1024 * 1024

    public init(zip url: URL, maxBytes: Int = ZipImportSource.defaultMaxBytes) throws {
        let archive: Archive
        do { archive = try Archive(url: url, accessMode: .read) } catch { throw ArchiveFailure("not a zip file") }
        folder = try PrivateFiles.folder("cosync-import")
        var files = Set<String>()
        var total = 0
        do {
            for entry in archive where entry.type == .file {
                let name = String(entry.path.split(separator: "/").last ?? "")
                guard ArchiveLayout.files.contains(name) else { continue }
                guard !files.contains(name) else { throw ArchiveFailure("the zip holds \(name) twice") }
                let target = folder.appendingPathComponent(name)
                _ = FileManager.default.createFile(atPath: target.path, contents: nil)
                let handle = try FileHandle(forWritingTo: target)
                defer { try? handle.close() }
                do {
                    _ = try archive.extract(entry) { chunk in
                        total += chunk.count
                        guard total <= maxBytes else { throw ArchiveFailure("the zip unpacks to more than \(maxBytes) bytes") }
                        try handle.write(contentsOf: chunk)
                    }
                } catch let failure as ArchiveFailure {
                    throw failure
                } catch {
                    throw ArchiveFailure("\(name) is damaged in the zip (truncated or corrupt)")
                }
                files.insert(name)
            }
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
        self.files = files
    }

    public func contains(_ file: String) -> Bool { files.contains(file) }

    public func read(_ file: String, _ chunk: ([UInt8]) async throws -> Void) async throws {
        guard files.contains(file) else { return }
        let handle = try FileHandle(forReadingFrom: folder.appendingPathComponent(file))
        defer { try? handle.close() }
        while let data = try handle.read(upToCount: 64 * 1024), !data.isEmpty {
            try await chunk([UInt8](data))
        }
    }

    public func discard() {
        try? FileManager.default.removeItem(at: folder)
    }

    deinit { discard() }
}
