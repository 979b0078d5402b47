/// A byte-level BPE tokenizer with GPT-2's pre-tokenizer, bit-exact with tiktoken's `gpt2`.
///
/// Text becomes UTF-8 bytes; the pre-tokenizer (`PreTokenizer`) cuts them into pieces such as
/// `"Hello"`, `" world"`, `"!"`; each piece that is itself a token is looked up directly, the
/// others are byte-pair merged (`BytePairMerger`). Every byte has a token, so any text, in any
/// script, encodes, and `decodeBytes(encode(text))` gives the text's bytes back exactly.
///
/// ```swift
/// let tokenizer = try Tokenizer.gpt2()
/// let ids = tokenizer.encode("Hello world")        // [15496, 995]
/// let text = try tokenizer.decode(ids)             // "Hello world"
/// ```
///
/// A tokenizer is an immutable value; copies share their tables and it is safe to use from
/// several threads at once.
public struct Tokenizer: Sendable {
    /// Where the vocabulary came from: `"gpt2"` for the built-in one, otherwise a file name.
    public let name: String
    let storage: Storage

    /// The tables behind a tokenizer, built once by a loader.
    final class Storage: Sendable {
        /// Pieces that encode to exactly one token, found without merging.
        let wholeTokens: ByteSequenceTable
        let merger: BytePairMerger
        /// The bytes of each id (nil for ids the vocabulary does not use, and for special tokens).
        let tokenBytes: [[UInt8]?]
        let specialTokens: [String: Int]
        /// A tokenizer.json's normalizer, pre-tokenizer and added tokens; nil for GPT-2-style
        /// files, which take the fast path (GPT-2's scanner and the byte merger) directly.
        let pipeline: TextPipeline?

        init(wholeTokens: ByteSequenceTable, merger: BytePairMerger, tokenBytes: [[UInt8]?],
             specialTokens: [String: Int], pipeline: TextPipeline? = nil) {
            self.wholeTokens = wholeTokens
            self.merger = merger
            self.tokenBytes = tokenBytes
            self.specialTokens = specialTokens
            self.pipeline = pipeline
        }
    }

    init(name: String, storage: Storage) {
        self.name = name
        self.storage = storage
    }

    /// Special tokens (such as `<|endoftext|>` → 50256) and their ids.
    public var specialTokens: [String: Int] { storage.specialTokens }

    /// One more than the largest id, i.e. the number of rows of the model's embedding table.
    public var vocabularySize: Int {
        max(storage.tokenBytes.count, (storage.specialTokens.values.max() ?? -1) + 1)
    }

    // MARK: Encoding

    /// The token ids of `text`.
    ///
    /// Special tokens are recognised only if listed in `allowedSpecial` (as tiktoken's
    /// `allowed_special`); otherwise `"<|endoftext|>"` in the text is ordinary text and becomes
    /// seven tokens, `<` `|` `end` `of` `text` `|` `>` (tiktoken's `encode_ordinary`).
    public func encode(_ text: String, allowedSpecial: Set<String> = []) -> [Int] {
        var text = text
        return text.withUTF8 { encode(utf8: $0, allowedSpecial: allowedSpecial) }
    }

    /// The token ids of raw bytes, which need not be valid UTF-8.
    ///
    /// Valid UTF-8 gives exactly `encode(String)`'s ids. Bytes that are not part of a valid
    /// UTF-8 sequence are treated by the pre-tokenizer as punctuation-like characters, one byte
    /// each, so they join neighbouring punctuation and never letters or digits.
    public func encode(bytes: [UInt8], allowedSpecial: Set<String> = []) -> [Int] {
        bytes.withUnsafeBufferPointer { encode(utf8: $0, allowedSpecial: allowedSpecial) }
    }

    private func encode(utf8 buffer: UnsafeBufferPointer<UInt8>, allowedSpecial: Set<String>) -> [Int] {
        if let pipeline = storage.pipeline, !pipeline.encodesLikeGPT2 {
            // tokenizer.json pipelines work on characters; invalid UTF-8 becomes U+FFFD.
            let text = String(decoding: buffer, as: UTF8.self).unicodeScalars.map(\.value)
            return encode(text, pipeline: pipeline, allowedSpecial: allowedSpecial)
        }
        var output: [Int] = []
        output.reserveCapacity(buffer.count / 3 + 1)
        let specials = allowedSpecial.compactMap { text -> ([UInt8], Int)? in
            guard let id = storage.specialTokens[text], !text.isEmpty else { return nil }
            return (Array(text.utf8), id)
        }
        var start = 0
        while start < buffer.count {
            guard let (at, bytes, id) = Tokenizer.firstSpecial(specials, in: buffer, from: start) else {
                encodeOrdinary(buffer, from: start, to: buffer.count, into: &output)
                break
            }
            encodeOrdinary(buffer, from: start, to: at, into: &output)
            output.append(id)
            start = at + bytes.count
        }
        return output
    }

