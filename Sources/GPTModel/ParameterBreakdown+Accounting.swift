extension ParameterBreakdown {
    /// Lists every component of `c` in model order with its count and formula.
    ///
    /// Symbols: V vocabulary, n_ctx context, d width, d_ff MLP width, L layers, n_kv key/value
    /// heads, d_head head width, d_attn = n_head · d_head (written d when equal to it). Every number follows from the configuration's fields.
    static func accounting(of c: GPTConfiguration) -> [ParameterComponent] {
        let d = c.embeddingWidth
        let v = c.vocabularySize
        var parts: [ParameterComponent] = []

        parts.append(ParameterComponent(
            name: "Token embedding", group: .tokenEmbedding, count: v * d,
            formula: "V · d", arithmetic: "\(g(v)) × \(g(d))"))
        switch c.positionEncoding {
        case .learned:
            parts.append(ParameterComponent(
                name: "Position embedding", group: .positionEmbedding, count: c.contextLength * d,
                formula: "n_ctx · d", arithmetic: "\(g(c.contextLength)) × \(g(d))"))
        case .sinusoidal:
            parts.append(ParameterComponent(
                name: "Position encoding (sinusoidal)", group: .positionEmbedding, count: 0,
                formula: "—", arithmetic: "—", note: "fixed sines and cosines"))
        case .rotary:
            parts.append(ParameterComponent(
                name: "Position encoding (rotary)", group: .positionEmbedding, count: 0,
                formula: "—", arithmetic: "—", note: "rotates queries and keys"))
        }

        if c.isEncoderDecoder {
            parts += block(c, stack: .encoder, layers: c.encoderLayerCount, symbol: "L_enc", crossAttention: false)
            parts += block(c, stack: .decoder, layers: c.layerCount, symbol: "L_dec", crossAttention: true)
        } else {
            parts += block(c, stack: .decoder, layers: c.layerCount, symbol: "L", crossAttention: false)
        }

        if c.hasFinalNorm {
            let (size, formula, arithmetic) = normSize(c)
            parts.append(ParameterComponent(
                name: "Final \(normName(c))", group: .normalization, count: size,
                formula: formula, arithmetic: arithmetic))
        }
        if c.tiedOutputHead {
            parts.append(ParameterComponent(
                name: "Output head (tied)", group: .outputHead, count: 0,
                formula: "—", arithmetic: "—", note: "counted in the token embedding"))
        } else {
            parts.append(ParameterComponent(
                name: "Output head", group: .outputHead, count: v * d,
                formula: "V · d", arithmetic: "\(g(v)) × \(g(d))"))
        }
        return parts
    }

    /// One stack's blocks, sublayer by sublayer, each counted over `layers` layers.
    private static func block(
        _ c: GPTConfiguration, stack: ParameterComponent.Stack, layers n: Int, symbol: String,
        crossAttention: Bool
    ) -> [ParameterComponent] {
        func perLayer(_ name: String, _ group: ParameterGroup, _ count: Int, _ formula: String, _ factors: [Int]) -> ParameterComponent {
            ParameterComponent(
                name: name, group: group, stack: stack, count: n * count, layers: n,
                formula: "\(symbol) · \(formula)",
                arithmetic: ([n] + factors).map(g).joined(separator: " × "))
        }
        let (normCount, normFormula, _) = normSize(c)
        let normFactors = c.normalization == .layerNorm ? [2, c.embeddingWidth] : [c.embeddingWidth]
        func norm(_ position: String) -> ParameterComponent {
            perLayer("\(normName(c)) \(position)", .normalization, normCount, normFormula, normFactors)
        }
        let selfName = c.isEncoderDecoder ? "Self-attention" : "Attention"
        let pre = c.normPlacement == .preNorm
        let (before, after) = ("before", "after")

        var parts: [ParameterComponent] = []
        if pre { parts.append(norm("\(before) \(selfName.lowercased())")) }
        parts += attention(c, name: selfName, perLayer)
        if !pre { parts.append(norm("\(after) \(selfName.lowercased())")) }
        if crossAttention {
            if pre { parts.append(norm("\(before) cross-attention")) }
            parts += attention(c, name: "Cross-attention", perLayer)
            if !pre { parts.append(norm("\(after) cross-attention")) }
        }
        if pre { parts.append(norm("\(before) MLP")) }
        parts += mlp(c, perLayer)
        if !pre { parts.append(norm("\(after) MLP")) }
        return parts
    }

    private typealias Make = (String, ParameterGroup, Int, String, [Int]) -> ParameterComponent

    /// Q, K, V and output projections; K and V are listed apart from Q under grouped-query attention.
    /// The projections map d to d_attn = n_head · d_head and back, which is d unless d_head is explicit.
    private static func attention(_ c: GPTConfiguration, name: String, _ make: Make) -> [ParameterComponent] {
        let d = c.embeddingWidth
        let a = c.attentionWidth
        let kv = c.keyValueHeadCount * c.headWidth
        let wide = a == d  // write formulas in d alone when d_attn = d
        let (aSymbol, threeA) = wide ? ("d", "3d") : ("d_attn", "3·d_attn")
        var parts: [ParameterComponent] = []
        if c.keyValueHeadCount == c.headCount {
            parts.append(make("\(name) Q, K, V weights", .attention, d * 3 * a, "d · \(threeA)", [d, 3 * a]))
            if c.attentionBias { parts.append(make("\(name) Q, K, V biases", .attention, 3 * a, threeA, [3 * a])) }
        } else {
            parts.append(make("\(name) Q weights", .attention, d * a, "d · \(aSymbol)", [d, a]))
            parts.append(make("\(name) K, V weights", .attention, d * 2 * kv, "d · 2·n_kv·d_head", [d, 2 * kv]))
            if c.attentionBias {
                parts.append(make("\(name) Q biases", .attention, a, aSymbol, [a]))
                parts.append(make("\(name) K, V biases", .attention, 2 * kv, "2·n_kv·d_head", [2 * kv]))
            }
        }
        parts.append(make("\(name) output weights", .attention, a * d, "\(aSymbol) · d", [a, d]))
        if c.attentionOutputBias { parts.append(make("\(name) output bias", .attention, d, "d", [d])) }
        return parts
    }

    /// Up and down projections, plus the gate of a gated (SwiGLU) MLP.
    private static func mlp(_ c: GPTConfiguration, _ make: Make) -> [ParameterComponent] {
        let d = c.embeddingWidth
        let f = c.mlpWidth
        var parts: [ParameterComponent] = []
        if c.mlpKind == .gated {
            parts.append(make("MLP gate weights", .mlp, d * f, "d · d_ff", [d, f]))
            if c.mlpBias { parts.append(make("MLP gate bias", .mlp, f, "d_ff", [f])) }
        }
        parts.append(make("MLP up weights", .mlp, d * f, "d · d_ff", [d, f]))
        if c.mlpBias { parts.append(make("MLP up bias", .mlp, f, "d_ff", [f])) }
        parts.append(make("MLP down weights", .mlp, f * d, "d_ff · d", [f, d]))
        if c.mlpBias { parts.append(make("MLP down bias", .mlp, d, "d", [d])) }
        return parts
    }

    /// One normalization layer's parameters: LayerNorm has a scale and a shift, RMSNorm a scale.
    private static func normSize(_ c: GPTConfiguration) -> (Int, String, String) {
        let d = c.embeddingWidth
        return c.normalization == .layerNorm ? (2 * d, "2d", "2 × \(g(d))") : (d, "d", g(d))
    }

    private static func normName(_ c: GPTConfiguration) -> String {
        c.normalization == .layerNorm ? "LayerNorm" : "RMSNorm"
    }

    /// Digits grouped in threes, for formulas.
    static func g(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return value < 0 ? "-" + out : out
    }
}
