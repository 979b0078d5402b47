import Charts
import Experiments
import Foundation

/// Figures of the experiments: ablation and patching as heatmaps on a diverging scale centred
/// on 0 (red: the metric goes up, blue: it goes down), attribution as bars and a heatmap.
public enum ExperimentFigures {
    /// A diverging mapping centred on 0 reaching `floor` at least (so a sweep of zeros is white, not NaN).
    static func divergingMapping(_ values: [Double], floor: Double) -> ColorMapping {
        let finite = values.filter(\.isFinite).map(abs)
        let half = max(floor, finite.max() ?? 0)
        return ColorMapping(normalize: .centered(at: 0, halfRange: half), colormap: .diverging, maskedColor: Color(hex: 0xa8a8a8))
    }

    /// Values in cells only when they fit: small grids.
    static func cellText(rows: Int, columns: Int) -> Bool { rows * columns <= 160 && columns <= 16 }

    static func format(_ x: Double) -> String {
        let s = String(format: abs(x) >= 10 ? "%.0f" : "%.2f", x)
        return s.replacingOccurrences(of: "0.", with: ".").replacingOccurrences(of: "-.00", with: ".00")
    }

    /// The warning line of a patching chart whose clean and corrupt metrics barely differ, or nil.
    public static func smallGapCaution(gap: Double) -> String? {
        guard gap < PatchingScale.smallGap else { return nil }
        return "Caution: m_clean and m_corrupt differ by only " + String(format: "%.3f", gap)
            + " (under " + String(format: "%.1f", PatchingScale.smallGap) + "), so every score divides noise by a small number and can fall far outside 0…1; choose prompts the model answers differently."
    }

    /// The widest of `labels` in the tick font, in points (infinite if text cannot be measured).
    static func widestLabel(_ labels: [String]) -> Double {
        (try? TextMeasurer()).map { $0.maxWidth(labels, Theme.standard.tickFont) } ?? .infinity
    }

    /// Token labels too wide for their cells are turned −60° (and cut at 90 points) rather than thinned.
    static func turnLabels(of axes: inout Axes) {
        axes.x.tickLabelAngle = -60
        axes.x.maxLabelWidth = 90
    }

    /// A layers × columns heatmap panel.
    /// `cellWidth` (points, about what the figure gives a column): token labels wider than it are
    /// turned −60° so every position keeps its label instead of every other one being dropped.
    static func panel(_ grid: [[Double]], title: String, mapping: ColorMapping, columnLabels: [String], xLabel: String,
                      cellWidth: Double = .infinity) -> Axes {
        let rows = grid.count, columns = grid.first?.count ?? 0
        let heatmap = Heatmap(rows: rows, columns: columns, values: grid.flatMap { $0 }, mapping: mapping,
                              rowLabels: (0 ..< rows).map { "L\($0)" }, columnLabels: columnLabels,
                              showValues: cellText(rows: rows, columns: columns), format: format)
        var axes = Axes(title: title, x: Axis(label: xLabel, kind: .band, grid: false), y: Axis(label: "layer", kind: .band, grid: false))
        if cellWidth.isFinite, widestLabel(columnLabels) + 8 > cellWidth { turnLabels(of: &axes) }
        axes.add(heatmap)
        axes.legend = .none
        return axes
    }

