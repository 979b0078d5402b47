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
        var top: [[[TokenProbability]]] = []
        for stage in stages {
            guard let stream = analysis.cache[stage] else { throw .missingActivation(stage.description) }
            var rows: [[TokenProbability]] = []
            // Chunks of positions keep the [P, V] logits small for long prompts.
            for start in stride(from: range.lowerBound, to: range.upperBound, by: Self.chunk) {
                var x = stream.rows(start ..< min(start + Self.chunk, range.upperBound))   // [P, C]
                if let finalNorm = model.finalNorm { x = finalNorm(x) }                    // [P, C]
                let logits = matmul(x, model.outputHead, transposeB: true)                 // [P, C] @ [C, V] -> [P, V]
                for row in 0 ..< x.shape[0] {
                    rows.append(TopTokens.top(topK, logits: logits, row: row).map {
                        TokenProbability(id: $0.index, label: labeler.label($0.index), probability: $0.probability)
                    })
                }
            }
            top.append(rows)
        }
        self.stages = stages
        self.positions = range
        self.appliesFinalNorm = model.finalNorm != nil
        self.top = top
    }

    /// Positions decoded per matrix product.
    static let chunk = 64

    /// The most probable token of stage `stage` (index into ``stages``) at `position`.
    public func best(stage: Int, position: Int) -> TokenProbability {
        top[stage][position - positions.lowerBound][0]
    }
}
