public import Foundation

/// Folders and files for exports and imports in progress. They hold password hashes (and, when asked
/// for, private keys), so only the host's own user may read them, whatever the umask.
public enum PrivateFiles {
    /// A new folder under the system's temporary one, mode 0700.
    public static func folder(_ prefix: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        return url
    }

    /// An empty file, mode 0600 (replacing one that was there).
    public static func create(_ url: URL) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw ArchiveFailure("cannot write \(url.path)")
        }
    }
}
