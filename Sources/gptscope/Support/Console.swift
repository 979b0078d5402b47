import Foundation

/// Standard error, the one place the CLI writes it: progress, notes about written files, and
/// messages that must not mix with JSON or CSV on standard output.
enum Console {
    /// Writes `message` and a newline to standard error.
    static func note(_ message: String) {
        write(message + "\n")
    }

    /// Writes `text` to standard error as it is (a progress bar redraws its line with `\r`).
    static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
