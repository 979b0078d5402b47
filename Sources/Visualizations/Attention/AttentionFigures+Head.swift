import Charts
import Foundation
import GPTModel

extension AttentionFigures {
    /// One head's pattern as a heatmap: queries as rows, keys as columns, token labels on both
    /// axes, the masked future in its own colour, and the weights printed in the cells when
    /// they fit (up to 25 positions).
    ///
    /// - Parameters:
    ///   - range: the window of positions (queries and keys) to show; nil shows all.
    ///   - scale: how weights become colours (square root by default, see `AttentionColorScale`).
    public static func head(_ analysis: PromptAnalysis, layer: Int, head: Int, range: Range<Int>? = nil,
                            scale: AttentionColorScale = .standard) throws -> Figure {
        let p = try pattern(analysis, layer: layer)
        guard head >= 0, head < p.heads else { throw AttentionFigureError.headOutOfRange(head: head, heads: p.heads) }
        let r = try resolve(range, tokens: p.tokens)
        let values = masked(p.head(head), tokens: p.tokens, range: r)
        let title = "\(analysis.modelName) · layer \(layer), head \(head): attention pattern"
        let c = analysis.model.configuration
        var lines = [promptLine(analysis, range: r),
                     "Row = query (the token looking), column = key (a token it looks at); each row's weights sum to 1."]
        if c.keyValueHeadCount < c.headCount {
            let group = c.headCount / c.keyValueHeadCount, kv = head / group
            lines.append("Grouped-query attention: its keys and values are kv head \(kv), shared by heads \(kv * group)–\(kv * group + group - 1).")
        }
        var figure = matrixFigure(values: values, size: r.count, labels: gridLabels(analysis, range: r), title: title,
                                  subtitle: lines.joined(separator: "\n"), colorbarLabel: scale.colorbarLabel("attention weight"),
                                  mapping: mapping(scale))
        figure.footnote = [windowNote(r), "Light grey cells are the masked future: a causal model cannot attend to later tokens.", scale.note]
            .compactMap { $0 }.joined(separator: "\n")
        return figure
    }

    /// A single-matrix figure sized to the number of positions: square cells, labels both ways,
    /// a colorbar with the masked swatch.
    static func matrixFigure(values: [Double], size n: Int, labels: (tokens: [String], thinned: [String]), title: String, subtitle: String,
                             colorbarLabel: String, mapping: ColorMapping) -> Figure {
        let heatmap = Heatmap(rows: n, columns: n, values: values, mapping: mapping, rowLabels: labels.tokens, columnLabels: labels.tokens)
        var axes = Axes.heatmap(heatmap, xLabel: "key position (attended to)", yLabel: "query position (attending)",
                                colorbarLabel: colorbarLabel, maskedLabel: maskedLabel)
        axes.x.maxLabelWidth = 110
        axes.y.maxLabelWidth = 110
        axes.x.thinnedLabels = labels.thinned
        axes.y.thinnedLabels = labels.thinned
        // Up to 25 positions cells are big enough for their values (28 points); beyond, about 15
        // points per row shows every label up to 64 positions, and longer prompts are thinned.
        let side = n <= 25 ? max(380, 28 * Double(n)) : min(1000, 15.5 * Double(n))
        // Column labels stay horizontal when every one fits its cell, as on short prompts.
        let widest = (try? TextMeasurer()).map { $0.maxWidth(labels.tokens, Theme.standard.tickFont) } ?? .infinity
        axes.x.tickLabelAngle = widest + 8 <= side / Double(max(n, 1)) ? 0 : -60
        return Figure(axes, width: side + 330, height: side + 300, title: title, subtitle: subtitle)
    }
}

extension AttentionFigures {
    /// One line on grouped-query attention: how many query heads share each key/value head.
    static func groupedQueryNote(_ c: GPTConfiguration) -> String {
        let group = c.headCount / max(c.keyValueHeadCount, 1)
        return "Grouped-query attention: \(c.headCount) query heads share \(c.keyValueHeadCount) key/value head\(c.keyValueHeadCount == 1 ? "" : "s") "
            + "(head h reads kv head h / \(group))."
    }
}
