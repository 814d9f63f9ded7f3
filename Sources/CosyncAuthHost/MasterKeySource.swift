import CosyncAuthCrypto
import CosyncAuthStorage
import Foundation
import Logging

/// Finds the master key: the configured one (`COSYNC_MASTER_KEY`), else (on the embedded SQLite default
/// only) a key file beside the database, created with mode 0600 on first use. PostgreSQL deployments
/// must give the key: several instances share the database, and a key file on one machine would lock the
/// others out.
enum MasterKeySource {
    static func resolve(given: MasterKey?, database: DatabaseURL, logger: Logger) throws -> MasterKey {
        if let given { return given }
        guard database.engine == .sqlite else {
            throw ConfigurationError("COSYNC_MASTER_KEY is required with PostgreSQL (make one with: head -c 32 /dev/urandom | base64)")
        }
        return try keyFile(path: database.location + ".key", logger: logger)
    }

    private static func keyFile(path: String, logger: Logger) throws -> MasterKey {
        let fresh = MasterKey.generate()
        // O_EXCL: when two processes start at once, exactly one creates the file and both read it.
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        if fd >= 0 {
            let text = fresh.base64 + "\n"
            let written = text.withCString { write(fd, $0, strlen($0)) }
            close(fd)
            guard written == text.utf8.count else { throw ConfigurationError("could not write the master key file \(path)") }
            logger.notice("created a master key file; back it up with the database", metadata: ["path": "\(absolute(path))"])
            return fresh
        }
        guard errno == EEXIST else {
            throw ConfigurationError("could not create the master key file \(path): \(String(cString: strerror(errno)))")
        }
        // A key others can read is no secret: refuse it rather than use it.
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & 0o077 != 0 {
            throw ConfigurationError(
                "the master key file \(path) can be read by other users (mode \(String(info.st_mode & 0o777, radix: 8))); run: chmod 600 \(path)")
        }
        guard let data = FileManager.default.contents(atPath: path),
            let key = MasterKey(base64: String(decoding: data, as: UTF8.self))
        else { throw ConfigurationError("the master key file \(path) is unreadable or not base64 of 32 bytes") }
        logger.info("using the master key file", metadata: ["path": "\(absolute(path))"])
        return key
    }

    private static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }
}
