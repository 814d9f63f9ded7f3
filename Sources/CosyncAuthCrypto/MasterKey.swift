import CSodium
import Foundation

/// The host's 256-bit master key, given as base64 (`COSYNC_MASTER_KEY`) or kept in a key file.
public struct MasterKey: Sendable {
    let bytes: [UInt8]

    public static let byteCount = 32

    /// Parses base64 of exactly 32 bytes; surrounding white space is ignored (key files end in a newline).
    public init?(base64 text: String) {
        guard let data = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)),
            data.count == Self.byteCount
        else { return nil }
        bytes = [UInt8](data)
    }

    public static func generate() -> MasterKey {
        Sodium.ensureReady()
        var bytes = [UInt8](repeating: 0, count: byteCount)
        randombytes_buf(&bytes, byteCount)
        return MasterKey(bytes: bytes)
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    public var base64: String { Data(bytes).base64EncodedString() }
}
