import FileAccess
import Foundation

extension Tokenizer {
    /// Builds a tokenizer from the contents of a Hugging Face `tokenizer.json`.
    ///
    /// Reads BPE models, byte-level (GPT-2, GPT-NeoX, SmolLM2, Qwen2, Llama-3: `ByteLevel` and
    /// `Split` pre-tokenizers with the file's own regex) or character-level (SentencePiece-style,
    /// Llama-2/TinyLlama: `▁` for spaces, `byte_fallback`), with their normalizers, added and
    /// special tokens and decoder. A component GPTScope cannot reproduce exactly is refused with
    /// an error naming it, never approximated.
    public init(tokenizerJSON data: [UInt8], name: String = "tokenizer.json") throws(TokenizerError) {
        // Checked first: JSONSerialization would only say "not valid JSON", without the place.
        if let problem = InvalidUTF8.find(in: data) { throw .notUTF8(file: name, problem) }
        let root: [String: Any]
        do {
            guard let object = try JSONSerialization.jsonObject(with: Data(data)) as? [String: Any] else {
                throw TokenizerError.invalidTokenizerFile(file: name, problem: "the top level is not a JSON object")
            }
            root = object
        } catch let error as TokenizerError {
            throw error
        } catch {
            throw .invalidTokenizerFile(file: name, problem: "not valid JSON")
        }
        // The vocabulary members, exactly as written (see JSONValueSpan).
        let vocabulary = try data.withUnsafeBufferPointer { buffer throws(TokenizerError) -> [VocabularyJSON.Entry]? in
            guard let span = JSONValueSpan.find(["model", "vocab"], in: buffer), buffer[span.lowerBound] == UInt8(ascii: "{") else {
                return nil
            }
            return try VocabularyJSON.parse(UnsafeBufferPointer(rebasing: buffer[span]), name: "\(name) (model.vocab)")
        }
        var reader = TokenizerJSONReader(name: name)
        self = try reader.tokenizer(from: root, vocabulary: vocabulary)
    }

    /// Loads a Hugging Face `tokenizer.json` file; its name with its folder's (`Qwen2.5-0.5B/tokenizer.json`)
    /// names the tokenizer and its errors, since every model's file has the same name.
    public init(tokenizerJSONFile url: URL) throws(TokenizerError) {
        let folder = url.deletingLastPathComponent().lastPathComponent
        try self.init(tokenizerJSON: try Tokenizer.read(url),
                      name: folder.isEmpty || folder == "/" ? url.lastPathComponent : folder + "/" + url.lastPathComponent)
    }

    /// The id a model of this tokenizer expects first (`<s>`, `<|begin_of_text|>`), from the
    /// tokenizer.json post-processor; nil when there is none (GPT-2, Qwen2, GPT-NeoX).
    /// `encode` never adds it: prepend it when the model wants it.
    public var beginningOfSequenceID: Int? { storage.pipeline?.beginningOfSequence }
}

/// Turns the parsed JSON of a tokenizer.json into a `Tokenizer`, naming the file in every error.
struct TokenizerJSONReader {
    let name: String

    func unsupported(_ construct: String) -> TokenizerError {
        .unsupportedTokenizer(file: name, construct: construct)
    }

    func invalid(_ problem: String) -> TokenizerError {
        .invalidTokenizerFile(file: name, problem: problem)
    }

