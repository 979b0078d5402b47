import FileAccess
import Foundation

/// A byte-level BPE vocabulary learned by `BPETrainer`: tokens, merges in order, and the
/// Hugging Face files (`vocab.json`, `merges.txt`) that store them.
///
/// The files are in GPT-2's format and byte alphabet, so `Tokenizer(vocabularyFile:mergesFile:)`
/// and Python's `transformers.GPT2TokenizerFast` read them as they read GPT-2's own.
public struct TrainedVocabulary: Sendable {
    /// The bytes of each ordinary token, by id (0–255 are the single bytes).
    public let tokens: [[UInt8]]
    /// The merges in the order they were learned (the order of `merges.txt`).
    public let merges: [BPEMerge]
    /// Bytes of corpus text trained on.
    public let corpusByteCount: Int
    /// Pre-tokenizer pieces in the corpus.
    public let corpusPieceCount: Int
    /// Distinct pre-tokenizer pieces in the corpus.
    public let distinctPieceCount: Int

    /// The id of `<|endoftext|>`: the one after the last ordinary token.
    public var endOfTextID: Int { tokens.count }

    /// Number of ids, `<|endoftext|>` included (the model's embedding rows).
    public var vocabularySize: Int { tokens.count + 1 }

    /// A token in GPT-2's byte alphabet, as `vocab.json` and `merges.txt` write it (`"Ġthe"`).
    public func alphabetText(forToken id: Int) -> String {
        id == endOfTextID ? BPETrainer.endOfText : ByteLevelAlphabet.encode(tokens[id])
    }

    /// The contents of `vocab.json`: `{"!": 0, ..., "<|endoftext|>": N}` in id order, on one line
    /// like GPT-2's.
    public func vocabularyJSON() -> [UInt8] {
        var out = "{"
        for id in 0...endOfTextID {
            if id > 0 { out += ", " }
            out += "\""
            // The byte alphabet has no control characters, so only '"' and '\' need escaping.
            for scalar in alphabetText(forToken: id).unicodeScalars {
                if scalar == "\"" || scalar == "\\" { out += "\\" }
                out.unicodeScalars.append(scalar)
            }
            out += "\": \(id)"
        }
        out += "}"
        return Array(out.utf8)
    }

    /// The contents of `merges.txt`: a `#version: 0.2` line (which Hugging Face's readers skip),
    /// then one `left right` line per merge, first learned first.
    public func mergesText() -> [UInt8] {
        var out = "#version: 0.2\n"
        for merge in merges {
            out += alphabetText(forToken: merge.left) + " " + alphabetText(forToken: merge.right) + "\n"
        }
        return Array(out.utf8)
    }

    /// A tokenizer that encodes with these merges (through the same reader as files on disk).
    public func tokenizer() throws(TokenizerError) -> Tokenizer {
        try Tokenizer(vocabularyJSON: vocabularyJSON(), merges: mergesText())
    }

    /// Writes `vocab.json` and `merges.txt` into `directory` (created if needed); each file is
    /// written to a temporary file and renamed, so a failure never leaves half a file.
    public func write(to directory: URL) throws(BPETrainingError) {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw .unwritableOutput(path: directory.path, reason: FileAccess.reason(for: error))
        }
        for (name, bytes) in [("vocab.json", vocabularyJSON()), ("merges.txt", mergesText())] {
            let url = directory.appendingPathComponent(name)
            do {
                try Data(bytes).write(to: url, options: .atomic)
            } catch {
                throw .unwritableOutput(path: url.path, reason: FileAccess.reason(for: error))
            }
        }
    }
}
