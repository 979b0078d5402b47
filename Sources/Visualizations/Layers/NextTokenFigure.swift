import Charts
import Foundation
import GPTModel

/// The final next-token probabilities as horizontal bars, most probable on top.
enum NextTokenFigure {
    static func make(_ analysis: PromptAnalysis, position: Int?, topK: Int) throws(LayersError) -> Figure {
        guard topK <= LayerFigures.nextTokenMaximumTopK else {
            throw .topKTooLarge(topK, limit: LayerFigures.nextTokenMaximumTopK)
        }
        let d = try NextTokenDistribution(analysis, position: position, topK: topK)
        let vocabulary = analysis.model.configuration.vocabularySize
        let blue = Color(hex: 0x4e79a7), green = Color(hex: 0x59a14f), grey = Color(hex: 0xb8b8b8)

        var names: [String] = [], values: [Double] = [], colors: [Color] = []
        for t in d.top {
            var name = t.label
            // Two ids can share a label (e.g. without a tokenizer); the axis needs distinct names.
            if names.contains(name) { name += " (#\(t.id))" }
            names.append(name)
            values.append(t.probability)
            colors.append(t.id == d.actualNext?.id ? green : blue)
        }
        let others = vocabulary - d.top.count
        if others > 0 {
            names.append("all other \(NumberFormat.thousands(others))")
            values.append(d.remainder)
            colors.append(grey)
        }
        // One series per colour, zero elsewhere, so each bar keeps its own colour.
        let series = [blue, green, grey].filter(colors.contains).map { colour in
            BarSeries("", values: zip(values, colors).map { $1 == colour ? $0 : 0 }, color: colour)
        }
        var axes = Axes(x: Axis(label: "probability", limits: 0 ... min(1, max(0.05, (values.max() ?? 0) * 1.22)), format: .percent),
                        y: Axis())
        axes.y.maxLabelWidth = 220
        axes.add(BarChart(categories: names, series: series, orientation: .horizontal, valueLabels: .totals,
                          totalLabels: values.map(NumberFormat.percent), thickness: 0.7))
        axes.legend = .none

        let token = TokenAxisLabels.labels(analysis.tokens, range: d.position ..< d.position + 1, numbered: false).first ?? ""
        var lines = ["The model's output at position \(d.position) (token \(token)): softmax over all \(NumberFormat.thousands(vocabulary)) tokens; "
            + "the \(d.top.count) most probable."]
        if let next = d.actualNext {
            let rank = d.top.firstIndex { $0.id == next.id }.map { "rank \($0 + 1), in green" } ?? "not in the top \(d.top.count)"
            lines.append("The prompt actually continues with \(next.label) (\(NumberFormat.percent(next.probability)), \(rank)).")
        }
        let height = max(320, 190 + 30 * Double(names.count))
        return Figure(axes, width: 820, height: height,
                      title: "Next-token probabilities — \(analysis.modelName), \(context(analysis, through: d.position)) → ?",
                      subtitle: lines.joined(separator: "\n"))
    }

    /// The prompt up to and including `position`, keeping its end (what the prediction follows).
    private static func context(_ analysis: PromptAnalysis, through position: Int, limit: Int = 40) -> String {
        let bytes = analysis.tokens.tokenBytes[0 ... position].joined()
        let text = String(decoding: Array(bytes), as: UTF8.self).replacingOccurrences(of: "\n", with: "⏎")
        return text.count <= limit ? "“\(text)”" : "“…\(text.suffix(limit - 1))”"
    }
}