    /// The ablation sweep: the change in the metric when each head (left) and each MLP layer
    /// (right) is ablated, layers × heads.
    public static func ablation(_ sweep: AblationSweep, modelName: String, promptLine: String) -> Figure {
        let (l, nh) = (sweep.heads.count, sweep.heads.first?.count ?? 0)
        // Scaled to the heads, the point of the figure: one MLP's large change would wash them out.
        let mapping = divergingMapping(sweep.heads.flatMap { $0 }, floor: 1e-3)
        let saturated = sweep.mlp.contains { abs($0) > mapping.normalize.vmax }
        let cell = max(26, min(46, 520 / Double(max(nh + 1, l))))
        let width = cell * Double(nh + 1) + 330, height = cell * Double(l) + 250
        var figure = Figure(width: max(620, width), height: max(380, height),
                            title: "\(modelName) · \(sweep.mode.rawValue)-ablation: change in \(sweep.metric.name)")
        let base = String(format: "%.3f", sweep.baseline)
        figure.subtitle = promptLine + "\nEach cell: \(sweep.metric.name) with that part ablated − \(sweep.metric.name) of the intact model (\(base)). "
            + (sweep.metric.name == "loss" ? "Red: the model does worse without it." : "Blue: the answer loses ground without it.")
            + (saturated ? "\nColours are scaled to the heads; MLP cells beyond the colour bar show their value in the cell." : "")
        figure.columnWeights = [Double(max(nh, 1)), 1.6]
        figure.add(panel(sweep.heads, title: "attention heads", mapping: mapping, columnLabels: (0 ..< nh).map { "H\($0)" }, xLabel: "head"), row: 0, column: 0)
        // An x label like the heads' keeps both panels the same height, so layer rows line up.
        figure.add(panel(sweep.mlp.map { [$0] }, title: "MLP", mapping: mapping, columnLabels: ["mlp_out"], xLabel: "MLP"), row: 0, column: 1)
        figure.colorbar = Colorbar(mapping: mapping, label: "Δ \(sweep.metric.name)")
        return figure
    }

    /// The patching grids: resid_pre, attn_out and mlp_out per layer × position, and every head's z per layer × head.
    public static func patching(_ result: PatchingResult, modelName: String, tokenLabels: [String], metricLine: String) -> Figure {
        let l = result.residPre.count, t = tokenLabels.count, nh = result.heads.first?.count ?? 0
        let mapping = divergingMapping(result.residPre.flatMap { $0 } + result.attnOut.flatMap { $0 } + result.mlpOut.flatMap { $0 }
                                       + result.heads.flatMap { $0 }, floor: 1)
        let heads = panel(result.heads, title: "each head's z, all positions (layer × head)", mapping: mapping,
                          columnLabels: (0 ..< nh).map { "H\($0)" }, xLabel: "head")
        // The column width each layout below gives a position: short prompts go in a 2 × 2 grid,
        // longer ones stacked at full width.
        let cell = t <= 16 ? max(22, min(42, 900 / Double(max(t, 1) * 2))) : max(14, min(36, 1500 / Double(max(t, 1))))
        let grids = [("resid_pre", result.residPre), ("attn_out", result.attnOut), ("mlp_out", result.mlpOut)].map {
            panel($0.1, title: "\($0.0) (layer × position)", mapping: mapping, columnLabels: tokenLabels, xLabel: "position", cellWidth: cell)
        }
        let caution = smallGapCaution(gap: result.gap).map { "\n" + $0 } ?? ""
        let subtitle = metricLine + "\nEach cell: the corrupt run with that one activation taken from the clean run, scored "
            + "(m − m_corrupt) / (m_clean − m_corrupt): 1 = clean answer fully restored, 0 = no effect." + caution
        if t <= 16 {
            let panelWidth = cell * Double(max(t, nh)) + 120, panelHeight = cell * Double(l) + 110
            var figure = Figure(width: max(760, 2 * panelWidth + 160), height: max(400, 2 * panelHeight + 220),
                                title: "\(modelName) · activation patching: clean → corrupt", subtitle: subtitle)
            figure.spacing = Size(40, 40)
            for (i, axes) in (grids + [heads]).enumerated() { figure.add(axes, row: i / 2, column: i % 2) }
            figure.colorbar = Colorbar(mapping: mapping, label: "normalised score")
            return figure
        }
        // Longer prompts: the three layer × position grids stacked at full width, so cells stay square-ish.
        let rowHeight = max(cell, 22) * Double(l) + 100
        var figure = Figure(width: max(900, cell * Double(t) + 260), height: 4 * rowHeight + 200,
                            title: "\(modelName) · activation patching: clean → corrupt", subtitle: subtitle)
        figure.spacing = Size(30, 30)
        figure.columnWeights = [Double(nh) + 3, Double(max(1, t - nh - 3))]
        for (i, axes) in grids.enumerated() { figure.add(axes, row: i, column: 0, columnSpan: 2) }
        figure.add(heads, row: 3, column: 0)
        figure.colorbar = Colorbar(mapping: mapping, label: "normalised score")
        return figure
    }

