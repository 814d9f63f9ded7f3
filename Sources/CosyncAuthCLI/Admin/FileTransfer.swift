import Foundation
import NIOCore

/// A file read in chunks as an async sequence of buffers: what an upload's body is made of.
struct FileChunks: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let url: URL
    let onProgress: @Sendable (Int) -> Void

    struct AsyncIterator: AsyncIteratorProtocol {
        let handle: FileHandle?
        let onProgress: @Sendable (Int) -> Void
        var sent = 0

        mutating func next() async throws -> ByteBuffer? {
            guard let handle, let data = try handle.read(upToCount: 256 * 1024), !data.isEmpty else {
                try handle?.close()
                return nil
            }
            sent += data.count
            onProgress(sent)
            return ByteBuffer(bytes: data)
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(handle: try? FileHandle(forReadingFrom: url), onProgress: onProgress)
    }
}

/// A one-line progress bar on stderr, drawn only when stderr is a terminal (never in logs or pipes).
final class ProgressBar: Sendable {
    let label: String
    let total: Int
    let enabled = isatty(STDERR_FILENO) == 1

    init(_ label: String, total: Int) {
        self.label = label
        self.total = total
    }

    func update(_ done: Int) {
        guard enabled else { return }
        let width = 30
        let text: String
        if total > 0 {
            let fraction = min(1, Double(done) / Double(total))
            let filled = Int(fraction * Double(width))
            text = "\r\(label) [\(String(repeating: "#", count: filled))\(String(repeating: ".", count: width - filled))] \(Int(fraction * 100))%"
        } else {
            text = "\r\(label) \(ByteCountFormatter.string(fromByteCount: Int64(done), countStyle: .file))"
        }
        FileHandle.standardError.write(Data(text.utf8))
    }

    func done() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\n".utf8))
    }
}
