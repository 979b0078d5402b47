import Charts
import Foundation
import GPTModel

/// The residual-stream norm figure: a stages × positions heatmap of ‖x‖₂ over a line chart of
/// the mean norm per stage.
enum ResidualNormFigure {
    static func make(_ analysis: PromptAnalysis, range: Range<Int>?) throws(LayersError) -> Figure {
        let norms = try ResidualNorms(analysis, positions: range)
        let config = analysis.model.configuration
        let stageCount = norms.stages.count, columns = norms.positions.count

        // Embeddings at the bottom, the last block's output on top: the stream rises through the model.
        let order = Array((0 ..< stageCount).reversed())
        let values = order.flatMap { norms.values[$0] }
        let finite = values.filter { $0.isFinite && $0 > 0 }
        let lo = finite.min() ?? 1, hi = finite.max() ?? 1
        // A huge norm at one position (trained GPT-2's first token) would wash out a linear scale.
        let logScale = hi / max(lo, 1e-12) > 30
        let mapping = ColorMapping(normalize: logScale ? .log(lo, hi) : .linear(0, max(hi, 1e-12)), colormap: .viridis)
        let heatmap = Heatmap(rows: stageCount, columns: columns, values: values, mapping: mapping,
                              rowLabels: order.map { ResidualNorms.label(norms.stages[$0]) },
                              columnLabels: TokenAxisLabels.labels(analysis.tokens, range: norms.positions),
                              format: { v in v >= 100 ? String(format: "%.0f", v) : String(format: "%.1f", v) })
        var top = Axes.heatmap(heatmap, title: "‖x‖ per position" + (logScale ? " (log colour scale)" : ""),
                               xLabel: columns > TokenAxisLabels.numberingThreshold ? "position and token" : "token",
                               yLabel: "residual stream stage", colorbarLabel: "‖x‖ (L2 norm)")
        top.equalAspect = false

        var profile = Axes(title: "Mean ‖x‖ over the positions shown",
                           x: Axis(label: "residual stream stage", kind: .band, grid: false),
                           y: Axis(label: "mean ‖x‖", includeZero: true))
        if stageCount > 7 { profile.x.tickLabelAngle = -35 }
        profile.add(BandCategories(categories: norms.stages.map(ResidualNorms.label)))
        let xs = (0 ..< stageCount).map { Double($0) + 0.5 }
        profile.add(LineSeries("all positions", x: xs, y: norms.meanPerStage, color: Color(hex: 0x4e79a7), marker: .circle, markerSize: 3.5))
        if let after = norms.meanPerStageAfterFirst {
            profile.add(LineSeries("without position 0", x: xs, y: after, color: Color(hex: 0xf28e2b), dash: [5, 4],
                                   marker: .square, markerSize: 3))
        }
        profile.legend = .insideTopLeft

        // Room for the rows plus the rotated token labels under them.
        let heatmapHeight = min(1100, max(150, 20 * Double(stageCount))) + 120
        let width = min(1100, max(720, 300 + 56 * Double(columns)))
        var figure = Figure(width: width, height: heatmapHeight + 260 + 150,
                            title: "Residual stream through the layers — \(analysis.modelName), \(analysis.promptForTitle())",
                            subtitle: subtitle(config: config, norms: norms, count: analysis.tokens.count, logScale: logScale))
        figure.add(top, row: 0, column: 0)
        figure.add(profile, row: 1, column: 0)
        figure.rowWeights = [heatmapHeight, 230]
        figure.spacing = Size(28, 34)
        return figure
    }

    private static func subtitle(config: GPTConfiguration, norms: ResidualNorms, count: Int, logScale: Bool) -> String {
        var lines = ["The residual stream is the running sum every block reads and adds to; ‖x‖ is its length (L2 norm).",
                     "resid_pre 0 = token + position embedding; resid_pre i enters block i; resid_post \(config.layerCount - 1) leaves the last."]
        if config.normPlacement == .postNorm {
            lines.append("GPT-1 normalizes after each sublayer (post-LN): from resid_pre 1 on, the stream has just left")
            lines.append("a LayerNorm, so its length stays near √d·|γ|.")
        }
        if norms.positions.count < count {
            lines.append("Positions \(norms.positions.lowerBound)–\(norms.positions.upperBound - 1) of \(count).")
        }
        return lines.joined(separator: "\n")
    }
}
