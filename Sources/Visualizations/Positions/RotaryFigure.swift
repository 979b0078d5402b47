import Charts
import Foundation
import GPTModel

/// Pictures of rotary positions (RoPE): the frequency of each dimension pair (and what a
/// linear or llama3 scaling does to it), the rotation angle over positions × pairs, and how
/// q·k depends only on the distance between query and key.
///
/// ```swift
/// let rope = RotaryPositions(RotaryEmbedding(base: 10_000, dimensions: 64))
/// try RotaryFigure.frequencies(rope).write(to: URL(fileURLWithPath: "rope.png"))
/// ```
public enum RotaryFigure {
    /// θ_i and the wavelength 2π/θ_i of each pair, on log axes; with a scaling, the unscaled
    /// frequencies beside the scaled ones.
    public static func frequencies(_ rope: RotaryPositions) -> Figure {
        let pairs = (0 ..< rope.pairs).map(Double.init)
        let scaled = rope.frequencies, plain = rope.unscaledFrequencies
        let hasScaling = rope.rotary.scaling != .none
        var left = Axes(title: "Frequency θ_i of each pair", x: Axis(label: "dimension pair i"),
                        y: Axis(label: "θ_i (radians per position)", kind: .log))
        var right = Axes(title: "Wavelength 2π/θ_i of each pair", x: Axis(label: "dimension pair i"),
                         y: Axis(label: "wavelength (positions)", kind: .log))
        let blue = Color.tableau10[0], orange = Color.tableau10[1]
        left.add(LineSeries(hasScaling ? "unscaled: base^(−2i/d)" : "base^(−2i/d)", x: pairs, y: plain, color: blue,
                            width: 2, marker: rope.pairs <= 64 ? .circle : nil, markerSize: 2.5))
        right.add(LineSeries(hasScaling ? "unscaled" : "2π·base^(2i/d)", x: pairs, y: plain.map { 2 * .pi / $0 }, color: blue,
                             width: 2, marker: rope.pairs <= 64 ? .circle : nil, markerSize: 2.5))
        if hasScaling {
            let name = "scaled (\(scalingText(rope.rotary.scaling)))"
            left.add(LineSeries(name, x: pairs, y: scaled, color: orange, width: 2, dash: [6, 4]))
            right.add(LineSeries(name, x: pairs, y: scaled.map { 2 * .pi / $0 }, color: orange, width: 2, dash: [6, 4]))
        }
        if case .llama3(_, let low, let high, let context) = rope.rotary.scaling {
            right.add(ReferenceLine(.horizontal, at: Double(context) / low,
                                    label: "\(NumberFormat.thousands(Int((Double(context) / low).rounded()))) positions: longer wavelengths stretched ×\(factorText(rope.rotary.scaling))"))
            right.add(ReferenceLine(.horizontal, at: Double(context) / high,
                                    label: "\(NumberFormat.thousands(Int((Double(context) / high).rounded()))) positions: shorter ones kept"))
        }
        for i in [0, 1] {
            var axes = i == 0 ? left : right
            axes.x.limits = -0.5...Double(rope.pairs) - 0.5
            axes.x.format = .integer
            axes.legend = hasScaling ? .bottom : .none
            if i == 0 { left = axes } else { right = axes }
        }
        var figure = Figure(width: 1280, height: 620,
                            title: "Rotary positions: frequency of each dimension pair, \(headText(rope.rotary))",
                            subtitle: frequencySubtitle(rope.rotary))
        figure.add(left, row: 0, column: 0)
        figure.add(right, row: 0, column: 1)
        figure.spacing = Size(44, 22)
        return figure
    }

    /// cos(position · θ_i) for every position and pair: the cosines the forward pass multiplies
    /// queries and keys by.
    public static func angles(_ rope: RotaryPositions, positions: Range<Int>) -> Figure {
        let axes = anglePanel(rope, positions: positions, title: nil)
        let height = min(620, max(320, 900 * Double(positions.count) / Double(max(rope.pairs, 1) * 8))) + 170
        return Figure(axes, width: 960, height: height,
                      title: "Rotary positions: rotation angle over \(rangeText(positions)) × \(rope.pairs) pairs, \(headText(rope.rotary))",
                      subtitle: "Pair i of every query and key is turned by the angle position × θ_i; the colour is cos(angle) (red +1, blue −1).\n"
                        + "Left pairs turn fast (θ_0 = 1 radian per position), right ones slowly: the same picture as the sinusoidal encoding,\n"
                        + "but used as a rotation of q and k in every layer instead of a vector added once.")
    }

