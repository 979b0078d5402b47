import FileAccess

/// A training corpus for the model and tokenizer trainers: UTF-8 text, with Windows line endings
/// read as LF, so that a corpus saved on Windows teaches the same tokens as the same text saved
/// elsewhere (no "\r\n" tokens, no merges with "\r").
public enum CorpusFile {
    /// The corpus at `path` (a file, or a stream such as `<(zcat corpus.gz)`), CRLF turned into LF.
    public static func read(_ path: String) throws(Problem) -> [UInt8] {
        do throws(FileAccessError) {
            return TextLines.withLFLineEndings(try FileAccess.readText(atPath: path, accepting: .fileOrStream))
        } catch {
            if case let .notUTF8(_, problem) = error { throw .notUTF8(name: path, problem: problem) }
            throw .unreadable(name: path, reason: error.reason)
        }
    }

    /// A corpus file that cannot be used.
    public enum Problem: Error, CustomStringConvertible {
        case unreadable(name: String, reason: String)
        case notUTF8(name: String, problem: InvalidUTF8)

        public var description: String {
            switch self {
            case let .unreadable(name, reason):
                return "cannot read corpus \(name): \(reason); check the path"
            case let .notUTF8(name, problem):
                return "corpus \(name) is not valid UTF-8 (byte offset \(problem.offset)) on line \(problem.line) "
                    + "(0x\(String(problem.byte, radix: 16))); convert it to UTF-8 first"
            }
        }
    }
}
