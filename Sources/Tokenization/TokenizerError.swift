import FileAccess

/// Why a vocabulary could not be loaded or ids could not be decoded.
///
/// Each `description` is one line that names the file (and line) at fault and what to do.
public enum TokenizerError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A file could not be read at all.
    case unreadableFile(path: String, reason: String)
    /// A checkpoint folder lacks a file the tokenizer needs.
    case missingFile(directory: String, name: String)
    /// A line of a vocabulary, merges or rank file is not in the expected form.
    case malformedLine(file: String, line: Int, problem: String)
    /// The vocabulary has no token for some single bytes, so some text could not be encoded.
    case missingByteTokens(file: String, bytes: [UInt8])
    /// An id passed to `decode` is not in the vocabulary.
    case unknownTokenID(Int)
    /// A tokenizer.json uses a component or regex construct GPTScope cannot reproduce exactly.
    case unsupportedTokenizer(file: String, construct: String)
    /// A tokenizer.json is not in Hugging Face's format.
    case invalidTokenizerFile(file: String, problem: String)

    /// One line naming the problem and the fix.
    public var description: String {
        switch self {
        case let .unreadableFile(path, reason):
            return "cannot read \(path): \(reason); check the path and permissions"
        case let .missingFile(directory, name):
            return "\(directory) has no \(name); a model folder needs tokenizer.json, or vocab.json and merges.txt"
        case let .malformedLine(file, line, problem):
            return "\(file):\(line): \(problem)"
        case let .missingByteTokens(file, bytes):
            let shown = bytes.prefix(8).map { "0x" + hex($0) }.joined(separator: ", ")
            let more = bytes.count > 8 ? " and \(bytes.count - 8) more" : ""
            return "\(file) has no token for byte(s) \(shown)\(more); a byte-level BPE vocabulary "
                + "must contain all 256 single bytes so that any text can be encoded"
        case let .unsupportedTokenizer(file, construct):
            return "\(file): \(construct) is not supported; GPTScope reads byte-level and SentencePiece-style BPE tokenizers"
        case let .invalidTokenizerFile(file, problem):
            return "\(file): \(problem); expected a Hugging Face tokenizer.json"
        case let .unknownTokenID(id):
            return "token id \(id) is not in the vocabulary; use ids the same tokenizer produced"
        }
    }
}

extension TokenizerError {
    /// A vocabulary or merges file that is not valid UTF-8, at the line and byte of `problem`.
    static func notUTF8(file: String, _ problem: InvalidUTF8) -> TokenizerError {
        .malformedLine(file: file, line: problem.line,
                       problem: "not valid UTF-8 (byte offset \(problem.offset): 0x\(hex(problem.byte))); save the file as UTF-8")
    }
}

/// Two lowercase hex digits.
func hex(_ byte: UInt8) -> String {
    let digits = Array("0123456789abcdef")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
}
