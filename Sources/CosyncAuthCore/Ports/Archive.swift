/// Where an export goes: named files written one after the other, each in chunks. The adapter decides
/// the container (a zip of CSV files); the domain only writes rows.
public protocol ExportSink: Sendable {
    func begin(file name: String) async throws
    func append(_ text: String) async throws
    func end() async throws
}

/// An archive being imported: its files by name, read in chunks so that a large file never sits in
/// memory whole.
public protocol ImportSource: Sendable {
    func contains(_ file: String) -> Bool
    func read(_ file: String, _ chunk: ([UInt8]) async throws -> Void) async throws
}
