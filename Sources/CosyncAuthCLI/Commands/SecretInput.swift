import Foundation

/// Secrets a command needs (a server secret, a password, an SMS token) without putting them on the
/// command line, where `ps` and the shell's history show them: from a file, or from standard input
/// with `-`. An option on the command line still works, for scripts that already use one.
enum SecretInput {
    /// The value of `option` if given, else of the file `file` (`-` for standard input) without its
    /// final line break; nil when neither is given.
    static func read(option: String?, file: String?) throws -> String? {
        if let option { return option }
        guard let file else { return nil }
        let data: Data
        if file == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: file) else { throw CLIError("cannot read \(file)") }
            data = contents
        }
        var text = String(decoding: data, as: UTF8.self)
        while text.hasSuffix("\n") || text.hasSuffix("\r") { text.removeLast() }
        guard !text.isEmpty else { throw CLIError("\(file == "-" ? "standard input" : file) is empty") }
        return text
    }
}
