import GPTModel
import TensorCore

/// Direct logit attribution: the final residual stream at one position is a sum of what the
/// embeddings, every head and every MLP wrote into it, so logit(answer) − logit(wrong) splits
/// into one part per writer — with the final norm's scale frozen at its value in this run
/// (TransformerLens's `apply_ln_to_stack`): part(c) = (c − mean c) / σ · (γ ⊙ (W_U[answer] − W_U[wrong]))
/// under LayerNorm (GPT-2, GPT-NeoX), part(c) = c / rms · (γ ⊙ (W_U[answer] − W_U[wrong])) under
/// RMSNorm (Llama, Qwen2: no centring, no shift). Each head's W_O comes from the model's own layout
/// (``CausalSelfAttention/outputWeight(head:)``); q/k/v biases act through the pattern and z, so
/// they sit inside the heads' parts, and a model without an output bias (Llama, Qwen2) gets 0 there.
///
/// "Direct" means only the path straight to the output: a head that matters by feeding later
/// heads scores near 0 here (patching sees it).
public struct LogitAttribution: Sendable {
    /// The position attributed.
    public let position: Int
    /// logit(answer) − logit(wrong) from the model's own logits.
    public let total: Double
    /// The token embedding's part (`hook_embed`).
    public let embed: Double
    /// The position embedding's part (`hook_pos_embed`), or 0 for models without one.
    public let posEmbed: Double
    /// `heads[l][h]`: head l.h's part (its `hook_z` row through its slice of the output projection).
    public let heads: [[Double]]
    /// `attentionBias[l]`: the output projection's bias of layer l (no single head owns it).
    public let attentionBias: [Double]
    /// `mlp[l]`: MLP layer l's part (`hook_mlp_out`, bias included).
    public let mlp: [Double]
    /// The final norm's shift β · (W_U[answer] − W_U[wrong]).
    public let finalNormBias: Double

    /// The sum of every part.
    public var sumOfParts: Double {
        embed + posEmbed + heads.joined().reduce(0, +) + attentionBias.reduce(0, +) + mlp.reduce(0, +) + finalNormBias
    }

    /// total − sum of parts: floating-point error only (a few 1e-6 of the total).
    public var residual: Double { total - sumOfParts }

    /// Attributes `metric` at `position` (the last when nil) in a run of `tokens`.
    public init(model: GPT, tokens: [Int], metric: LogitDifference, position: Int? = nil) throws {
        let c = model.configuration
        guard c.normPlacement == .preNorm else { throw ExperimentError.attributionNeedsPreNorm(model: c.name) }
        try model.validate(tokens)
        let p = position ?? tokens.count - 1
        guard p >= 0 && p < tokens.count else { throw ExperimentError.positionOutOfRange(position: p, tokens: tokens.count) }
        let (l, nh, hs, width) = (c.layerCount, c.headCount, c.headWidth, c.embeddingWidth)
        let names: [HookName] = [.embed, .posEmbed] + (0 ..< l).flatMap { [HookName.z($0), .mlpOut($0)] }
            + [l > 0 ? .residPost(l - 1) : .residPre(0)]
        let filter = HookFilter(patterns: names.filter(model.hookNames.contains).map(\.description))
        let (logits, cache) = try model.run(tokens, hooks: filter)
        let final = (l > 0 ? cache[.residPost(l - 1)]! : cache[.residPre(0)]!).row(p).scalars.map(Double.init)  // [C]

        // The direction the final norm's output is read along: γ ⊙ (W_U[answer] − W_U[wrong]).
        let head = model.outputHead                                                      // [V, C]
        let ua = head.row(metric.answer).scalars, uw = head.row(metric.wrong).scalars
        var direction = (0 ..< width).map { Double(ua[$0]) - Double(uw[$0]) }            // [C]
        var shift = 0.0
        var scale = 1.0
        var centers = false
        if let norm = model.finalNorm {
            let gamma = norm.weight.scalars
            // RMSNorm (Llama, Qwen2) has no shift and no centring: part(c) = c / rms · direction.
            if c.normalization == .layerNorm { shift = zip(norm.bias.scalars, direction).reduce(0.0) { $0 + Double($1.0) * $1.1 } }
            direction = (0 ..< width).map { direction[$0] * Double(gamma[$0]) }
            centers = c.normalization == .layerNorm
            let mean = centers ? final.reduce(0, +) / Double(width) : 0
            let variance = final.reduce(0.0) { $0 + ($1 - mean) * ($1 - mean) } / Double(width)
            scale = 1 / (variance + Double(norm.epsilon)).squareRoot()
        }
        /// One writer's part: its `[C]` output centred (LayerNorm), scaled by the frozen 1/σ, along the direction.
        func part(_ v: [Double]) -> Double {
            let mean = centers ? v.reduce(0, +) / Double(width) : 0
            return zip(v, direction).reduce(0.0) { $0 + ($1.0 - mean) * $1.1 } * scale
        }
        func row(_ name: HookName) -> [Double] { cache[name].map { $0.row(p).scalars.map(Double.init) } ?? [] }

        self.position = p
        self.total = metric(logits, row: p)
        self.embed = part(row(.embed))
        self.posEmbed = cache[.posEmbed] == nil ? 0 : part(row(.posEmbed))
        self.finalNormBias = shift
        var heads: [[Double]] = []
        var biases: [Double] = []
        for layer in 0 ..< l {
            let attention = model.blocks[layer].attention
            let z = cache[.z(layer)]!.rows(p ..< p + 1).scalars                                    // [NH, hs]
            heads.append((0 ..< nh).map { h in
                let wO = attention.outputWeight(head: h).scalars                           // [hs, C], any layout
                var out = [Double](repeating: 0, count: width)                             // z_h [hs] @ W_O[h] [hs, C] -> [C]
                for i in 0 ..< hs {
                    let zi = Double(z[h * hs + i])
                    for j in 0 ..< width { out[j] += zi * Double(wO[i * width + j]) }
                }
                return part(out)
            })
            biases.append(attention.outputBias.map { part($0.scalars.map(Double.init)) } ?? 0)
        }
        self.heads = heads
        self.attentionBias = biases
        self.mlp = (0 ..< l).map { part(row(.mlpOut($0))) }
    }
}
