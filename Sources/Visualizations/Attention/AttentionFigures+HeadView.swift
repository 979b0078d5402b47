import Charts
import Foundation

extension AttentionFigures {
    /// Without a `range`, the head view shows at most this many positions (the first ones).
    public static let headViewLimit = 64
    /// The most positions a head view draws, even when a longer `range` is given: 128 rows of
    /// 15 points is already a tall page, and longer columns of lines stop being readable.
    public static let headViewMaximum = 128
    /// Small multiples wrap to a new row after this many panels, so a page stays readable.
    public static let headViewColumns = 4

    /// The head view's words, in one place (plain English literals).
    enum HeadViewWords {
        static let queryHeader = "query (attending)", keyHeader = "key (attended to)"
        static func panel(_ head: Int) -> String { "head \(head)" }
        static func heads(_ chosen: [Int], of total: Int) -> String {
            chosen.count == total && total > 1 ? "all \(total) heads"
                : (chosen.count == 1 ? "head \(chosen[0])" : "heads " + chosen.map(String.init).joined(separator: ", "))
        }
        static let title = "head view"
        static let lines = "Lines join each query (left) to the keys it attends to (right); the darker the line, the larger the weight."
        static let panels = "One panel per head, queries on the left of each and keys on the right."
        static func query(_ q: Int, _ token: String) -> String { "Query \(q) (\(token)) highlighted: only its lines are drawn." }
        static func outside(_ share: String, several: Bool, before lower: Int) -> String {
            " \(share) of its weight\(several ? " (mean over the heads)" : "") is on keys before position \(lower), outside the window."
        }
        static let faint = "Lines with weight below 0.01 are left out. A query only attends to itself and earlier keys (causal mask)."
        static func first(_ n: Int) -> String { "Showing the first \(n) positions; pass a range to see others." }
        static func capped(_ n: Int, of asked: Int) -> String {
            "Showing the first \(n) of the \(asked) positions asked for (a head view draws at most \(n) rows); use --kind head or layer for longer spans."
        }
    }

    /// A BertViz-style head view: the tokens twice, queries on the left and keys on the right,
    /// joined by lines whose opacity is the attention weight. Several heads are drawn as small
    /// multiples, one panel per head in that head's colour, never overlaid.
    ///
    /// - Parameters:
    ///   - heads: the heads to draw (nil: all heads of the layer).
    ///   - query: draw only this query position's lines and highlight it (nil: every query).
    ///   - range: the positions shown; nil shows the first `headViewLimit` positions. At most
    ///     `headViewMaximum` positions are drawn (the first ones of the range, with a note).
    public static func headView(_ analysis: PromptAnalysis, layer: Int, heads: [Int]? = nil, query: Int? = nil,
                                range: Range<Int>? = nil) throws -> Figure {
        let p = try pattern(analysis, layer: layer)
        let chosen = heads ?? Array(0..<p.heads)
        for h in chosen where h < 0 || h >= p.heads { throw AttentionFigureError.headOutOfRange(head: h, heads: p.heads) }
        let asked = try resolve(range ?? 0..<min(p.tokens, headViewLimit), tokens: p.tokens)
        let r = asked.lowerBound..<min(asked.upperBound, asked.lowerBound + headViewMaximum)
        if let query, !r.contains(query) {
            throw AttentionFigureError.queryOutOfRange(query: query, lower: r.lowerBound, upper: r.upperBound)
        }
        let measurer = try TextMeasurer()
        let theme = Theme.standard
        let font = Font(size: 12, kind: .mono)
        let several = chosen.count > 1
        let tokenLabels = labels(analysis, range: r).map { measurer.truncate($0, font, toWidth: several ? 110 : 150) }
        let headerFont = Font(size: 12, bold: true)
        let labelWidth = several ? measurer.maxWidth(tokenLabels, font)
            : max(measurer.maxWidth(tokenLabels, font), measurer.maxWidth([HeadViewWords.queryHeader, HeadViewWords.keyHeader], headerFont) / 2 + 4)
        // Rows get more room on short prompts; the canvas is drawn at 1:1, centred in a figure at
        // least 680 points wide. Small multiples get a narrower line span (wider for long
        // columns, so the lines do not turn too steep) so four fit across.
        let rowHeight = max(15, min(28, 420 / Double(r.count))), header = several ? 24.0 : 28.0, gap = 8.0
        let lineSpan = several ? min(260, 150 + Double(r.count)) : 300.0
        let panelWidth = 2 * labelWidth + 2 * gap + lineSpan
        // As few rows as `headViewColumns` allows, then the panels spread evenly over them (6 heads: 3 + 3, not 4 + 2).
        let rows = (chosen.count + headViewColumns - 1) / headViewColumns, columns = (chosen.count + rows - 1) / rows
        let spacing = Size(several ? 36 : 0, several ? 18 : 0)
        let panelHeight = header + rowHeight * Double(r.count)
        var canvas = Canvas(size: Size(Double(columns) * panelWidth + Double(columns - 1) * spacing.width,
                                       Double(rows) * panelHeight + Double(rows - 1) * spacing.height))
        let colors = chosen.map { headColor($0) }
        for (i, h) in chosen.enumerated() {
            let origin = Point(Double(i % columns) * (panelWidth + spacing.width), Double(i / columns) * (panelHeight + spacing.height))
            drawHeadViewPanel(&canvas, p, head: h, color: colors[i], origin: origin, range: r, query: query, labels: tokenLabels,
                              geometry: (labelWidth, panelWidth, rowHeight, header, gap), title: several ? HeadViewWords.panel(h) : nil,
                              measurer: measurer, theme: theme, font: font, headerFont: headerFont)
        }
        if several {
            // Faint rules between panels keep neighbouring token columns apart.
            for c in 1..<max(1, columns) {
                let x = Double(c) * (panelWidth + spacing.width) - spacing.width / 2
                canvas.rect(Rect(x: x - 0.5, y: 0, width: 1, height: canvas.size.height), fill: theme.grid)
            }
        }

        var figure = Figure(width: max(680, canvas.size.width + 32), height: 100,
                            title: "\(analysis.modelName) · layer \(layer), \(HeadViewWords.heads(chosen, of: p.heads)): \(HeadViewWords.title)")
        var line2 = several ? HeadViewWords.panels + "\n" + HeadViewWords.lines : HeadViewWords.lines
        if let query {
            line2 = HeadViewWords.query(query, TokenAxisLabels.characterLabels(analysis.tokens)[query])
            // Weight on keys left of the window would otherwise go unseen.
            let outside = chosen.map { h in (0..<r.lowerBound).reduce(0.0) { $0 + p[h, query, $1] } }.reduce(0, +) / Double(chosen.count)
            if outside >= 0.005 {
                line2 += HeadViewWords.outside(NumberFormat.percent(outside), several: several, before: r.lowerBound)
            }
        }
        figure.subtitle = promptLine(analysis, range: r) + "\n" + line2
        var notes = [HeadViewWords.faint]
        if let note = windowNote(r) { notes.append(note) }
        if r.count < asked.count {
            notes.append(HeadViewWords.capped(r.count, of: asked.count))
        } else if range == nil && r.count < p.tokens {
            notes.append(HeadViewWords.first(r.count))
        }
        figure.footnote = notes.joined(separator: "\n")
        figure.height = figure.height(fittingPanelHeight: canvas.size.height, measurer: measurer)
        figure.add(canvas)
        return figure
    }

