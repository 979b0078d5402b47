/// A plot: two axes, the artists drawn against them, an optional legend and colorbar
/// (matplotlib's `Axes`). A value; add artists, then place it in a `Figure`.
public struct Axes: Sendable {
    /// Panel title above the plot.
    public var title: String?
    /// Horizontal axis.
    public var x: Axis
    /// Vertical axis.
    public var y: Axis
    /// Artists in drawing order.
    public internal(set) var artists: [any Artist] = []
    /// Legend placement.
    public var legend: LegendPlacement = .automatic
    /// Colorbar right of the plot.
    public var colorbar: Colorbar?
    /// Square data units (nil: on for heatmaps, off otherwise).
    public var equalAspect: Bool?
    /// Colours given to series added without one.
    public var palette: [Color] = Color.tableau10
    private var nextColor = 0

    /// Creates empty axes.
    public init(title: String? = nil, x: Axis = Axis(), y: Axis = Axis()) {
        self.title = title; self.x = x; self.y = y
    }

    /// Adds an artist; series without a colour take the next palette colour.
    public mutating func add(_ artist: some Artist) {
        artists.append(artist.withPalette(palette, next: &nextColor))
    }

    /// Axes showing one heatmap with a colorbar built from the heatmap's own mapping; rows are
    /// labelled on the left, columns below (rotated when long), first row on top.
    public static func heatmap(_ heatmap: Heatmap, title: String? = nil, xLabel: String? = nil, yLabel: String? = nil,
                               colorbarLabel: String? = nil, maskedLabel: String? = nil, format: TickFormat = .automatic) -> Axes {
        var axes = Axes(title: title, x: Axis(label: xLabel, kind: .band, grid: false), y: Axis(label: yLabel, kind: .band, grid: false))
        let longest = (heatmap.columnLabels ?? []).map(\.count).max() ?? 0
        if longest > 3 { axes.x.tickLabelAngle = -60 }
        axes.add(heatmap)
        axes.legend = .none
        axes.colorbar = Colorbar(mapping: heatmap.mapping, label: colorbarLabel, maskedLabel: maskedLabel, format: format)
        return axes
    }

    /// The combined extent of all artists.
    var extent: DataExtent {
        var e = DataExtent()
        for a in artists {
            let ae = a.extent
            e.x = DataExtent.union(e.x, ae.x)
            e.y = DataExtent.union(e.y, ae.y)
            e.includeZeroX = e.includeZeroX || ae.includeZeroX
            e.includeZeroY = e.includeZeroY || ae.includeZeroY
            e.xCategories = e.xCategories ?? ae.xCategories
            e.yCategories = e.yCategories ?? ae.yCategories
            e.invertY = e.invertY || ae.invertY
            e.isMatrix = e.isMatrix || ae.isMatrix
        }
        return e
    }

    /// Legend entries of all artists, in order.
    var legendEntries: [LegendEntry] { artists.flatMap(\.legendEntries) }

    /// The legend placement after resolving `.automatic`.
    var resolvedLegend: LegendPlacement {
        let n = legendEntries.count
        if n == 0 { return .none }
        return legend == .automatic ? (n >= 2 ? .right : .none) : legend
    }
}