    /// Patching one head at one position: one panel per layer, heads × positions.
    /// `gap` is |m_clean − m_corrupt|, for the small-gap caution.
    public static func headPositions(_ grid: [[[Double]]], modelName: String, tokenLabels: [String], metricLine: String,
                                     gap: Double) -> Figure {
        let l = grid.count, nh = grid.first?.count ?? 0, t = tokenLabels.count
        let mapping = divergingMapping(grid.flatMap { $0.flatMap { $0 } }, floor: 1)
        // Each panel is heads tall and positions wide: short prompts make tall, narrow panels, so
        // more of them go side by side (up to 6) to keep the whole figure roughly square.
        let balanced = Int(ceil((Double(l * nh) / Double(max(t, 1))).squareRoot()))
        let columns = min(l, max(2, min(6, balanced))), rows = (l + columns - 1) / max(columns, 1)
        let cell = max(20, min(40, 700 / Double(max(t, 1) * columns)))
        var figure = Figure(width: max(700, (cell * Double(t) + 130) * Double(columns) + 150),
                            height: max(420, (cell * Double(nh) + 110) * Double(rows) + 200),
                            title: "\(modelName) · patching each head at each position")
        let crowded = widestLabel(tokenLabels) + 8 > cell
        figure.subtitle = metricLine + "\nEach cell: one head's z at one position taken from the clean run (1 = clean answer restored)."
            + (smallGapCaution(gap: gap).map { "\n" + $0 } ?? "")
        for layer in 0 ..< l {
            let heatmap = Heatmap(rows: nh, columns: t, values: grid[layer].flatMap { $0 }, mapping: mapping,
                                  rowLabels: (0 ..< nh).map { "H\($0)" }, columnLabels: tokenLabels,
                                  showValues: cellText(rows: nh, columns: t), format: format)
            var axes = Axes(title: "layer \(layer)", x: Axis(label: "position", kind: .band, grid: false), y: Axis(label: "head", kind: .band, grid: false))
            if crowded { turnLabels(of: &axes) }
            axes.add(heatmap)
            axes.legend = .none
            figure.add(axes, row: layer / columns, column: layer % columns)
        }
        figure.colorbar = Colorbar(mapping: mapping, label: "normalised score")
        return figure
    }

    /// Direct logit attribution: the largest parts as bars (left) and every head as a layers × heads heatmap (right).
    public static func attribution(_ a: LogitAttribution, modelName: String, metricLine: String, topCount: Int = 16) -> Figure {
        let nh = a.heads.first?.count ?? 0
        var parts: [(String, Double)] = [("embed", a.embed), ("pos_embed", a.posEmbed)]
        for (layer, row) in a.heads.enumerated() { for (h, v) in row.enumerated() { parts.append(("L\(layer)H\(h)", v)) } }
        for (layer, v) in a.mlp.enumerated() { parts.append(("MLP\(layer)", v)) }
        parts.append(("attn biases", a.attentionBias.reduce(0, +)))
        parts.append(("ln_final bias", a.finalNormBias))
        let top = parts.sorted { abs($0.1) > abs($1.1) }.prefix(topCount)
        let rest = parts.count - top.count
        var categories = top.map(\.0), values = top.map(\.1)
        if rest > 0 {
            categories.append("\(rest) others")
            values.append(parts.map(\.1).reduce(0, +) - values.reduce(0, +))
        }
        var figure = Figure(width: 1000, height: max(480, 26 * Double(categories.count) + 240),
                            title: "\(modelName) · direct logit attribution")
        figure.subtitle = metricLine + "\n"
            + String(format: "Logit difference %.3f = sum of parts %.3f + residual %.1e. Each part: that component's output at position %d, read through the final norm with its scale frozen.",
                     a.total, a.sumOfParts, a.residual, a.position)
        figure.columnWeights = [1.2, 1]
        var left = Axes(title: "largest parts (logit difference)", x: Axis(label: "contribution"), y: Axis(kind: .band, grid: false))
        // Two single-series charts over the same categories, so each bar takes the colour of its sign.
        for (positive, color) in [(true, Color(hex: 0xc0392b)), (false, Color(hex: 0x2e6da4))] {
            left.add(BarChart(categories: categories, series: [BarSeries(positive ? "raises the answer" : "lowers it",
                                                                         values: values.map { ($0 >= 0) == positive ? $0 : 0 }, color: color)],
                              orientation: .horizontal, mode: .grouped, valueLabels: .totals, format: { String(format: "%+.2f", $0) }))
        }
        left.legend = .none
        figure.add(left, row: 0, column: 0)
        let mapping = divergingMapping(a.heads.flatMap { $0 }, floor: 1e-3)
        figure.add(panel(a.heads, title: "every head", mapping: mapping, columnLabels: (0 ..< nh).map { "H\($0)" }, xLabel: "head"), row: 0, column: 1)
        figure.colorbar = Colorbar(mapping: mapping, label: "head's part of the logit difference")
        return figure
    }
}

