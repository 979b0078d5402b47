/// The BPE model of a tokenizer.json whose tokens are characters, not bytes: SentencePiece-style
/// vocabularies (Llama-2, TinyLlama) with `▁` for spaces and `byte_fallback` to `<0x00>`…`<0xFF>`.
///
/// Each character of a piece starts as its own token; a character the vocabulary lacks becomes
/// the byte tokens of its UTF-8 bytes (with `byte_fallback`) or the unknown token (consecutive
/// unknowns fused into one with `fuse_unk`); then listed merges apply, lowest rank first. This is
/// Hugging Face's `BPE::merge_word`, quirks included (see `encode`).
struct ScalarBPE: Sendable {
    /// The id of each token, keyed by its UTF-8 bytes (a `String` key would treat canonically
    /// equivalent texts such as U+212B and U+00C5 as one token).
    let ids: ByteSequenceTable
    /// `<0x00>`…`<0xFF>` ids (-1 where missing), or nil without byte fallback.
    let byteFallback: [Int32]?
    let unknown: Int32?
    let fuseUnknown: Bool
    /// Take a piece that is itself a token as that token, without merging (`ignore_merges`).
    let ignoreMerges: Bool
    let merges: MergeTable

    /// Appends the ids of one pre-tokenized piece.
    func encode(_ piece: [UInt32], into output: inout [Int]) {
        var text = String.UnicodeScalarView()
        for value in piece { if let scalar = Unicode.Scalar(value) { text.append(scalar) } }
        if ignoreMerges, let id = ids.value(for: Array(String(text).utf8)) {
            output.append(Int(id))
            return
        }
        var tokens: [Int32] = []
        tokens.reserveCapacity(piece.count)
        var pendingUnknown = false
        for scalar in text {
            if let id = ids.value(for: Array(String(scalar).utf8)) {
                if pendingUnknown, let unknown { tokens.append(unknown) }
                pendingUnknown = false
                tokens.append(id)
                continue
            }
            if let byteFallback {
                let bytes = Array(String(scalar).utf8).map { byteFallback[Int($0)] }
                if !bytes.contains(-1) {
                    // As in Hugging Face's merge_word, a pending unknown token is not flushed
                    // first, so it lands after these bytes.
                    tokens += bytes
                    continue
                }
            }
            guard let unknown else { continue }  // no unknown token: the character is dropped
            if pendingUnknown && !fuseUnknown { tokens.append(unknown) }
            pendingUnknown = true
        }
        if pendingUnknown, let unknown { tokens.append(unknown) }
        guard !tokens.isEmpty else { return }
        var pairs = [UInt64](repeating: MergeTable.none, count: tokens.count)
        for i in 0..<(tokens.count - 1) { pairs[i] = merges.lookup(tokens[i], tokens[i + 1]) }
        BytePairMerger.mergeWithHeap(tokens: &tokens, pairs: &pairs, merges: merges, into: &output)
    }

    /// The vocabulary text of byte fallback token `byte`: `<0xE4>`.
    static func byteTokenText(_ byte: Int) -> String {
        let digits = Array("0123456789ABCDEF")
        return "<0x" + String([digits[byte >> 4], digits[byte & 0xF]]) + ">"
    }
}