    /// The tokenizer of a parsed tokenizer.json whose `model.vocab` members are `vocabulary`.
    mutating func tokenizer(from root: [String: Any], vocabulary: [VocabularyJSON.Entry]?) throws(TokenizerError) -> Tokenizer {
        guard let model = root["model"] as? [String: Any] else { throw invalid("no \"model\" object") }
        let type = model["type"] as? String ?? "BPE"
        guard type == "BPE" else { throw unsupported("model type \(type)") }
        guard let vocabulary else { throw invalid("model has no \"vocab\" object") }
        if let dropout = model["dropout"] as? Double, dropout > 0 { throw unsupported("BPE dropout") }
        for key in ["continuing_subword_prefix", "end_of_word_suffix"] {
            if let value = model[key] as? String, !value.isEmpty { throw unsupported("BPE \(key) \"\(value)\"") }
        }
        let merges = try mergePairs(model["merges"])
        let normalizer = try (root["normalizer"] as? [String: Any]).map { (n) throws(TokenizerError) in try self.normalizer(n) }
        let preTokenizer = try (root["pre_tokenizer"] as? [String: Any]).map { (p) throws(TokenizerError) in try self.preTokenizer(p) }
        let decoder = try (root["decoder"] as? [String: Any]).map { (d) throws(TokenizerError) in try self.decoder(d) } ?? DecoderSettings()
        let added = try addedTokens(root["added_tokens"])

        var texts: [String?] = []
        func setText(_ text: String, _ id: Int) {
            if id >= texts.count { texts += repeatElement(nil, count: id + 1 - texts.count) }
            texts[id] = text
        }
        var entries: [(String, Int)] = []
        for entry in vocabulary {
            guard entry.id >= 0, entry.id <= VocabularyBuilder.largestID else {
                throw invalid("vocabulary id of \"\(entry.token)\" is not in 0...\(VocabularyBuilder.largestID)")
            }
            entries.append((entry.token, entry.id))
            setText(entry.token, entry.id)
        }
        for token in added { setText(String(String.UnicodeScalarView(token.content.compactMap(Unicode.Scalar.init))), token.id) }

        let ignoreMerges = model["ignore_merges"] as? Bool ?? false
        let byteLevel = preTokenizer?.isByteLevel ?? false
        var storage: Tokenizer.Storage
        var scalarModel: ScalarBPE?
        if byteLevel {
            storage = try byteLevelStorage(entries, merges: merges, ignoreMerges: ignoreMerges)
        } else {
            (storage, scalarModel) = try scalarStorage(entries, merges: merges, model: model, decoder: decoder)
        }
        var tokenBytes = storage.tokenBytes
        var specials: [String: Int] = [:]
        for token in added {
            if token.id >= tokenBytes.count { tokenBytes += repeatElement(nil, count: token.id + 1 - tokenBytes.count) }
            let text = texts[token.id] ?? ""
            tokenBytes[token.id] = Array(text.utf8)
            if token.special { specials[text] = token.id }
        }
        let pipeline = TextPipeline(normalizer: normalizer, preTokenizer: preTokenizer, addedTokens: AddedTokens(added),
                                    scalarModel: scalarModel, leadingSpacesStripped: decoder.leadingSpacesStripped,
                                    tokenTexts: texts, beginningOfSequence: beginningOfSequence(root["post_processor"]),
                                    encodesLikeGPT2: byteLevel && normalizer == nil && isGPT2(preTokenizer)
                                        && added.allSatisfy { $0.special && !$0.lstrip && !$0.rstrip && !$0.singleWord })
        return Tokenizer(name: name, storage: Tokenizer.Storage(
            wholeTokens: storage.wholeTokens, merger: storage.merger, tokenBytes: tokenBytes,
            specialTokens: specials, pipeline: pipeline))
    }

    private func isGPT2(_ step: PreTokenizerStep?) -> Bool {
        switch step {
        case .byteLevel(addPrefixSpace: false, useRegex: true): return true
        case let .sequence(steps): return steps.count == 1 && isGPT2(steps[0])
        default: return false
        }
    }

    // MARK: Models

    private func byteLevelStorage(_ entries: [(String, Int)], merges: [(String, String)],
                                  ignoreMerges: Bool) throws(TokenizerError) -> Tokenizer.Storage {
        var builder = VocabularyBuilder(name: name)
        for (text, id) in entries.sorted(by: { $0.1 < $1.1 }) {
            // Tokens outside GPT-2's byte alphabet (added tokens kept in the vocabulary) can never
            // come out of byte-level BPE; their text is set with the added tokens.
            guard let bytes = ByteLevelAlphabet.decode(text) else { continue }
            try builder.add(bytes: bytes, id: id, line: 0)
        }
        let byteIDs = try builder.byteIDs()
        var table = MergeTable(capacity: merges.count)
        for (rank, (left, right)) in merges.enumerated() {
            guard let leftBytes = ByteLevelAlphabet.decode(left), let leftID = builder.tokens.value(for: leftBytes),
                  let rightBytes = ByteLevelAlphabet.decode(right), let rightID = builder.tokens.value(for: rightBytes),
                  let merged = builder.tokens.value(for: leftBytes + rightBytes) else {
                throw invalid("merge \(rank + 1) (\"\(left) \(right)\") uses a token that is not in the vocabulary")
            }
            table.insert(left: leftID, right: rightID, priority: UInt32(rank), merged: merged)
        }
        let merger = BytePairMerger(merges: table, byteIDs: byteIDs)
        let whole = Tokenizer.wholeTokens(builder.tokenBytes, merger: merger, ignoringMerges: ignoreMerges)
        return Tokenizer.Storage(wholeTokens: whole, merger: merger, tokenBytes: builder.tokenBytes, specialTokens: [:])
    }

