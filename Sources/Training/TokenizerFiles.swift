import Foundation
import Tokenization

/// The Hugging Face tokenizer files (`vocab.json`, `merges.txt`, `tokenizer_config.json`) a
/// checkpoint carries, so that Python's `AutoTokenizer.from_pretrained(dir)` works on it.
public enum TokenizerFiles {
    /// `vocab.json` and `merges.txt` rebuilt from a rank-ordered byte-level BPE tokenizer (GPT-2's
    /// built-in tiktoken ranks), plus `tokenizer_config.json`.
    ///
    /// Each token of rank r (≥ 256) was made by one merge: byte-pair encoding its bytes with only
    /// the merges of rank < r leaves exactly two parts, the merge's left and right tokens.
    public static func derived(from tokenizer: Tokenizer, contextLength: Int) -> [String: Data] {
        var rank: [[UInt8]: Int] = [:]
        var tokens: [[UInt8]] = []
        for id in 0 ..< tokenizer.vocabularySize {
            guard tokenizer.specialTokenText(id) == nil, let bytes = tokenizer.bytes(forToken: id) else { break }
            rank[bytes] = id
            tokens.append(bytes)
        }
        var merges = "#version: 0.2\n"
        for (id, bytes) in tokens.enumerated() where bytes.count > 1 {
            let parts = encode(bytes, ranks: rank, below: id)
            guard parts.count == 2 else { continue }   // not a merge product (never for GPT-2)
            merges += ByteLevelAlphabet.encode(parts[0]) + " " + ByteLevelAlphabet.encode(parts[1]) + "\n"
        }
        var vocabulary = "{"
        for id in 0 ..< tokenizer.vocabularySize {
            guard let text = tokenizer.alphabetText(forToken: id) else { continue }
            vocabulary += (id == 0 ? "" : ", ") + quoted(text) + ": \(id)"
        }
        vocabulary += "}"
        return ["vocab.json": Data(vocabulary.utf8), "merges.txt": Data(merges.utf8),
                "tokenizer_config.json": configuration(contextLength: contextLength)]
    }

    /// `vocab.json` and `merges.txt` of a folder as they are, plus `tokenizer_config.json`.
    public static func copied(from folder: URL, contextLength: Int) -> [String: Data] {
        var files = ["tokenizer_config.json": configuration(contextLength: contextLength)]
        for name in ["vocab.json", "merges.txt"] {
            files[name] = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path)
        }
        return files
    }

    /// `tokenizer_config.json` for a GPT-2 tokenizer whose special token is `<|endoftext|>`.
    static func configuration(contextLength: Int) -> Data {
        let special = "<|endoftext|>"
        return Data("""
            {"tokenizer_class": "GPT2Tokenizer", "model_max_length": \(contextLength), "bos_token": "\(special)", \
            "eos_token": "\(special)", "unk_token": "\(special)", "add_prefix_space": false}\n
            """.utf8)
    }

    /// Byte-pair encoding of `bytes` using only tokens of rank below `limit` (lowest rank first).
    static func encode(_ bytes: [UInt8], ranks: [[UInt8]: Int], below limit: Int) -> [[UInt8]] {
        var parts = bytes.map { [$0] }
        while parts.count > 1 {
            var best: (index: Int, rank: Int)?
            for i in 0 ..< parts.count - 1 {
                if let r = ranks[parts[i] + parts[i + 1]], r < limit, r < (best?.rank ?? Int.max) { best = (i, r) }
            }
            guard let best else { break }
            parts[best.index] += parts[best.index + 1]
            parts.remove(at: best.index + 1)
        }
        return parts
    }

    /// A JSON string literal.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
