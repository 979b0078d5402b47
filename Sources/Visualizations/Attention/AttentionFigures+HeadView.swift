import Charts
import Foundation

extension AttentionFigures {
    /// Without a `range`, the head view shows at most this many positions (the first ones).
    public static let headViewLimit = 64

    /// A BertViz-style head view: the tokens twice, queries on the left and keys on the right,
    /// joined by lines whose opacity is the attention weight; several heads get one colour each.
    ///
    /// - Parameters:
    ///   - heads: the heads to draw (nil: all heads of the layer).
    ///   - query: draw only this query position's lines and highlight it (nil: every query).
    ///   - range: the positions shown; nil shows the first `headViewLimit` positions.
    public static func headView(_ analysis: PromptAnalysis, layer: Int, heads: [Int]? = nil, query: Int? = nil,
                                range: Range<Int>? = nil) throws -> Figure {
        let p = try pattern(analysis, layer: layer)
        let chosen = heads ?? Array(0..<p.heads)
        for h in chosen where h < 0 || h >= p.heads { throw AttentionFigureError.headOutOfRange(head: h, heads: p.heads) }
        let r = try resolve(range ?? 0..<min(p.tokens, headViewLimit), tokens: p.tokens)
        if let query, !r.contains(query) {
            throw AttentionFigureError.queryOutOfRange(query: query, lower: r.lowerBound, upper: r.upperBound)
        }
        let measurer = try TextMeasurer()
        let theme = Theme.standard
        let font = Font(size: 12, kind: .mono)
        let tokenLabels = labels(analysis, range: r).map { measurer.truncate($0, font, toWidth: 150) }
        let headerFont = Font(size: 12, bold: true)
        let queryHeader = "query (attending)", keyHeader = "key (attended to)"
        let labelWidth = max(measurer.maxWidth(tokenLabels, font), measurer.maxWidth([queryHeader, keyHeader], headerFont) / 2 + 4)
        // Rows get more room on short prompts; the canvas is drawn at 1:1, centred in a figure at
        // least 680 points wide.
        let rowHeight = max(15, min(28, 420 / Double(r.count))), header = 28.0, gap = 8.0, lineSpan = 300.0
        let width = 2 * labelWidth + 2 * gap + lineSpan
        let figureWidth = max(680, width + 32)
        let leftX = labelWidth, rightX = width - labelWidth
        var canvas = Canvas(size: Size(width, header + rowHeight * Double(r.count)))
        func y(_ i: Int) -> Double { header + rowHeight * (Double(i - r.lowerBound) + 0.5) }

        canvas.text(queryHeader, at: Point(max(leftX, measurer.measure(queryHeader, headerFont).width), 8), font: headerFont,
                    color: theme.text, anchor: .rightMiddle)
        canvas.text(keyHeader, at: Point(min(rightX, width - measurer.measure(keyHeader, headerFont).width), 8), font: headerFont,
                    color: theme.text, anchor: .leftMiddle)
        let colors = chosen.map { headColor($0) }
        // Per-key weight of the highlighted query, to shade the key labels (one head only).
        if let query, chosen.count == 1 {
            for k in r where k <= query {
                let w = p[chosen[0], query, k]
                let box = Rect(x: rightX - 2, y: y(k) - rowHeight / 2 + 1, width: labelWidth + 4, height: rowHeight - 2)
                canvas.rect(box, fill: colors[0].withAlpha(min(1, w)), cornerRadius: 2)
            }
        }
        if let query {
            let box = Rect(x: -2, y: y(query) - rowHeight / 2 + 0.5, width: labelWidth + 4, height: rowHeight - 1)
            canvas.rect(box, fill: Color(hex: 0xFFE8A3), stroke: Stroke(Color(hex: 0xC9A227), width: 1), cornerRadius: 3)
        }
        // Lines: faint weights are invisible at their opacity anyway; skipping them keeps SVG small.
        var segments: [LineSegment] = []
        for (i, h) in chosen.enumerated() {
            for q in r where query == nil || q == query {
                for k in r.lowerBound...q {
                    let w = p[h, q, k]
                    guard w >= 0.01 else { continue }
                    segments.append(LineSegment(from: Point(leftX + gap, y(q)), to: Point(rightX - gap, y(k)),
                                                color: colors[i].withAlpha(min(1, w))))
                }
            }
        }
        canvas.lines(segments, width: query == nil ? 1.6 : 2.4)
        for i in r {
            let color = query == nil || i == query ? theme.text : theme.mutedText
            canvas.text(tokenLabels[i - r.lowerBound], at: Point(leftX, y(i)), font: font, color: color, anchor: .rightMiddle)
            canvas.text(tokenLabels[i - r.lowerBound], at: Point(rightX, y(i)), font: font, color: theme.text, anchor: .leftMiddle)
        }

        let headText = chosen.count == p.heads ? "all \(p.heads) heads" : (chosen.count == 1 ? "head \(chosen[0])" : "heads " + chosen.map(String.init).joined(separator: ", "))
        var figure = Figure(width: figureWidth, height: 100, title: "\(analysis.modelName) · layer \(layer), \(headText): head view")
        var line2 = "Lines join each query (left) to the keys it attends to (right); the darker the line, the larger the weight."
        if let query {
            line2 = "Query \(query) (\(TokenAxisLabels.characterLabels(analysis.tokens)[query])) highlighted: only its lines are drawn."
            // Weight on keys left of the window would otherwise go unseen.
            let outside = chosen.map { h in (0..<r.lowerBound).reduce(0.0) { $0 + p[h, query, $1] } }.reduce(0, +) / Double(chosen.count)
            if outside >= 0.005 {
                line2 += " \(NumberFormat.percent(outside)) of its weight\(chosen.count > 1 ? " (mean over the heads)" : "") is on keys before position \(r.lowerBound), outside the window."
            }
        }
        figure.subtitle = promptLine(analysis, range: r) + "\n" + line2
        if chosen.count > 1 { figure.legend = zip(chosen, colors).map { LegendEntry("head \($0)", swatch: .line(Stroke($1, width: 3), nil)) } }
        var notes = ["Lines with weight below 0.01 are left out. A query only attends to itself and earlier keys (causal mask)."]
        if let note = windowNote(r) { notes.append(note) }
        if range == nil && r.count < p.tokens { notes.append("Showing the first \(r.count) positions; pass a range to see others.") }
        figure.footnote = notes.joined(separator: "\n")
        figure.height = figure.height(fittingPanelHeight: canvas.size.height, measurer: measurer)
        figure.add(canvas)
        return figure
    }

    /// The colour of head `h` in head views and legends (Tableau 10, cycled).
    public static func headColor(_ h: Int) -> Color {
        Color.tableau10[h % Color.tableau10.count]
    }
}
