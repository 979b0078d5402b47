/// A figure: a title block and a grid of panels (axes or free-form canvases), optionally with
/// row/column labels, a shared legend and a shared colorbar. A value; domain code builds it and
/// the caller chooses the file format with `write(to:scale:)`.
public struct Figure: Sendable {
    /// Where a panel sits in the grid.
    public struct Panel: Sendable {
        /// What the panel shows.
        public enum Content: Sendable {
            /// A plot.
            case axes(Axes)
            /// A free-form drawing.
            case canvas(Canvas)
        }
        /// Content.
        public var content: Content
        /// Grid row (0 at top).
        public var row: Int
        /// Grid column (0 at left).
        public var column: Int
        /// Rows spanned.
        public var rowSpan: Int
        /// Columns spanned.
        public var columnSpan: Int
    }

    /// Width in points (PNG pixels = points × scale).
    public var width: Double
    /// Height in points.
    public var height: Double
    /// Figure title (bold, top left).
    public var title: String?
    /// Subtitle under the title; "\n" starts a new line.
    public var subtitle: String?
    /// Small print under the panels (sources, conventions); "\n" starts a new line.
    public var footnote: String?
    /// Visual style.
    public var theme: Theme = .standard
    /// Relative column widths (nil: equal).
    public var columnWeights: [Double]?
    /// Relative row heights (nil: equal).
    public var rowWeights: [Double]?
    /// Gaps between grid cells (width: between columns, height: between rows).
    public var spacing = Size(28, 22)
    /// Labels left of each grid row (e.g. "L0" … "L11").
    public var rowLabels: [String]?
    /// Labels above each grid column (e.g. "H0" … "H11").
    public var columnLabels: [String]?
    /// Title of the row labels (e.g. "layer"), written above them.
    public var rowLabelTitle: String?
    /// Title of the column labels (e.g. "head"), written above them.
    public var columnLabelTitle: String?
    /// A legend for the whole figure, under the title.
    public var legend: [LegendEntry] = []
    /// A colorbar for the whole figure, right of the grid (for grids of heatmaps sharing a mapping).
    public var colorbar: Colorbar?
    /// Give every axes panel the plot size of the smallest one, aligned on a common left edge
    /// per grid column and a common top edge per grid row: small multiples whose outer panels
    /// carry tick labels (and inner ones none) then still line up cell for cell.
    public var uniformPlots = false
    /// The panels.
    public internal(set) var panels: [Panel] = []

    /// Creates an empty figure of `width` × `height` points.
    public init(width: Double = 800, height: Double = 500, title: String? = nil, subtitle: String? = nil) {
        self.width = width; self.height = height; self.title = title; self.subtitle = subtitle
    }

    /// A figure with a single axes filling it.
    public init(_ axes: Axes, width: Double = 800, height: Double = 500, title: String? = nil, subtitle: String? = nil) {
        self.init(width: width, height: height, title: title, subtitle: subtitle)
        add(axes)
    }

    /// Places `axes` in the grid.
    public mutating func add(_ axes: Axes, row: Int = 0, column: Int = 0, rowSpan: Int = 1, columnSpan: Int = 1) {
        panels.append(Panel(content: .axes(axes), row: max(0, row), column: max(0, column),
                            rowSpan: max(1, rowSpan), columnSpan: max(1, columnSpan)))
    }

    /// Places a free-form `canvas` in the grid.
    public mutating func add(_ canvas: Canvas, row: Int = 0, column: Int = 0, rowSpan: Int = 1, columnSpan: Int = 1) {
        panels.append(Panel(content: .canvas(canvas), row: max(0, row), column: max(0, column),
                            rowSpan: max(1, rowSpan), columnSpan: max(1, columnSpan)))
    }

    /// Grid size implied by the panels.
    var gridSize: (rows: Int, columns: Int) {
        (max(1, panels.map { $0.row + $0.rowSpan }.max() ?? 1, rowLabels?.count ?? 0),
         max(1, panels.map { $0.column + $0.columnSpan }.max() ?? 1, columnLabels?.count ?? 0))
    }

    /// Every text string the figure will draw in its title block and grid labels (for tests
    /// and search); artists' texts are not included.
    public var headingTexts: [String] {
        var t: [String] = []
        if let title { t.append(title) }
        if let subtitle { t += subtitle.split(separator: "\n").map(String.init) }
        return t
    }
}
