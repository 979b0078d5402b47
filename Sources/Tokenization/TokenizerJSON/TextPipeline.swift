/// What a `tokenizer.json` adds to a tokenizer: added tokens, normalizer, pre-tokenizer and,
/// for character-level vocabularies, the model; applied in Hugging Face's order.
///
/// 1. Added tokens with `normalized: false` are found in the raw text.
/// 2. Each stretch between them is normalized (so SentencePiece's `Prepend("▁")` applies to
///    every stretch, as in Hugging Face's "legacy" behaviour), and added tokens with
///    `normalized: true` are found in it.
/// 3. The pre-tokenizer cuts the rest into pieces; BPE encodes each piece: byte-level models
///    with the tokenizer's byte merger, character-level ones with `ScalarBPE`.
struct TextPipeline: Sendable {
    let normalizer: TextNormalizer?
    let preTokenizer: PreTokenizerStep?
    let addedTokens: AddedTokens
    /// The model for character-level vocabularies; nil for byte-level ones.
    let scalarModel: ScalarBPE?
    /// Leading spaces the decoder removes from decoded text (SentencePiece's added `▁`).
    let leadingSpacesStripped: Int
    /// Each id's token as the file writes it (`Ġthe`, `▁the`, `<0xE4>`, `<|endoftext|>`).
    let tokenTexts: [String?]
    /// The id the post-processor puts first (`<s>`, `<|begin_of_text|>`), if any.
    let beginningOfSequence: Int?
    /// The file describes exactly GPT-2's tokenizer (no normalizer, `ByteLevel` with GPT-2's
    /// pattern and no prefix space, only plain special tokens), so the fast GPT-2 path encodes it.
    let encodesLikeGPT2: Bool
}

extension Tokenizer {
    /// Encodes with a tokenizer.json pipeline. Non-special added tokens are always recognised;
    /// special ones only if listed in `allowedSpecial`, as for GPT-2's `<|endoftext|>`.
    func encode(_ text: [UInt32], pipeline: TextPipeline, allowedSpecial: Set<String>) -> [Int] {
        var output: [Int] = []
        output.reserveCapacity(text.count / 2 + 1)
        let allowedIDs = Set(allowedSpecial.compactMap { storage.specialTokens[$0] })
        let include = { (token: AddedTokens.Token) in !token.special || allowedIDs.contains(token.id) }
        for stretch in pipeline.addedTokens.split(text, normalized: false, include: include) {
            if let id = stretch.id {
                output.append(id)
                continue
            }
            var normalized = Array(text[stretch.range])
            if let normalizer = pipeline.normalizer { normalized = normalizer.apply(normalized) }
            for part in pipeline.addedTokens.split(normalized, normalized: true, include: include) {
                if let id = part.id {
                    output.append(id)
                    continue
                }
                let piece = TextPiece(scalars: Array(normalized[part.range]),
                                      atStart: stretch.range.lowerBound == 0 && part.range.lowerBound == 0)
                for piece in pipeline.preTokenizer?.apply([piece]) ?? [piece] where !piece.scalars.isEmpty {
                    if let model = pipeline.scalarModel {
                        model.encode(piece.scalars, into: &output)
                    } else {
                        encodeByteLevel(piece.scalars, into: &output)
                    }
                }
            }
        }
        return output
    }

    /// One piece through the byte-level model: its UTF-8 bytes, looked up whole or merged.
    private func encodeByteLevel(_ scalars: [UInt32], into output: inout [Int]) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(scalars.count * 2)
        for value in scalars {
            if let scalar = Unicode.Scalar(value) { bytes.append(contentsOf: String(scalar).utf8) }
        }
        bytes.withUnsafeBufferPointer { piece in
            if piece.count == 1 {
                output.append(Int(storage.merger.byteIDs[Int(piece[0])]))
                return
            }
            let id = storage.wholeTokens.value(for: piece)
            if id >= 0 { output.append(Int(id)) } else { storage.merger.merge(piece, into: &output) }
        }
    }
}