    /// q·k against the distance between query and key, for the all-ones q and k, starting at
    /// position 0 and at `offset`: the two curves coincide because only the distance matters.
    public static func distance(_ rope: RotaryPositions, distances: Int, offset: Int = 1000) -> Figure {
        let xs = (0 ..< distances).map(Double.init)
        let d = Double(rope.rotary.dimensions)
        let near = rope.onesScores(distances: distances).map { $0 / d }
        let far = rope.onesScores(distances: distances, offset: offset).map { $0 / d }
        var axes = Axes(title: nil, x: Axis(label: "distance m − n (query position − key position)"),
                        y: Axis(label: "q·k / d (q = k = all ones)"))
        axes.add(ReferenceLine(.horizontal, at: 0))
        axes.add(LineSeries("key at n = 0, query at m = distance", x: xs, y: near, color: Color.tableau10[0], width: 2.4))
        axes.add(LineSeries("key at n = \(NumberFormat.thousands(offset)), query at m = \(NumberFormat.thousands(offset)) + distance", x: xs, y: far,
                            color: Color.tableau10[1], width: 1.6, dash: [6, 4]))
        axes.x.limits = 0...Double(max(1, distances - 1))
        axes.x.format = .integer
        // Narrow heads (few pairs) swing well below −0.4; the axis follows them so no curve leaves the plot.
        let lowest = (near + far).min() ?? 0
        axes.y.limits = min(-0.4, (lowest * 10).rounded(.down) / 10)...1.05
        axes.legend = .bottom
        return Figure(axes, width: 1040, height: 640,
                      title: "Rotary positions: q·k depends only on the distance, \(headText(rope.rotary))",
                      subtitle: "The same query and key vectors, rotated for their positions m and n: the score is Σ_i 2·cos((m − n)·θ_i), divided here by d.\n"
                        + "The dashed curve (both tokens \(NumberFormat.thousands(offset)) positions later) lies on the solid one: only m − n matters.\n"
                        + "The score falls and wobbles as the distance grows, so nearby tokens get more attention (Su et al. 2021).")
    }

    /// Sinusoidal, learned and rotary positions as three heatmaps side by side over the same
    /// positions, each captioned with where it enters the model.
    public static func comparison(sinusoidal: PositionTable, learned: PositionTable, rotary: RotaryPositions) -> Figure {
        let panels = [
            PositionalEncodingPanels.heatmap(sinusoidal, title: "Sinusoidal: added once to the input"),
            PositionalEncodingPanels.heatmap(learned, title: "Learned wpe: added once to the input"),
            anglePanel(rotary, positions: sinusoidal.positions, title: "Rotary: turns q and k in every layer"),
        ]
        let rows = Double(sinusoidal.positions.count)
        let height = min(600, max(300, 700 * rows / Double(sinusoidal.dimensions))) + 230
        return threeWay(panels, height: height,
                        title: "Three ways to give a Transformer word order, \(rangeText(sinusoidal.positions))",
                        subtitle: "Left: sin/cos of pos/10000^(2i/d), a fixed vector added to each token's embedding before the first block (Vaswani et al. 2017).\n"
                            + "Middle: wpe[pos] of \(modelName(learned)), learned in training and added the same way (GPT-1, GPT-2).\n"
                            + "Right: no vector is added; each query and key pair i is rotated by pos·θ_i in every attention layer (Llama, Qwen2, GPT-NeoX), \(headText(rotary.rotary)).")
    }

