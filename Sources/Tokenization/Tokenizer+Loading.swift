import CEmbeddedData
import FileAccess
import Foundation

extension Tokenizer {
    /// GPT-2's tokenizer from the rank file compiled into GPTScope (50,257 tokens,
    /// `<|endoftext|>` = 50256); parsed on first use, then shared.
    public static func gpt2() throws(TokenizerError) -> Tokenizer {
        try builtInGPT2.get()
    }

    private static let builtInGPT2: Result<Tokenizer, TokenizerError> = {
        let data = UnsafeBufferPointer(start: gptscope_gpt2_tiktoken_bytes(), count: gptscope_gpt2_tiktoken_size)
        do throws(TokenizerError) {
            return .success(try Tokenizer(tiktoken: data, name: "gpt2",
                                          specialTokens: ["<|endoftext|>": 50256]))
        } catch {
            return .failure(error)
        }
    }()

    /// Loads a tokenizer from a file: a tiktoken rank file (`*.tiktoken`), or a Hugging Face
    /// `vocab.json` with its `merges.txt` in the same folder.
    public init(contentsOf url: URL) throws(TokenizerError) {
        if url.pathExtension.lowercased() == "json" {
            try self.init(vocabularyFile: url, mergesFile: url.deletingLastPathComponent().appendingPathComponent("merges.txt"))
        } else {
            let bytes = try Tokenizer.read(url)
            try self.init(tiktoken: bytes, name: url.lastPathComponent)
        }
    }

    /// The tokenizer files of a checkpoint folder, by the names they must have: `tokenizer.json`
    /// (Hugging Face tokenizers' format), else the GPT-2 pair `vocab.json` + `merges.txt`.
    static let checkpointFiles = ["tokenizer.json", "vocab.json", "merges.txt"]

    /// The tokenizer of a checkpoint folder, or nil when the folder holds no tokenizer file.
    ///
    /// The one place that decides how a folder's tokenizer is read (``init(checkpointDirectory:)``
    /// loads it); a folder with only some of the files needed is an error naming the missing one.
    public static func inCheckpoint(_ url: URL) throws(TokenizerError) -> Tokenizer? {
        let present = checkpointFiles.filter { FileManager.default.fileExists(atPath: url.appendingPathComponent($0).path) }
        return present.isEmpty ? nil : try Tokenizer(checkpointDirectory: url)
    }

    /// Loads the tokenizer of a Hugging Face model folder: its `tokenizer.json` if it has one
    /// (Llama, Qwen2, GPT-NeoX, SmolLM2, and GPT-2 too), else `vocab.json` and `merges.txt`; the
    /// tokenizer is named after the folder (`models/gpt2` → `gpt2`), as figures show it.
    public init(checkpointDirectory url: URL) throws(TokenizerError) {
        let json = url.appendingPathComponent("tokenizer.json")
        if FileManager.default.fileExists(atPath: json.path) {
            try self.init(tokenizerJSONFile: json)
            self = named(url.standardizedFileURL.lastPathComponent)
            return
        }
        for name in ["vocab.json", "merges.txt"] {
            if !FileManager.default.fileExists(atPath: url.appendingPathComponent(name).path) {
                throw .missingFile(directory: url.path, name: name)
            }
        }
        try self.init(vocabularyFile: url.appendingPathComponent("vocab.json"),
                      mergesFile: url.appendingPathComponent("merges.txt"))
        self = named(url.standardizedFileURL.lastPathComponent)
    }

    /// Loads Hugging Face `vocab.json` + `merges.txt` files (GPT-2's byte-alphabet format).
    public init(vocabularyFile: URL, mergesFile: URL) throws(TokenizerError) {
        let vocabulary = try Tokenizer.read(vocabularyFile)
        let merges = try Tokenizer.read(mergesFile)
        try self.init(vocabularyJSON: vocabulary, merges: merges,
                      vocabularyName: vocabularyFile.lastPathComponent, mergesName: mergesFile.lastPathComponent)
    }