    private func scalarStorage(_ entries: [(String, Int)], merges: [(String, String)], model: [String: Any],
                               decoder: DecoderSettings) throws(TokenizerError) -> (Tokenizer.Storage, ScalarBPE) {
        var ids = ByteSequenceTable(capacity: entries.count)
        var tokenBytes: [[UInt8]?] = []
        let byteFallback = model["byte_fallback"] as? Bool ?? false
        for (text, id) in entries {
            guard ids.insert(Array(text.utf8), value: Int32(id)) else { throw invalid("token \"\(text)\" appears twice") }
            if id >= tokenBytes.count { tokenBytes += repeatElement(nil, count: id + 1 - tokenBytes.count) }
            tokenBytes[id] = decoder.bytes(of: text, byteFallback: byteFallback)
        }
        var table = MergeTable(capacity: merges.count)
        for (rank, (left, right)) in merges.enumerated() {
            guard let leftID = ids.value(for: Array(left.utf8)), let rightID = ids.value(for: Array(right.utf8)),
                  let merged = ids.value(for: Array((left + right).utf8)) else {
                throw invalid("merge \(rank + 1) (\"\(left) \(right)\") uses a token that is not in the vocabulary")
            }
            table.insert(left: leftID, right: rightID, priority: UInt32(rank), merged: merged)
        }
        var unknown: Int32?
        if let text = model["unk_token"] as? String {
            guard let id = ids.value(for: Array(text.utf8)) else { throw invalid("unk_token \"\(text)\" is not in the vocabulary") }
            unknown = id
        }
        let fallback = byteFallback ? (0..<256).map { ids.value(for: Array(ScalarBPE.byteTokenText($0).utf8)) ?? -1 } : nil
        let scalarModel = ScalarBPE(ids: ids, byteFallback: fallback, unknown: unknown,
                                    fuseUnknown: model["fuse_unk"] as? Bool ?? false,
                                    ignoreMerges: model["ignore_merges"] as? Bool ?? false, merges: table)
        // Character-level models do not use the byte merger; an empty one keeps Storage uniform.
        let merger = BytePairMerger(merges: MergeTable(capacity: 1), byteIDs: [Int32](repeating: 0, count: 256))
        let storage = Tokenizer.Storage(wholeTokens: ByteSequenceTable(capacity: 1), merger: merger,
                                        tokenBytes: tokenBytes, specialTokens: [:])
        return (storage, scalarModel)
    }

    /// Merges as `"a b"` strings (tokenizers before 0.20) or `["a", "b"]` pairs.
    private func mergePairs(_ value: Any?) throws(TokenizerError) -> [(String, String)] {
        guard let list = value as? [Any] else { throw invalid("model has no \"merges\" list") }
        var pairs: [(String, String)] = []
        pairs.reserveCapacity(list.count)
        for (index, item) in list.enumerated() {
            if let text = item as? String {
                let parts = text.split(separator: " ", omittingEmptySubsequences: false)
                guard parts.count == 2 else { throw invalid("merge \(index + 1) \"\(text)\" is not two tokens separated by one space") }
                pairs.append((String(parts[0]), String(parts[1])))
            } else if let pair = item as? [String], pair.count == 2 {
                pairs.append((pair[0], pair[1]))
            } else {
                throw invalid("merge \(index + 1) is neither \"a b\" nor [\"a\", \"b\"]")
            }
        }
        return pairs
    }

    private func addedTokens(_ value: Any?) throws(TokenizerError) -> [AddedTokens.Token] {
        guard let list = value as? [[String: Any]] else { return [] }
        return try list.map { (entry) throws(TokenizerError) -> AddedTokens.Token in
            guard let id = entry["id"] as? Int, id >= 0, id <= VocabularyBuilder.largestID, let content = entry["content"] as? String else {
                throw invalid("an added token lacks \"id\" or \"content\"")
            }
            let special = entry["special"] as? Bool ?? false
            return AddedTokens.Token(id: id, content: content.unicodeScalars.map(\.value), special: special,
                                     lstrip: entry["lstrip"] as? Bool ?? false, rstrip: entry["rstrip"] as? Bool ?? false,
                                     singleWord: entry["single_word"] as? Bool ?? false,
                                     normalized: entry["normalized"] as? Bool ?? !special)
        }
    }

    private func beginningOfSequence(_ value: Any?) -> Int? {
        guard let processor = value as? [String: Any] else { return nil }
        switch processor["type"] as? String {
        case "TemplateProcessing":
            guard let single = processor["single"] as? [[String: Any]],
                  let first = single.first?["SpecialToken"] as? [String: Any], let name = first["id"] as? String,
                  let specials = processor["special_tokens"] as? [String: Any],
                  let token = specials[name] as? [String: Any], let ids = token["ids"] as? [Int] else { return nil }
            return ids.first
        case "RobertaProcessing", "BertProcessing":
            return (processor["cls"] as? [Any])?.last as? Int
        case "Sequence":
            let inner = processor["processors"] as? [Any] ?? []
            return inner.lazy.compactMap { beginningOfSequence($0) }.first
        default:
            return nil
        }
    }
}