    /// Sinusoidal, learned and rotary positions as three similarity matrices over the same
    /// positions: cell (p, q) compares position p with position q.
    public static func similarityComparison(sinusoidal: PositionTable, learned: PositionTable, rotary: RotaryPositions,
                                            measure: SimilarityMeasure) -> Figure {
        let positions = sinusoidal.positions
        let panels = [
            PositionalEncodingPanels.similarity(sinusoidal, measure: measure, title: "Sinusoidal: added once to the input"),
            PositionalEncodingPanels.similarity(learned, measure: measure, title: "Learned wpe: added once to the input"),
            // Always cosine: the rotated all-ones vectors have equal lengths, so a dot product says nothing more.
            PositionalEncodingPanels.similarity(rotary.similarity(positions: positions), positions: positions, measure: .cosine,
                                                title: "Rotary: q and k turned to p and q"),
        ]
        return threeWay(panels, height: 700,
                        title: "Three ways to give a Transformer word order: how alike two positions look, \(rangeText(positions))",
                        subtitle: "Left: the \(measure.label) of the sinusoidal vectors of p and q; for cosine it is (2/d)·Σ_i cos((p − q)/10000^(2i/d)), a function of p − q alone.\n"
                            + "Middle: the \(measure.label) of wpe[p] and wpe[q] of \(modelName(learned)), whatever training made of them.\n"
                            + "Right: the cosine between one all-ones query turned to p and to q, (2/d)·Σ_i cos((p − q)·θ_i) with \(headText(rotary.rotary)): the sinusoid's form, applied to q·k in every layer.")
    }

    /// Sinusoidal, learned and rotary panels in one row of a 1800-point-wide figure.
    static func threeWay(_ panels: [Axes], height: Double, title: String, subtitle: String) -> Figure {
        var figure = Figure(width: 1800, height: height, title: title, subtitle: subtitle)
        for (i, panel) in panels.enumerated() { figure.add(panel, row: 0, column: i) }
        figure.spacing = Size(44, 22)
        return figure
    }

    // MARK: - Panels and text

    static func anglePanel(_ rope: RotaryPositions, positions: Range<Int>, title: String?) -> Axes {
        let mapping = ColorMapping(normalize: .centered(at: 0, halfRange: 1), colormap: .diverging, maskedColor: Color(hex: 0xa8a8a8))
        let map = Heatmap(rows: positions.count, columns: rope.pairs, values: rope.cosines(positions: positions), mapping: mapping,
                          showValues: positions.count * rope.pairs <= 100, format: IndexedHeatmap.cellFormat)
        var axes = IndexedHeatmap(heatmap: map, rowIndices: positions, columnIndices: 0 ..< rope.pairs)
            .axes(title: title, xLabel: "dimension pair i", yLabel: "position", colorbarLabel: "cos(position · θ_i)")
        axes.equalAspect = false
        return axes
    }

    static func rangeText(_ r: Range<Int>) -> String {
        r.count == 1 ? "position \(r.lowerBound)" : "positions \(r.lowerBound)–\(r.upperBound - 1)"
    }

    static func headText(_ r: RotaryEmbedding) -> String {
        "d = \(r.dimensions), base \(r.base < 1e15 ? NumberFormat.thousands(Int(r.base.rounded())) : String(format: "%.3g", r.base))"
    }

    static func factorText(_ s: RotaryEmbedding.Scaling) -> String {
        switch s {
        case .none: "1"
        case .linear(let f), .dynamic(let f, _), .llama3(let f, _, _, _): String(format: "%g", f)
        }
    }

    static func scalingText(_ s: RotaryEmbedding.Scaling) -> String {
        switch s {
        case .none: "none"
        case .linear, .dynamic, .llama3: "\(s.name) ×\(factorText(s))"
        }
    }

    static func frequencySubtitle(_ r: RotaryEmbedding) -> String {
        let base = "Pair i (dimensions i and i + d/2 of a head) turns by θ_i = base^(−2i/d) radians per position: pair 0 once every 2π ≈ 6.3 positions,\n"
            + "the last pair once every ~2π·base positions. The log axes make the geometric spacing a straight line."
        switch r.scaling {
        case .none, .dynamic:
            return base
        case .linear(let f):
            return base + "\nLinear scaling divides every frequency by \(String(format: "%g", f)): a context \(NumberFormat.compact(f)) times longer fits the angles seen in training."
        case .llama3(let f, _, _, _):
            return base + "\nllama3 scaling keeps the fast pairs (short wavelengths), divides the slow ones by \(String(format: "%g", f)), and blends the pairs in between."
        }
    }

    static func modelName(_ t: PositionTable) -> String {
        if case .learned(let name) = t.source { return name }
        return "the model"
    }
}
