import Charts
import Foundation

extension AttentionFigures {
    /// Longest side of a thumbnail in cells; longer prompts are max-pooled down to it. Grids pool
    /// further, to about one cell per output pixel at the default scale 2 (two pixels per
    /// point): a raster with more cells than pixels loses whole rows when scaled down, and a
    /// thin diagonal would vanish.
    public static let thumbnailCells = 256

    /// The max-pooling factor that fits `n` positions into `points` (and `thumbnailCells`).
    static func poolingFactor(_ n: Int, points: Double) -> Int {
        let cells = max(1, min(thumbnailCells, Int(points)))
        return (n + cells - 1) / cells
    }
    /// Up to this many positions, grid panels keep token labels on their axes.
    public static let labelledPanelLimit = 16

    /// All heads of one layer as a grid of heatmaps with one shared colorbar.
    public static func layer(_ analysis: PromptAnalysis, layer: Int, range: Range<Int>? = nil) throws -> Figure {
        let p = try pattern(analysis, layer: layer)
        let r = try resolve(range, tokens: p.tokens)
        let matrices = (0..<p.heads).map { masked(p.head($0), tokens: p.tokens, range: r) }
        let columns = Int(Double(p.heads).squareRoot().rounded(.up))
        let c = analysis.model.configuration
        let group = c.headCount / max(c.keyValueHeadCount, 1)
        var figure = panelGrid(analysis, matrices: matrices, range: r, columns: columns,
                               panelTitles: (0..<p.heads).map { group > 1 ? "head \($0) · kv \($0 / group)" : "head \($0)" },
                               title: "\(analysis.modelName) · layer \(layer): every head's attention pattern")
        figure.subtitle = promptLine(analysis, range: r) + "\nEach panel is one head: rows are queries, columns are keys (as in the single-head figure)."
            + (group > 1 ? "\n" + groupedQueryNote(c) : "")
        return figure
    }

    /// The whole model: one thumbnail per layer × head, rows labelled L0…, columns H0…, one
    /// shared colorbar. Prompts longer than `thumbnailCells` are max-pooled so thin lines stay
    /// visible.
    public static func model(_ analysis: PromptAnalysis, range: Range<Int>? = nil) throws -> Figure {
        let c = analysis.model.configuration
        let r = try resolve(range, tokens: analysis.tokens.count)
        // Thumbnails get about 80 points for 12 heads, more for small models, less for wide ones.
        let cell = min(200, max(44, 960 / Double(max(c.headCount, 1))))
        let factor = poolingFactor(r.count, points: cell * 1.7)
        var figure = Figure(width: cell * Double(c.headCount) + 200, height: cell * Double(c.layerCount) + 240,
                            title: "\(analysis.modelName) · every layer and head: attention patterns",
                            subtitle: promptLine(analysis, range: r)
                                + "\nRow = layer, column = head; in each thumbnail queries run down and keys across, the future is grey.")
        figure.spacing = Size(cell * 0.08, cell * 0.08)
        figure.rowLabels = (0..<c.layerCount).map { "L\($0)" }
        figure.columnLabels = (0..<c.headCount).map { "H\($0)" }
        figure.rowLabelTitle = "layer"
        figure.columnLabelTitle = "head"
        for layer in 0..<c.layerCount {
            let p = try pattern(analysis, layer: layer)
            for h in 0..<p.heads {
                let pooled = maxPooled(masked(p.head(h), tokens: p.tokens, range: r), size: r.count, factor: factor)
                figure.add(thumbnail(pooled.values, size: pooled.size), row: layer, column: h)
            }
        }
        figure.colorbar = Colorbar(mapping: weightMapping, label: "attention weight", maskedLabel: maskedLabel)
        var notes = [windowNote(r)].compactMap { $0 }
        if factor > 1 { notes.append("Each thumbnail pixel shows the largest weight in a \(factor)×\(factor) block of positions.") }
        figure.footnote = notes.isEmpty ? nil : notes.joined(separator: "\n")
        return figure
    }

    /// A heatmap panel without axes.
    static func thumbnail(_ values: [Double], size n: Int, mapping: ColorMapping = weightMapping, title: String? = nil) -> Axes {
        var axes = Axes(title: title, x: Axis(kind: .band, grid: false, hidden: true), y: Axis(kind: .band, grid: false, hidden: true))
        axes.add(Heatmap(rows: n, columns: n, values: values, mapping: mapping, showValues: false))
        axes.legend = .none
        return axes
    }

    /// `[R, R]` matrices (one per panel) in a grid with a shared colorbar; panels carry token
    /// labels when the window is short and are thumbnails (max-pooled when long) otherwise.
    static func panelGrid(_ analysis: PromptAnalysis, matrices: [[Double]], range r: Range<Int>, columns: Int,
                          panelTitles: [String], title: String, mapping: ColorMapping = weightMapping,
                          colorbarLabel: String = "attention weight") -> Figure {
        let rows = (matrices.count + columns - 1) / columns
        let labelled = r.count <= labelledPanelLimit
        let cell = labelled ? max(170, min(260, 1100 / Double(columns))) : max(150, min(240, 1000 / Double(columns)))
        var figure = Figure(width: cell * Double(columns) + 140, height: cell * Double(rows) + 150, title: title)
        figure.spacing = labelled ? Size(18, 18) : Size(12, 26)
        let factor = poolingFactor(r.count, points: cell * 1.5)
        let tokenLabels = labels(analysis, range: r)
        for (i, m) in matrices.enumerated() {
            let axes: Axes
            if labelled {
                var a = Axes(title: panelTitles[i], x: Axis(kind: .band, tickLabelAngle: -60, grid: false), y: Axis(kind: .band, grid: false))
                a.x.maxLabelWidth = 70
                a.y.maxLabelWidth = 70
                a.add(Heatmap(rows: r.count, columns: r.count, values: m, mapping: mapping,
                              rowLabels: tokenLabels, columnLabels: tokenLabels, showValues: false))
                a.legend = .none
                axes = a
            } else {
                let pooled = maxPooled(m, size: r.count, factor: factor)
                axes = thumbnail(pooled.values, size: pooled.size, mapping: mapping, title: panelTitles[i])
            }
            figure.add(axes, row: i / columns, column: i % columns)
        }
        figure.colorbar = Colorbar(mapping: mapping, label: colorbarLabel, maskedLabel: maskedLabel)
        var notes = [windowNote(r)].compactMap { $0 }
        if !labelled && factor > 1 { notes.append("Each pixel shows the largest weight in a \(factor)×\(factor) block of positions.") }
        figure.footnote = notes.isEmpty ? nil : notes.joined(separator: "\n")
        return figure
    }
}
