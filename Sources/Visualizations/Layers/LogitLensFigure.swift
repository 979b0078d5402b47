import Charts
import Foundation
import GPTModel

/// The logit-lens table: stages (embeddings at the bottom) × positions, each cell the top token
/// of that stage's readout with its probability as colour and text.
enum LogitLensFigure {
    static func make(_ analysis: PromptAnalysis, range: Range<Int>?) throws(LayersError) -> Figure {
        let count = analysis.tokens.count
        let positions = try range.map { r throws(LayersError) in try LayerPositions.check(r, count: count) }
            ?? defaultPositions(count: count)
        return make(analysis, lens: try LogitLens(analysis, positions: positions))
    }

    /// The positions shown without a range: the last ``LayerFigures/lensMaximumPositions``.
    static func defaultPositions(count: Int) -> Range<Int> {
        LayerPositions.tail(count: count, limit: LayerFigures.lensMaximumPositions)
    }

    /// The table for a readout already computed (over the positions it was computed for).
    static func make(_ analysis: PromptAnalysis, lens: LogitLens) -> Figure {
        let count = analysis.tokens.count
        let positions = lens.positions
        let stageCount = lens.stages.count, columns = positions.count
        let order = Array((0 ..< stageCount).reversed())

        var values: [Double] = [], labels: [String] = [], details: [String] = [], emphasized: [Bool] = []
        for s in order {
            for p in positions {
                let best = lens.best(stage: s, position: p)
                values.append(best.probability)
                labels.append(best.label)
                details.append(NumberFormat.percent(best.probability))
                emphasized.append(p + 1 < count && analysis.tokens.ids[p + 1] == best.id)
            }
        }
        // Log colour: early layers are often unsure (well under 1 %), late ones near certain.
        let smallest = values.filter { $0 > 0 }.min() ?? 1e-3
        let vmin = min(1e-2, max(1e-6, pow(10, floor(log10(smallest)))))
        let mapping = ColorMapping(normalize: .log(vmin, 1), colormap: .viridis)
        let heatmap = Heatmap(rows: stageCount, columns: columns, values: values, mapping: mapping,
                              rowLabels: order.map { ResidualNorms.label(lens.stages[$0]) },
                              columnLabels: TokenAxisLabels.labels(analysis.tokens, range: positions, numbered: positions.lowerBound > 0 ? true : nil),
                              showValues: false)

        // Cell width from the longest label (within limits), 30 points per row for two lines of text.
        let measurer = try? TextMeasurer()
        let widest = measurer.map { m in m.maxWidth(Array(Set(labels)), Font(size: 11.5)) } ?? 60
        let cellWidth = max(min(widest + 10, 92, 1500 / Double(columns)), min(44, 1500 / Double(columns)))
        let cellHeight = stageCount > 30 ? 22.0 : 30.0

        var axes = Axes(title: nil, x: Axis(label: "input token at each position (each cell predicts the token after it)", kind: .band, grid: false),
                        y: Axis(label: "residual stream read out", kind: .band, grid: false))
        if (heatmap.columnLabels ?? []).contains(where: { $0.count > 3 }) { axes.x.tickLabelAngle = -60 }
        axes.add(LabeledCells(heatmap: heatmap, labels: labels, details: details, emphasized: emphasized))
        axes.legend = .none
        axes.equalAspect = false
        axes.colorbar = Colorbar(mapping: mapping, label: "probability of the top token", format: .percent)

        let plotWidth = cellWidth * Double(columns), plotHeight = cellHeight * Double(stageCount)
        var figure = Figure(width: max(760, plotWidth + 300), height: plotHeight + 330,
                            title: "Logit lens — \(analysis.modelName), \(analysis.promptForTitle(positions: positions))",
                            subtitle: subtitle(lens, count: count, analysis: analysis, textFits: cellWidth >= LabeledCells.minimumTextWidth))
        figure.add(axes)
        figure.footnote = "A cell: the most probable next token when that stage is decoded as if it were the last layer; "
            + "outlined bold cells match the prompt's actual next token.\nCaveat: early layers were never trained to be read this way, "
            + "so a poor readout there does not mean\nthe information is absent (the tuned lens of Belrose et al. 2023 trains a readout per layer)."
        return figure
    }

    /// Why the bottom row "predicts" the input token itself, when it mostly does: the token's
    /// own embedding is read out through the same table (a tied head is `wte`), and a vector's
    /// dot product is usually largest with itself. Nil when the row does not echo its input.
    static func echoNote(_ lens: LogitLens, analysis: PromptAnalysis) -> String? {
        let echoed = lens.positions.filter { lens.best(stage: 0, position: $0).id == analysis.tokens.ids[$0] }.count
        guard echoed * 2 > lens.positions.count else { return nil }
        let share = "\(echoed) of \(lens.positions.count) bottom cells show the input token itself, not a prediction:\n"
        return analysis.model.lmHead == nil
            ? share + "the output head is tied to wte, the table that embedded the token, and a vector scores highest against its own row."
            : share + "a freshly embedded token is still closest to its own row of the unembedding."
    }

    /// The final norm as the checkpoint names it: `ln_f`, Llama's RMSNorm `model.norm`, GPT-NeoX's `final_layer_norm`.
    private static func finalNormName(_ c: GPTConfiguration) -> String {
        switch c.checkpointFormat {
        case .gpt2: "LayerNorm (ln_f)"
        case .llama: "RMSNorm (model.norm)"
        case .gptNeoX: "LayerNorm (final_layer_norm)"
        }
    }

    private static func subtitle(_ lens: LogitLens, count: Int, analysis: PromptAnalysis, textFits: Bool) -> String {
        let layers = analysis.model.configuration.layerCount
        var lines = [lens.appliesFinalNorm
            ? "Each stage of the residual stream goes through the final \(Self.finalNormName(analysis.model.configuration)) and the unembedding, then softmax."
            : "GPT-1 has no final LayerNorm: each stage of the residual stream goes straight through the unembedding, then softmax."]
        lines.append("Bottom row: the embeddings (resid_pre 0); top row: the output of block \(layers - 1), which is the model's real prediction.")
        if let echo = echoNote(lens, analysis: analysis) { lines.append(echo) }
        if lens.positions.count < count {
            lines.append("Positions \(lens.positions.lowerBound)–\(lens.positions.upperBound - 1) of \(count)"
                + " (pass a range of positions to see others).")
        }
        if !textFits {
            lines.append("\(lens.positions.count) positions leave no room for token text: colour only (a range of up to 50 positions shows the tokens).")
        }
        return lines.joined(separator: "\n")
    }
}
