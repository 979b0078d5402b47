import Charts
import Foundation
import GPTModel

extension AttentionFigures {
    /// The recordings the softmax-step figure needs for `layer`.
    public static func softmaxStepHooks(layer: Int) -> HookFilter {
        HookFilter(patterns: ["blocks.\(layer).attn.hook_attn_scores", "blocks.\(layer).attn.hook_pattern", "blocks.\(layer).attn.hook_v"])
    }

    /// ‖α_qk · v_k‖ for one head: how much key k actually adds to query q's output (Kobayashi et
    /// al. 2020), `[T, T]` row-major. `pattern` is the head's `[T, T]` weights and `values` the
    /// layer's `hook_v` `[T, NH, d_head]`; since α is a scalar this is α_qk · ‖v_k‖.
    public static func valueWeighted(pattern: [Double], values: [Float], tokens t: Int, heads nh: Int, head: Int) -> [Double] {
        let hs = values.count / max(t * nh, 1)
        let norms: [Double] = (0..<t).map { k in
            let base = (k * nh + head) * hs
            return (0..<hs).reduce(0.0) { $0 + Double(values[base + $1]) * Double(values[base + $1]) }.squareRoot()
        }
        var out = [Double](repeating: 0, count: t * t)
        for q in 0..<t { for k in 0..<t { out[q * t + k] = pattern[q * t + k] * norms[k] } }
        return out
    }

    /// The softmax step of one head, on the same token axes: the pre-softmax scores
    /// q·kᵀ/√d_head with the causal mask (`hook_attn_scores`), the pattern softmax makes of them
    /// (`hook_pattern`), and the value-weighted view ‖α·v‖ of how much each key contributes.
    public static func softmaxStep(_ analysis: PromptAnalysis, layer: Int, head: Int, range: Range<Int>? = nil) throws -> Figure {
        let c = analysis.model.configuration
        guard layer >= 0, layer < c.layerCount else { throw AttentionFigureError.layerOutOfRange(layer: layer, layers: c.layerCount) }
        guard head >= 0, head < c.headCount else { throw AttentionFigureError.headOutOfRange(head: head, heads: c.headCount) }
        guard let scores = analysis.cache[.attnScores(layer)], let pattern = analysis.cache[.pattern(layer)],
              let values = analysis.cache[.v(layer)] else { throw AttentionFigureError.missingPattern(layer: layer) }
        let t = pattern.shape[1]
        let r = try resolve(range, tokens: t)
        let size = t * t
        let headScores = scores.scalars[(head * size)..<((head + 1) * size)].map(Double.init)
        let headPattern = pattern.scalars[(head * size)..<((head + 1) * size)].map(Double.init)
        // With grouped-query attention hook_v holds n_kv heads; query head h reads kv head h / (n_head / n_kv).
        let kvHeads = values.rank == 3 ? values.shape[1] : c.headCount
        let kvHead = head / max(1, c.headCount / max(kvHeads, 1))
        let weighted = valueWeighted(pattern: headPattern, values: values.scalars, tokens: t, heads: kvHeads, head: kvHead)

        let shownScores = masked(headScores, tokens: t, range: r)
        let finite = shownScores.filter(\.isFinite)
        let bound = max(finite.map(abs).max() ?? 1, 1e-6)
        let scoreMapping = ColorMapping(normalize: .linear(-bound, bound), colormap: .diverging, maskedColor: Color(hex: 0xE6E6E6))
        let shownWeighted = masked(weighted, tokens: t, range: r)
        let weightedMax = max(shownWeighted.filter(\.isFinite).max() ?? 1, 1e-9)
        let weightedMapping = ColorMapping(normalize: .linear(0, weightedMax), colormap: .magma, maskedColor: Color(hex: 0xE6E6E6))
        let labels = labels(analysis, range: r)
        let n = r.count
        let small = n <= 12
        // GPT-2 files may turn 1/√d_head off or divide by the layer number too: say what was used.
        let standardScale = c.hasStandardAttentionScale
        let scaleText = String(format: "%.4g", Double(c.attentionScoreScale(layer: layer)))
        let panels: [(String, [Double], ColorMapping, String)] = [
            (standardScale ? "1. scores q·k/√\(c.headWidth) + mask" : "1. scores q·k × \(scaleText) + mask", shownScores, scoreMapping, "score"),
            ("2. softmax → pattern α", masked(headPattern, tokens: t, range: r), weightMapping, "weight"),
            ("3. value-weighted ‖α·v‖", shownWeighted, weightedMapping, "‖α·v‖"),
        ]
        let side = min(520, max(300, 22 * Double(n)))
        var figure = Figure(width: 3 * side + 360, height: side + 250,
                            title: "\(analysis.modelName) · layer \(layer), head \(head): the softmax step",
                            subtitle: promptLine(analysis, range: r) + "\n"
                                + "Row = query, column = key, on the same token axes in all three panels. "
                                + "Softmax turns each row of scores into weights that sum to 1; the masked future becomes 0.")
        // The three grids are the same token axes: one plot size and one top edge, so cells line up
        // across panels (the first panel's "query" label would otherwise shrink it).
        figure.uniformPlots = true
        for (i, (title, values, mapping, unit)) in panels.enumerated() {
            let heatmap = Heatmap(rows: n, columns: n, values: values, mapping: mapping, rowLabels: labels, columnLabels: labels,
                                  showValues: small ? true : false,
                                  format: { v in abs(v) < 10 ? String(format: "%.2f", v) : String(format: "%.0f", v) })
            var axes = Axes.heatmap(heatmap, title: title, xLabel: "key", yLabel: i == 0 ? "query" : nil,
                                    colorbarLabel: unit, maskedLabel: maskedLabel)
            axes.x.maxLabelWidth = 90
            axes.y.maxLabelWidth = 90
            axes.x.tickLabelAngle = -60
            figure.add(axes, row: 0, column: i)
        }
        figure.footnote = [windowNote(r),
                           (standardScale ? "Scores are hook_attn_scores (already divided by √d_head = √\(c.headWidth)); "
                                : "Scores are hook_attn_scores (q·k already multiplied by \(scaleText), this checkpoint's scale for layer \(layer)); ")
                               + "grey = masked future (−∞ before softmax). "
                               + "‖α·v‖ (Kobayashi et al. 2020) weighs each weight by the length of the key's value vector v (hook_v), "
                               + "before the output projection: a large weight on a tiny v moves little."]
            .compactMap { $0 }.joined(separator: "\n")
        return figure
    }
}