extension ExperimentFigures {
    /// Every head's copying score, layers × heads, on −1…1.
    public static func copyingScores(_ scores: [[Double]], modelName: String) -> Figure {
        let (l, nh) = (scores.count, scores.first?.count ?? 0)
        let mapping = ColorMapping(normalize: .centered(at: 0, halfRange: 1), colormap: .diverging, maskedColor: Color(hex: 0xa8a8a8))
        let cell = max(26, min(46, 520 / Double(max(nh, l))))
        var figure = Figure(width: max(560, cell * Double(nh) + 260), height: max(360, cell * Double(l) + 230),
                            title: "\(modelName) · OV copying score of every head")
        figure.subtitle = "From the weights alone: Σλ / Σ|λ| over the eigenvalues\nof the head's full OV circuit W_E·W_V·W_O·W_U.\n"
            + "Near 1 (red): attending to a token raises that same token's logit\n(a copying head); near −1 (blue): it suppresses it."
        figure.add(panel(scores, title: "", mapping: mapping, columnLabels: (0 ..< nh).map { "H\($0)" }, xLabel: "head"), row: 0, column: 0)
        figure.colorbar = Colorbar(mapping: mapping, label: "copying score")
        return figure
    }

    /// One head's QK circuit between chosen tokens (or positions): query rows × key columns.
    public static func qkCircuit(_ scores: [Double], labels: [String], head: HeadIndex, modelName: String, of what: String) -> Figure {
        let n = labels.count
        let mapping = divergingMapping(scores, floor: 1e-6)
        let cell = max(26, min(48, 620 / Double(max(n, 1))))
        var figure = Figure(width: max(560, cell * Double(n) + 300), height: max(420, cell * Double(n) + 260),
                            title: "\(modelName) · QK circuit of head \(head) between \(what)")
        figure.subtitle = "From the weights alone: (x_q·W_Q)·(x_k·W_K)^T / √d_head,\neach x the \(what == "tokens" ? "token's embedding" : "position's vector") through the layer's first norm.\n"
            + "Red: the query (row) wants to attend to the key (column); blue: it avoids it.\nSoftmax is per row, so compare within a row."
        let heatmap = Heatmap(rows: n, columns: n, values: scores, mapping: mapping, rowLabels: labels, columnLabels: labels,
                              showValues: cellText(rows: n, columns: n), format: format)
        var axes = Axes(title: "", x: Axis(label: "key", kind: .band, grid: false), y: Axis(label: "query", kind: .band, grid: false))
        axes.add(heatmap)
        axes.legend = .none
        figure.add(axes, row: 0, column: 0)
        figure.colorbar = Colorbar(mapping: mapping, label: "attention score")
        return figure
    }
}