    /// Builds a tokenizer from the contents of `vocab.json` and `merges.txt`.
    ///
    /// Merging follows the merge list (Hugging Face's rule): a pair merges only if it is listed,
    /// earlier lines first. `<|endoftext|>`, if present in the vocabulary, is a special token.
    public init(vocabularyJSON: [UInt8], merges: [UInt8], vocabularyName: String = "vocab.json",
                mergesName: String = "merges.txt") throws(TokenizerError) {
        let entries = try vocabularyJSON.withUnsafeBufferPointer { buffer throws(TokenizerError) in
            try VocabularyJSON.parse(buffer, name: vocabularyName)
        }
        let rules = try merges.withUnsafeBufferPointer { buffer throws(TokenizerError) in
            try MergesFile.parse(buffer, name: mergesName)
        }
        var builder = VocabularyBuilder(name: vocabularyName)
        var specials: [String: Int] = [:]
        for entry in entries {
            if entry.token == "<|endoftext|>" {
                specials[entry.token] = entry.id
                try builder.reserve(id: entry.id, line: entry.line, special: nil)
                continue
            }
            guard let bytes = ByteLevelAlphabet.decode(entry.token) else {
                throw .malformedLine(file: vocabularyName, line: entry.line,
                                     problem: "token \"\(entry.token)\" has a character outside GPT-2's byte alphabet")
            }
            try builder.add(bytes: bytes, id: entry.id, line: entry.line)
        }
        let byteIDs = try builder.byteIDs()
        var table = MergeTable(capacity: rules.count)
        for (priority, rule) in rules.enumerated() {
            func id(_ text: String) throws(TokenizerError) -> ([UInt8], Int32) {
                guard let bytes = ByteLevelAlphabet.decode(text), let id = builder.tokens.value(for: bytes) else {
                    throw .malformedLine(file: mergesName, line: rule.line,
                                         problem: "token \"\(text)\" is not in \(vocabularyName)")
                }
                return (bytes, id)
            }
            let (leftBytes, left) = try id(rule.left)
            let (rightBytes, right) = try id(rule.right)
            guard let merged = builder.tokens.value(for: leftBytes + rightBytes) else {
                throw .malformedLine(file: mergesName, line: rule.line,
                                     problem: "merged token \"\(rule.left + rule.right)\" is not in \(vocabularyName)")
            }
            table.insert(left: left, right: right, priority: UInt32(priority), merged: merged)
        }
        let merger = BytePairMerger(merges: table, byteIDs: byteIDs)
        let whole = Tokenizer.wholeTokens(builder.tokenBytes, merger: merger, ignoringMerges: false)
        self.init(name: vocabularyName, storage: Storage(wholeTokens: whole, merger: merger,
                                                          tokenBytes: builder.tokenBytes, specialTokens: specials))
    }

    /// The tokens a pre-tokenizer piece may be looked up as, whole, instead of being merged.
    ///
    /// Without `ignoringMerges` (Hugging Face's `ignore_merges`) a token qualifies only if merging
    /// its bytes gives that very token; with a BPE-trained merge list that is every token, but the
    /// rule must hold for any file. With it, every token of two or more bytes qualifies.
    static func wholeTokens(_ tokenBytes: [[UInt8]?], merger: BytePairMerger, ignoringMerges: Bool) -> ByteSequenceTable {
        var whole = ByteSequenceTable(capacity: tokenBytes.count)
        var scratch: [Int] = []
        for (id, bytes) in tokenBytes.enumerated() {
            guard let bytes, bytes.count >= 2 else { continue }
            if !ignoringMerges {
                scratch.removeAll(keepingCapacity: true)
                bytes.withUnsafeBufferPointer { merger.merge($0, into: &scratch) }
                guard scratch.count == 1 && scratch[0] == id else { continue }
            }
            whole.insert(bytes, value: Int32(id))
        }
        return whole
    }

    /// Builds a tokenizer from the contents of a tiktoken rank file.
    ///
    /// Merging follows tiktoken's rule: two adjacent tokens merge if their bytes together are a
    /// token, lowest rank first. `specialTokens` nil means `<|endoftext|>` gets the id after the
    /// largest rank (GPT-2's convention). `name` is used in error messages.
    public init(tiktoken data: [UInt8], name: String = "ranks.tiktoken",
                specialTokens: [String: Int]? = nil) throws(TokenizerError) {
        self = try data.withUnsafeBufferPointer { buffer throws(TokenizerError) in
            try Tokenizer(tiktoken: buffer, name: name, specialTokens: specialTokens)
        }
    }

    init(tiktoken data: UnsafeBufferPointer<UInt8>, name: String,
         specialTokens: [String: Int]?) throws(TokenizerError) {
        let entries = try TiktokenFile.parse(data, name: name)
        var builder = VocabularyBuilder(name: name)
        for entry in entries {
            try builder.add(bytes: entry.bytes, id: entry.rank, line: entry.line)
        }
        let byteIDs = try builder.byteIDs()
        let specials = specialTokens ?? ["<|endoftext|>": builder.tokenBytes.count]
        for (text, id) in specials {
            try builder.reserve(id: id, line: 0, special: text)
        }
        // Every split of a token into two tokens is a merge whose priority is the token's rank.
        var table = MergeTable(capacity: entries.count * 4)
        for entry in entries where entry.bytes.count >= 2 {
            entry.bytes.withUnsafeBufferPointer { bytes in
                for k in 1..<bytes.count {
                    let left = builder.tokens.value(for: UnsafeBufferPointer(rebasing: bytes[..<k]))
                    guard left >= 0 else { continue }
                    let right = builder.tokens.value(for: UnsafeBufferPointer(rebasing: bytes[k...]))
                    guard right >= 0 else { continue }
                    table.insert(left: left, right: right, priority: UInt32(entry.rank), merged: Int32(entry.rank))
                }
            }
        }
        self.init(name: name, storage: Storage(wholeTokens: builder.tokens,
                                               merger: BytePairMerger(merges: table, byteIDs: byteIDs),
                                               tokenBytes: builder.tokenBytes, specialTokens: specials))
    }

    /// The bytes of a vocabulary file; a folder, named pipe or device is refused before opening.
    static func read(_ url: URL) throws(TokenizerError) -> [UInt8] {
        do throws(FileAccessError) {
            return try FileAccess.read(atPath: url.path)
        } catch {
            throw .unreadableFile(path: url.path, reason: error.reason)
        }
    }
}
