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
    /// Up to this many positions, grid panels are sized for a label on every row and column;
    /// longer windows get larger panels whose labels are thinned (every k-th position).
    public static let labelledPanelLimit = 16

    /// All heads of one layer as a grid of heatmaps with one shared colorbar.
    public static func layer(_ analysis: PromptAnalysis, layer: Int, range: Range<Int>? = nil,
                             scale: AttentionColorScale = .standard) throws -> Figure {
        let p = try pattern(analysis, layer: layer)
        let r = try resolve(range, tokens: p.tokens)
        let columns = Int(Double(p.heads).squareRoot().rounded(.up))   // as in layerPooling(tokens:heads:)
        let c = analysis.model.configuration
        let group = c.headCount / max(c.keyValueHeadCount, 1)
        var figure = panelGrid(analysis, panels: p.heads, range: r, columns: columns,
                               panelTitles: (0..<p.heads).map { group > 1 ? "head \($0) · kv \($0 / group)" : "head \($0)" },
                               title: "\(analysis.modelName) · layer \(layer): every head's attention pattern", scale: scale) { h in
            masked(p.head(h), tokens: p.tokens, range: r)
        }
        figure.subtitle = promptLine(analysis, range: r) + "\nEach panel is one head: rows are queries, columns are keys (as in the single-head figure)."
            + (group > 1 ? "\n" + groupedQueryNote(c) : "")
        return figure
    }

    /// The whole model: one thumbnail per layer × head, rows labelled L0…, columns H0…, one
    /// shared colorbar. The thumbnails of the first column number their query rows and those
    /// of the last row their key columns. Prompts longer than `thumbnailCells` are max-pooled
    /// so thin lines stay visible.
    public static func model(_ analysis: PromptAnalysis, range: Range<Int>? = nil,
                             scale: AttentionColorScale = .standard) throws -> Figure {
        let c = analysis.model.configuration
        let r = try resolve(range, tokens: analysis.tokens.count)
        // Thumbnails get about 80 points for 12 heads, more for small models, less for wide ones.
        let cell = min(200, max(44, 960 / Double(max(c.headCount, 1))))
        let factor = poolingFactor(r.count, points: cell * 1.7)
        let mapping = mapping(scale)
        // Gutters for the position numbers of the outer thumbnails, so every plot keeps the
        // same size: the widest number plus tick and padding.
        let numbers = positionLabels(r, factor: factor)
        let widest = (try? TextMeasurer()).map { $0.maxWidth(numbers, Theme.standard.tickFont) } ?? 24
        let gutter = (left: widest + 10, bottom: 24.0)
        // At least wide enough for the subtitle, however few heads a small model has.
        var figure = Figure(width: max(900, cell * Double(c.headCount) + 200 + gutter.left), height: cell * Double(c.layerCount) + 240 + gutter.bottom,
                            title: "\(analysis.modelName) · every layer and head: attention patterns",
                            subtitle: promptLine(analysis, range: r)
                                + "\nRow = layer, column = head; in each thumbnail queries run down and keys across (positions on the outer edges), the future is grey.")
        figure.spacing = Size(cell * 0.08, cell * 0.08)
        figure.rowLabels = (0..<c.layerCount).map { "L\($0)" }
        figure.columnLabels = (0..<c.headCount).map { "H\($0)" }
        figure.rowLabelTitle = "layer"
        figure.columnLabelTitle = "head"
        figure.columnWeights = (0..<c.headCount).map { $0 == 0 ? cell + gutter.left : cell }
        figure.rowWeights = (0..<c.layerCount).map { $0 == c.layerCount - 1 ? cell + gutter.bottom : cell }
        figure.uniformPlots = true
        for layer in 0..<c.layerCount {
            let p = try pattern(analysis, layer: layer)
            for h in 0..<p.heads {
                let pooled = maxPooled(masked(p.head(h), tokens: p.tokens, range: r), size: r.count, factor: factor)
                var axes = thumbnail(pooled.values, size: pooled.size, mapping: mapping, labels: numbers)
                axes.y.hidden = h != 0
                axes.x.hidden = layer != c.layerCount - 1
                figure.add(axes, row: layer, column: h)
            }
        }
        figure.colorbar = Colorbar(mapping: mapping, label: scale.colorbarLabel("attention weight"), maskedLabel: maskedLabel)
        figure.footnote = notes(r, pooling: factor, scale: scale)
        return figure
    }

    /// The first position of each `factor`-sized block of `range`, as labels.
    static func positionLabels(_ range: Range<Int>, factor: Int) -> [String] {
        stride(from: range.lowerBound, to: range.upperBound, by: max(1, factor)).map(String.init)
    }

    /// A heatmap panel without axes.
    static func thumbnail(_ values: [Double], size n: Int, mapping: ColorMapping = weightMapping, title: String? = nil,
                          labels: [String]? = nil) -> Axes {
        var axes = Axes(title: title, x: Axis(kind: .band, grid: false, hidden: true), y: Axis(kind: .band, grid: false, hidden: true))
        axes.add(Heatmap(rows: n, columns: n, values: values, mapping: mapping, rowLabels: labels, columnLabels: labels, showValues: false))
        axes.legend = .none
        return axes
    }

    /// The side of a grid panel in points, for `positions` per side and `columns` panels a row.
    static func panelCell(positions: Int, columns: Int) -> Double {
        positions <= labelledPanelLimit ? max(170, min(260, 1100 / Double(columns))) : max(230, min(320, 1100 / Double(columns)))
    }

    /// The max-pooling factor of a grid panel: about one cell per output pixel (2 per point) in
    /// the ~60% of the panel the plot gets after its labels.
    static func panelPooling(positions: Int, columns: Int) -> Int {
        poolingFactor(positions, points: panelCell(positions: positions, columns: columns) * 1.2)
    }

    /// The max-pooling factor of the per-layer figure (every head of a layer) for a `tokens`-long
    /// prompt: 1 when every cell is drawn.
    public static func layerPooling(tokens: Int, heads: Int) -> Int {
        panelPooling(positions: tokens, columns: Int(Double(heads).squareRoot().rounded(.up)))
    }

    /// Head `h` of `pattern` max-pooled by `factor` over query × key blocks, `[⌈T/f⌉, ⌈T/f⌉]`:
    /// what the per-layer figure draws for that head (blocks wholly in the masked future hold 0,
    /// the pattern's own value there, where the figure shows grey).
    public static func maxPooledHead(_ pattern: AttentionPattern, head h: Int, factor: Int) -> [Double] {
        maxPooled(pattern.head(h), size: pattern.tokens, factor: factor).values
    }

    /// `panels` `[R, R]` matrices in a grid with a shared colorbar, `matrix(i)` asked for panel
    /// i in order and pooled at once: only one full matrix is alive at a time (twelve heads of
    /// 1,024² as Double are 100 MB per figure, and figures are drawn in parallel). Every panel labels
    /// its query rows and key columns: each token when they fit, otherwise every k-th position
    /// with its token (`"20 ·the"`, first and last always), or, when long windows are
    /// max-pooled, the first position of each block.
    static func panelGrid(_ analysis: PromptAnalysis, panels: Int, range r: Range<Int>, columns: Int,
                          panelTitles: [String], title: String, scale: AttentionColorScale,
                          colorbarLabel: String = "attention weight", matrix: (Int) throws -> [Double]) rethrows -> Figure {
        let rows = (panels + columns - 1) / columns
        let cell = panelCell(positions: r.count, columns: columns)
        var figure = Figure(width: cell * Double(columns) + 140, height: cell * Double(rows) + 170, title: title)
        figure.spacing = Size(18, 18)
        figure.uniformPlots = true
        let mapping = mapping(scale)
        let factor = panelPooling(positions: r.count, columns: columns)
        let (tokens, numbered) = gridLabels(analysis, range: r)
        let blocks = positionLabels(r, factor: factor)
        for i in 0..<panels {
            let pooled = maxPooled(try matrix(i), size: r.count, factor: factor)
            let rowLabels = factor > 1 ? blocks : tokens
            var a = Axes(title: panelTitles[i], x: Axis(kind: .band, tickLabelAngle: factor > 1 ? 0 : -60, grid: false),
                         y: Axis(kind: .band, grid: false))
            a.x.maxLabelWidth = 70
            a.y.maxLabelWidth = 70
            if factor == 1 { a.x.thinnedLabels = numbered; a.y.thinnedLabels = numbered }
            a.add(Heatmap(rows: pooled.size, columns: pooled.size, values: pooled.values, mapping: mapping,
                          rowLabels: rowLabels, columnLabels: rowLabels, showValues: false))
            a.legend = .none
            figure.add(a, row: i / columns, column: i % columns)
        }
        figure.colorbar = Colorbar(mapping: mapping, label: scale.colorbarLabel(colorbarLabel), maskedLabel: maskedLabel)
        figure.footnote = notes(r, pooling: factor, scale: scale)
        return figure
    }
}
