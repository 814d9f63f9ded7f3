import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A password typed by a person at a terminal, with echo off and asked twice; or, when standard input
/// is not a terminal, its first line (`printf '%s\n' "$PW" | cosync-auth ...`). Never an argument: `ps`
/// and the shell's history would show it.
enum PasswordPrompt {
    static func read(_ prompt: String, confirm: Bool) throws -> String {
        guard isatty(STDIN_FILENO) == 1 else {
            guard let line = readLine(strippingNewline: true), !line.isEmpty else { throw CLIError("no password on standard input") }
            return line
        }
        let first = try silently(prompt)
        if confirm, try silently("Again: ") != first { throw CLIError("the two passwords differ") }
        return first
    }

    private static func silently(_ prompt: String) throws -> String {
        FileHandle.standardError.write(Data(prompt.utf8))
        var saved = termios()
        tcgetattr(STDIN_FILENO, &saved)
        var quiet = saved
        quiet.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        guard let line = readLine(strippingNewline: true), !line.isEmpty else { throw CLIError("no password given") }
        return line
    }
}
