import GPTModel
import TensorCore

/// The logit lens (nostalgebraist 2020): each stage of the residual stream read out as if it
/// were the last one, through the final LayerNorm (`ln_f`) and the unembedding, then softmax.
///
/// It shows when during the forward pass the eventual prediction becomes visible. Caveat: the
/// early layers were never trained to be read this way, so their readouts can be poor even when
/// the information is there (the tuned lens of Belrose et al. 2023 fits a probe per layer).
/// GPT-1 has no final norm; its stream is unembedded as it is.
public struct LogitLens: Sendable {
    /// The stages read, from the embeddings up (see ``ResidualNorms/stages(layerCount:)``).
    public let stages: [HookName]
    /// The positions read.
    public let positions: Range<Int>
    /// Whether the stream went through `ln_f` before the unembedding (false for GPT-1).
    public let appliesFinalNorm: Bool
    /// The most probable tokens per stage and position, most probable first:
    /// `top[stage][position - positions.lowerBound][rank]`.
    public let top: [[[TokenProbability]]]

    /// Reads every stage of `analysis` at `positions` (all when nil), keeping the `topK` most
    /// probable tokens of each readout.
    public init(_ analysis: PromptAnalysis, positions: Range<Int>? = nil, topK: Int = 1) throws(LayersError) {
        guard topK >= 1 else { throw .invalidTopK(topK) }
        let count = analysis.tokens.count
        let range = try LayerPositions.check(positions ?? 0 ..< count, count: count)
        let model = analysis.model
        let labeler = TokenLabeler(tokenizer: analysis.tokenizer)
        let stages = ResidualNorms.stages(layerCount: model.configuration.layerCount)
        // Every stage's rows go through one product per chunk rather than one per stage: each
        // product packs (copies) the whole [V, C] unembedding, 154 MB for GPT-2, so 13 stages
        // read one at a time spent as long packing it as multiplying.
        // The last stage read this way is the model's own output: its logits are taken as they are.
        let vocabulary = model.outputHead.shape[0]
        let stored = analysis.logits.shape
        let reusesLogits = stored == [count - analysis.logitsStart, vocabulary] && range.lowerBound >= analysis.logitsStart
        let decoded = reusesLogits ? stages.dropLast() : stages[...]
        var readouts: [Tensor] = []                                                    // stages × [P, C]
        for stage in decoded {
            guard let stream = analysis.cache[stage] else { throw .missingActivation(stage.description) }
            readouts.append(stream.rows(range))                                       // [T, C] -> [P, C]
        }
        let width = model.configuration.embeddingWidth, columns = range.count
        let stacked = Tensor(shape: [decoded.count * columns, width]) { out in        // [S·P, C]
            for (s, readout) in readouts.enumerated() {
                readout.withUnsafeBufferPointer { rows in
                    _ = UnsafeMutableBufferPointer(rebasing: out[s * columns * width ..< (s + 1) * columns * width])
                        .initialize(from: rows)
                }
            }
        }
        var flat: [[TokenProbability]] = []
        flat.reserveCapacity(stacked.shape[0])
        // Chunks of rows keep the [rows, V] logits small for long ranges.
        for start in stride(from: 0, to: stacked.shape[0], by: Self.chunk) {
            var x = stacked.rows(start ..< min(start + Self.chunk, stacked.shape[0]))   // [R, C]
            if let finalNorm = model.finalNorm { x = finalNorm(x) }                    // [R, C]
            let logits = matmul(x, model.outputHead, transposeB: true)                 // [R, C] @ [C, V] -> [R, V]
            for row in 0 ..< x.shape[0] {
                flat.append(TopTokens.top(topK, logits: logits, row: row).map {
                    TokenProbability(id: $0.index, label: labeler.label($0.index), probability: $0.probability)
                })
            }
        }
        if reusesLogits {
            for row in range {
                flat.append(TopTokens.top(topK, logits: analysis.logits, row: row - analysis.logitsStart).map {
                    TokenProbability(id: $0.index, label: labeler.label($0.index), probability: $0.probability)
                })
            }
        }
        let top = (0 ..< stages.count).map { s in Array(flat[s * columns ..< (s + 1) * columns]) }
        self.stages = stages
        self.positions = range
        self.appliesFinalNorm = model.finalNorm != nil
        self.top = top
    }

    /// Rows (stage × position) decoded per matrix product: 62 MB of GPT-2 logits, enough for
    /// the report's 12 × 24 in one product (each product packs the whole unembedding).
    static let chunk = 312

    /// The most probable token of stage `stage` (index into ``stages``) at `position`.
    public func best(stage: Int, position: Int) -> TokenProbability {
        top[stage][position - positions.lowerBound][0]
    }
}
