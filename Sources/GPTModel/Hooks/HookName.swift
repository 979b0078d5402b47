/// A point in the forward pass whose value can be recorded or changed (``HookPoints``), named exactly as TransformerLens names it.
///
/// `description` is the TransformerLens string (`blocks.3.attn.hook_pattern`), so analyses can be
/// cross-read with TL notebooks. Shapes have no batch dimension: T is the number of tokens
/// processed in this call, S the number of key positions (T plus any cached past), C the model
/// width, NH the head count, hs = C / NH, F the MLP width and V the vocabulary size.
///
/// Post-LN models (GPT-1) compute `x = ln_1(x + attn(x))`, `x = ln_2(x + mlp(x))`: there
/// `ln1.hook_normalized` is the output of `ln_1` *after* the residual add, which is also
/// `hook_resid_mid`; likewise `ln2.hook_normalized` equals `hook_resid_post`; and there is no
/// `ln_final.hook_normalized` because GPT-1 has no final norm.
public enum HookName: Hashable, Sendable, CustomStringConvertible {
    /// Token embeddings `wte[tokens]`, `[T, C]`.
    case embed
    /// Position embeddings `wpe[positions]`, `[T, C]`.
    case posEmbed
    /// The residual stream entering block i, `[T, C]`.
    case residPre(Int)
    /// The first LayerNorm's output, `[T, C]`.
    case ln1Normalized(Int)
    /// Queries, `[T, NH, hs]`.
    case q(Int)
    /// Keys of the positions processed in this call, `[T, KV, hs]` (KV = NH without grouped-query attention).
    case k(Int)
    /// Values of the positions processed in this call, `[T, KV, hs]`.
    case v(Int)
    /// Queries after the rotary embedding, `[T, NH, hs]` (rotary models only).
    case rotQ(Int)
    /// Keys after the rotary embedding, `[T, KV, hs]` (rotary models only).
    case rotK(Int)
    /// `q·k / √hs` (or the configuration's own scale, ``GPTConfiguration/attentionScoreScale(layer:)``) with the future masked to `-infinity` (as TransformerLens does), before softmax, `[NH, T, S]`.
    case attnScores(Int)
    /// Attention weights after softmax, `[NH, T, S]`; each row sums to 1.
    case pattern(Int)
    /// The weighted sum of values per head, before the output projection, `[T, NH, hs]`.
    case z(Int)
    /// The attention sublayer's output after `c_proj`, `[T, C]`.
    case attnOut(Int)
    /// The residual stream between attention and MLP, `[T, C]`.
    case residMid(Int)
    /// The second LayerNorm's output, `[T, C]`.
    case ln2Normalized(Int)
    /// The MLP's hidden layer before the nonlinearity, `[T, F]` (gated MLPs: the gate's projection).
    case mlpPre(Int)
    /// A gated MLP's up projection, which multiplies the activated gate, `[T, F]`.
    case mlpPreLinear(Int)
    /// The MLP's hidden layer after the nonlinearity (gated: times the up projection), `[T, F]`.
    case mlpPost(Int)
    /// The MLP sublayer's output after its `c_proj`, `[T, C]`.
    case mlpOut(Int)
    /// The residual stream leaving block i, `[T, C]`.
    case residPost(Int)
    /// The final LayerNorm's output, `[T, C]` (models with a final norm only).
    case lnFinalNormalized
    /// The next-token logits, `[T, V]`.
    case logits

    /// The TransformerLens name.
    public var description: String {
        switch self {
        case .embed: return "hook_embed"
        case .posEmbed: return "hook_pos_embed"
        case .residPre(let i): return "blocks.\(i).hook_resid_pre"
        case .ln1Normalized(let i): return "blocks.\(i).ln1.hook_normalized"
        case .q(let i): return "blocks.\(i).attn.hook_q"
        case .k(let i): return "blocks.\(i).attn.hook_k"
        case .v(let i): return "blocks.\(i).attn.hook_v"
        case .rotQ(let i): return "blocks.\(i).attn.hook_rot_q"
        case .rotK(let i): return "blocks.\(i).attn.hook_rot_k"
        case .attnScores(let i): return "blocks.\(i).attn.hook_attn_scores"
        case .pattern(let i): return "blocks.\(i).attn.hook_pattern"
        case .z(let i): return "blocks.\(i).attn.hook_z"
        case .attnOut(let i): return "blocks.\(i).hook_attn_out"
        case .residMid(let i): return "blocks.\(i).hook_resid_mid"
        case .ln2Normalized(let i): return "blocks.\(i).ln2.hook_normalized"
        case .mlpPre(let i): return "blocks.\(i).mlp.hook_pre"
        case .mlpPreLinear(let i): return "blocks.\(i).mlp.hook_pre_linear"
        case .mlpPost(let i): return "blocks.\(i).mlp.hook_post"
        case .mlpOut(let i): return "blocks.\(i).hook_mlp_out"
        case .residPost(let i): return "blocks.\(i).hook_resid_post"
        case .lnFinalNormalized: return "ln_final.hook_normalized"
        case .logits: return "logits"
        }
    }