    /// One head's panel of the head view, its top-left corner at `origin`: the query and key
    /// columns, the lines between them, and either the query/key headers (one head) or a title.
    private static func drawHeadViewPanel(_ canvas: inout Canvas, _ p: AttentionPattern, head h: Int, color: Color, origin: Point,
                                          range r: Range<Int>, query: Int?, labels: [String],
                                          geometry g: (labelWidth: Double, width: Double, rowHeight: Double, header: Double, gap: Double),
                                          title: String?, measurer: TextMeasurer, theme: Theme, font: Font, headerFont: Font) {
        let leftX = origin.x + g.labelWidth, rightX = origin.x + g.width - g.labelWidth
        func y(_ i: Int) -> Double { origin.y + g.header + g.rowHeight * (Double(i - r.lowerBound) + 0.5) }
        if let title {
            canvas.text(title, at: Point(origin.x + g.width / 2, origin.y + 9), font: Font(size: 13, bold: true), color: color, anchor: .center)
        } else {
            let q = HeadViewWords.queryHeader, k = HeadViewWords.keyHeader
            canvas.text(q, at: Point(max(leftX, origin.x + measurer.measure(q, headerFont).width), origin.y + 8), font: headerFont,
                        color: theme.text, anchor: .rightMiddle)
            canvas.text(k, at: Point(min(rightX, origin.x + g.width - measurer.measure(k, headerFont).width), origin.y + 8), font: headerFont,
                        color: theme.text, anchor: .leftMiddle)
        }
        if let query {
            // Shade each key by the highlighted query's weight on it, then mark the query.
            for k in r where k <= query {
                let box = Rect(x: rightX - 2, y: y(k) - g.rowHeight / 2 + 1, width: g.labelWidth + 4, height: g.rowHeight - 2)
                canvas.rect(box, fill: color.withAlpha(min(1, p[h, query, k])), cornerRadius: 2)
            }
            let box = Rect(x: origin.x - 2, y: y(query) - g.rowHeight / 2 + 0.5, width: g.labelWidth + 4, height: g.rowHeight - 1)
            canvas.rect(box, fill: Color(hex: 0xFFE8A3), stroke: Stroke(Color(hex: 0xC9A227), width: 1), cornerRadius: 3)
        }
        // Lines: faint weights are invisible at their opacity anyway; skipping them keeps SVG small.
        var segments: [LineSegment] = []
        for q in r where query == nil || q == query {
            for k in r.lowerBound...q {
                let w = p[h, q, k]
                guard w >= 0.01 else { continue }
                segments.append(LineSegment(from: Point(leftX + g.gap, y(q)), to: Point(rightX - g.gap, y(k)), color: color.withAlpha(min(1, w))))
            }
        }
        canvas.lines(segments, width: query == nil ? 1.6 : 2.4)
        for i in r {
            let shade = query == nil || i == query ? theme.text : theme.mutedText
            canvas.text(labels[i - r.lowerBound], at: Point(leftX, y(i)), font: font, color: shade, anchor: .rightMiddle)
            canvas.text(labels[i - r.lowerBound], at: Point(rightX, y(i)), font: font, color: theme.text, anchor: .leftMiddle)
        }
    }

    /// The colour of head `h` in head views (cycled): Tableau 10 with its four pale hues (teal,
    /// yellow, pink, grey) swapped for their darker Tableau 20 partners, so faint lines of weak
    /// weights stay visible on white.
    public static func headColor(_ h: Int) -> Color {
        headPalette[h % headPalette.count]
    }

    static let headPalette: [Color] = [0x4e79a7, 0xf28e2b, 0xe15759, 0x499894, 0x59a14f, 0xb6992d, 0xb07aa1, 0xd37295, 0x9c755f, 0x79706e]
        .map { Color(hex: $0) }
}