    /// Encodes `buffer[start..<end]`, text with no special tokens, appending to `output`.
    func encodeOrdinary(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int,
                        into output: inout [Int]) {
        let storage = self.storage
        let merger = storage.merger
        var scanner = PieceScanner(buffer, from: start, to: end)
        while let range = scanner.next() {
            if range.count == 1 {
                output.append(Int(merger.byteIDs[Int(buffer[range.lowerBound])]))
                continue
            }
            let piece = UnsafeBufferPointer(rebasing: buffer[range])
            let id = storage.wholeTokens.value(for: piece)
            if id >= 0 {
                output.append(Int(id))
            } else {
                merger.merge(piece, into: &output)
            }
        }
    }

    /// The leftmost occurrence of any of `specials` at or after `start` (longest first on a tie).
    static func firstSpecial(_ specials: [([UInt8], Int)], in buffer: UnsafeBufferPointer<UInt8>,
                                     from start: Int) -> (Int, [UInt8], Int)? {
        guard !specials.isEmpty else { return nil }
        var position = start
        while position < buffer.count {
            var found: ([UInt8], Int)?
            for (bytes, id) in specials where position + bytes.count <= buffer.count {
                if bytes[0] == buffer[position] && buffer[position..<(position + bytes.count)].elementsEqual(bytes),
                   bytes.count > (found?.0.count ?? 0) {
                    found = (bytes, id)
                }
            }
            if let (bytes, id) = found { return (position, bytes, id) }
            position += 1
        }
        return nil
    }

    // MARK: Decoding

    /// The bytes of one token, or nil if `id` is not a token. Special tokens give their text.
    public func bytes(forToken id: Int) -> [UInt8]? {
        if id >= 0 && id < storage.tokenBytes.count, let bytes = storage.tokenBytes[id] { return bytes }
        if let text = specialTokenText(id) { return Array(text.utf8) }
        return nil
    }

    /// The text of a special token (`50256` → `"<|endoftext|>"`), or nil if `id` is not special.
    public func specialTokenText(_ id: Int) -> String? {
        storage.specialTokens.first { $0.value == id }?.key
    }

    /// The bytes the ids stand for, exactly (a token may hold part of a character's bytes).
    public func decodeBytes(_ ids: [Int]) throws(TokenizerError) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(ids.count * 4)
        for id in ids {
            guard let tokenBytes = self.bytes(forToken: id) else { throw .unknownTokenID(id) }
            bytes.append(contentsOf: tokenBytes)
        }
        return bytes
    }

    /// The text the ids stand for; bytes that do not form valid UTF-8 (ids cut in the middle of a
    /// character) become U+FFFD, as tiktoken's `decode` does. A SentencePiece-style tokenizer.json
    /// decoder also drops the space its `▁` put in front.
    public func decode(_ ids: [Int]) throws(TokenizerError) -> String {
        var bytes = try decodeBytes(ids)
        let strip = storage.pipeline?.leadingSpacesStripped ?? 0
        if strip > 0 {
            let spaces = bytes.prefix(strip).prefix { $0 == 0x20 }.count
            bytes.removeFirst(spaces)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A token as Hugging Face's `convert_ids_to_tokens` shows it: in GPT-2's byte alphabet
    /// (`" the"` → `"Ġthe"`), or for a tokenizer.json as the file writes it (`▁the`, byte
    /// fallback `<0xE4>`); special tokens give their text. Nil for unknown ids.
    public func alphabetText(forToken id: Int) -> String? {
        if let texts = storage.pipeline?.tokenTexts {
            return id >= 0 && id < texts.count ? texts[id] : nil
        }
        if let text = specialTokenText(id) { return text }
        return bytes(forToken: id).map { ByteLevelAlphabet.encode($0) }
    }
}