    /// The hooks of one GPT-2 block, in the order the forward pass reaches them.
    public static func blockHooks(_ i: Int) -> [HookName] {
        [.residPre(i), .ln1Normalized(i), .q(i), .k(i), .v(i), .attnScores(i), .pattern(i), .z(i),
         .attnOut(i), .residMid(i), .ln2Normalized(i), .mlpPre(i), .mlpPost(i), .mlpOut(i), .residPost(i)]
    }

    /// Every hook a block may have, in forward order (rotary and gated hooks included), for ordering.
    static func allBlockHooks(_ i: Int) -> [HookName] {
        [.residPre(i), .ln1Normalized(i), .q(i), .k(i), .v(i), .rotQ(i), .rotK(i), .attnScores(i), .pattern(i), .z(i),
         .attnOut(i), .residMid(i), .ln2Normalized(i), .mlpPre(i), .mlpPreLinear(i), .mlpPost(i), .mlpOut(i), .residPost(i)]
    }

    /// The hooks of block `i` of a model of `configuration`, in forward order: `hook_rot_q` and
    /// `hook_rot_k` with rotary positions, `mlp.hook_pre_linear` with a gated MLP, and no
    /// `hook_resid_mid` with a parallel residual (as TransformerLens).
    public static func blockHooks(_ i: Int, configuration c: GPTConfiguration) -> [HookName] {
        allBlockHooks(i).filter { name in
            switch name {
            case .rotQ, .rotK: c.positionEncoding == .rotary
            case .mlpPreLinear: c.mlpKind == .gated
            case .residMid: !c.parallelResidual
            default: true
            }
        }
    }

    /// Every hook a model with `layerCount` blocks has, in forward order.
    public static func all(layerCount: Int, hasFinalNorm: Bool = true) -> [HookName] {
        [.embed, .posEmbed] + (0 ..< layerCount).flatMap(blockHooks)
            + (hasFinalNorm ? [.lnFinalNormalized] : []) + [.logits]
    }

    /// Every hook a model of `configuration` has, in forward order (no `hook_pos_embed` without
    /// a learned position table).
    public static func all(configuration c: GPTConfiguration) -> [HookName] {
        [.embed] + (c.positionEncoding == .learned ? [.posEmbed] : [])
            + (0 ..< c.layerCount).flatMap { blockHooks($0, configuration: c) }
            + (c.hasFinalNorm ? [.lnFinalNormalized] : []) + [.logits]
    }

    /// The block a hook belongs to, or nil for model-level hooks.
    public var layer: Int? {
        switch self {
        case .embed, .posEmbed, .lnFinalNormalized, .logits: return nil
        case .residPre(let i), .ln1Normalized(let i), .q(let i), .k(let i), .v(let i), .rotQ(let i), .rotK(let i),
             .attnScores(let i), .pattern(let i), .z(let i), .attnOut(let i), .residMid(let i), .ln2Normalized(let i),
             .mlpPre(let i), .mlpPreLinear(let i), .mlpPost(let i), .mlpOut(let i), .residPost(let i):
            return i
        }
    }

    /// The axis of the recorded tensor that runs over positions (queries for `attn_scores` and
    /// `pattern`): 1 for those `[NH, T, S]` hooks, 0 for every other.
    public var positionAxis: Int {
        switch self {
        case .attnScores, .pattern: return 1
        default: return 0
        }
    }

    /// The axis that runs over attention heads, or nil for hooks without one: 1 for `q`, `k`,
    /// `v`, `z` (`[T, NH, hs]`), 0 for `attn_scores` and `pattern` (`[NH, T, S]`).
    public var headAxis: Int? {
        switch self {
        case .q, .k, .v, .rotQ, .rotK, .z: return 1
        case .attnScores, .pattern: return 0
        default: return nil
        }
    }

    /// The recorded tensor's shape for `tokens` new positions attending to `keys` positions in
    /// total, with `keyValueHeads` key/value heads (default NH) of width `headWidth` (default C / NH).
    public func shape(tokens t: Int, keys s: Int? = nil, width c: Int, heads nh: Int, keyValueHeads kv: Int? = nil,
                      headWidth hs: Int? = nil, mlpWidth f: Int, vocabulary v: Int) -> [Int] {
        let hs = hs ?? c / nh
        switch self {
        case .q, .rotQ, .z: return [t, nh, hs]
        case .k, .v, .rotK: return [t, kv ?? nh, hs]
        case .attnScores, .pattern: return [nh, t, s ?? t]
        case .mlpPre, .mlpPreLinear, .mlpPost: return [t, f]
        case .logits: return [t, v]
        default: return [t, c]
        }
    }
}
