import Charts
import GPTModel
import Tokenization

/// Figures of attention patterns, each built from a `PromptAnalysis`: one head, a layer's heads,
/// the whole model, per-layer aggregates and rollout, a BertViz-style head view and head scores.
///
/// Queries (the positions doing the looking) are rows, keys (the positions looked at) are
/// columns. Causal attention cannot look ahead, so the cells above the diagonal are drawn in a
/// separate "masked (future)" colour, never as a zero weight. Every figure takes an optional
/// `range` of positions (the same window of queries and keys) for long prompts.
public enum AttentionFigures {
    /// Attention weights 0…1 on viridis, linear; the masked future is light grey.
    public static let weightMapping = mapping(.linear)

    /// Attention weights 0…1 on viridis through `scale`; the masked future is light grey.
    public static func mapping(_ scale: AttentionColorScale) -> ColorMapping {
        ColorMapping(normalize: scale.normalize, colormap: .viridis, maskedColor: Color(hex: 0xE6E6E6))
    }
    /// Label of the masked colour in legends and colorbars.
    public static let maskedLabel = "masked (future)"

    /// The pattern of `layer` recorded in `analysis`, `[NH, T, T]`.
    public static func pattern(_ analysis: PromptAnalysis, layer: Int) throws(AttentionFigureError) -> AttentionPattern {
        let layers = analysis.model.configuration.layerCount
        guard layer >= 0, layer < layers else { throw .layerOutOfRange(layer: layer, layers: layers) }
        // Recorded packed (the forward pass's own storage): shared, never unpacked as a whole.
        if let packed = analysis.cache.causalScores(.pattern(layer)), packed.past == 0 {
            do { return try AttentionPattern(packed: packed) } catch { throw .analysis(error) }
        }
        guard let t = analysis.cache[.pattern(layer)], t.rank == 3 else { throw .missingPattern(layer: layer) }
        do { return try AttentionPattern(heads: t.shape[0], tokens: t.shape[1], weights: t.scalars) } catch { throw .analysis(error) }
    }

    /// Every layer's pattern, in order.
    public static func patterns(_ analysis: PromptAnalysis) throws(AttentionFigureError) -> [AttentionPattern] {
        var all: [AttentionPattern] = []
        for layer in 0..<analysis.model.configuration.layerCount { all.append(try pattern(analysis, layer: layer)) }
        return all
    }

    /// `range` checked against the prompt (nil: every position).
    public static func resolve(_ range: Range<Int>?, tokens: Int) throws(AttentionFigureError) -> Range<Int> {
        guard let range else { return 0..<tokens }
        guard range.lowerBound >= 0, range.upperBound <= tokens, !range.isEmpty else {
            throw .badRange(lower: range.lowerBound, upper: range.upperBound, tokens: tokens)
        }
        return range
    }

    /// The `[R, R]` window `range` of a `[T, T]` row-major matrix, with the future (key > query)
    /// set to NaN so heatmaps draw it as masked.
    public static func masked(_ matrix: [Double], tokens t: Int, range: Range<Int>) -> [Double] {
        var out: [Double] = []
        out.reserveCapacity(range.count * range.count)
        for q in range { for k in range { out.append(k > q ? .nan : matrix[q * t + k]) } }
        return out
    }

    /// Max-pools a `[n, n]` matrix into `[m, m]` blocks (m = ⌈n / factor⌉), ignoring NaN; a block
    /// of only NaN stays NaN. Thumbnails of long prompts keep thin lines (the diagonal,
    /// previous-token stripes) visible this way.
    public static func maxPooled(_ matrix: [Double], size n: Int, factor: Int) -> (values: [Double], size: Int) {
        guard factor > 1 else { return (matrix, n) }
        let m = (n + factor - 1) / factor
        var out = [Double](repeating: .nan, count: m * m)
        for r in 0..<n {
            let base = (r / factor) * m
            for c in 0..<n {
                let v = matrix[r * n + c]
                if v.isNaN { continue }
                let i = base + c / factor
                if out[i].isNaN || v > out[i] { out[i] = v }
            }
        }
        return (out, m)
    }

    /// "positions 10–73 of 1,024" or "5 tokens".
    static func positionsText(_ range: Range<Int>, tokens: Int) -> String {
        if range.count == tokens { return "\(NumberFormat.thousands(tokens)) token\(tokens == 1 ? "" : "s")" }
        return "positions \(range.lowerBound)–\(range.upperBound - 1) of \(NumberFormat.thousands(tokens)) tokens"
    }

    /// Subtitle line 1: the prompt and the positions shown.
    static func promptLine(_ analysis: PromptAnalysis, range: Range<Int>) -> String {
        "Prompt \(analysis.promptForTitle(limit: 72)) · \(positionsText(range, tokens: analysis.tokens.count))"
    }

    /// The footnote sentence on windows: rows do not sum to 1 when earlier keys are cut off.
    static func windowNote(_ range: Range<Int>) -> String? {
        range.lowerBound > 0 ? "Only keys from position \(range.lowerBound) on are shown, so a row's weights may sum to less than 1." : nil
    }

    /// Axis labels for `range`, numbered when long.
    static func labels(_ analysis: PromptAnalysis, range: Range<Int>) -> [String] {
        TokenAxisLabels.labels(analysis.tokens, range: range)
    }

    /// Grid axis labels for `range`: the tokens, and for a thinned axis the tokens after their
    /// positions (`"17 ·the"`), so every tick left says where it is.
    static func gridLabels(_ analysis: PromptAnalysis, range: Range<Int>) -> (tokens: [String], thinned: [String]) {
        (TokenAxisLabels.labels(analysis.tokens, range: range, numbered: false),
         TokenAxisLabels.labels(analysis.tokens, range: range, numbered: true))
    }

    /// The footnote lines of a grid: the window, the pooling, the colour scale.
    static func notes(_ range: Range<Int>, pooling factor: Int, scale: AttentionColorScale) -> String? {
        var notes = [windowNote(range)].compactMap { $0 }
        if factor > 1 { notes.append("Each pixel shows the largest weight in a \(factor)×\(factor) block of positions; axes give the block's first position.") }
        if let note = scale.note { notes.append(note) }
        return notes.isEmpty ? nil : notes.joined(separator: "\n")
    }
}
