/// Something drawn inside an `Axes` in data coordinates: bars, lines, a heatmap, text.
/// Artists are values; the axes asks them for their data extent and legend entries while it
/// lays itself out, then calls `draw(in:)` once the plot area is known.
public protocol Artist: Sendable {
    /// The data extent this artist needs visible, and axis hints (categories, inversion).
    var extent: DataExtent { get }
    /// Legend entries contributed by this artist (empty: none).
    var legendEntries: [LegendEntry] { get }
    /// Draws the artist; `context` maps data to figure points.
    func draw(in context: PlotContext)
    /// A copy whose unset series colours are taken from `palette`, starting at `next`.
    func withPalette(_ palette: [Color], next: inout Int) -> any Artist
    /// A copy whose words (legend names, labels, annotations; never token strings or data) are
    /// passed through `transform`: how a figure is translated (``Figure/mappingText(_:)``).
    func mappingText(_ transform: (String) -> String) -> any Artist
}

extension Artist {
    /// Default: no legend entries.
    public var legendEntries: [LegendEntry] { [] }
    /// Default: colours are already fixed.
    public func withPalette(_ palette: [Color], next: inout Int) -> any Artist { self }
    /// Default: no words to translate (heatmaps, whose labels are tokens or numbers).
    public func mappingText(_ transform: (String) -> String) -> any Artist { self }
}

/// An artist drawn in one colour that the axes may choose from its palette when none is set
/// (a line, a scatter series).
public protocol SingleColorArtist: Artist {
    /// The series colour; nil takes the next palette colour.
    var color: Color? { get set }
}

extension SingleColorArtist {
    /// Takes the next palette colour when ``color`` is unset.
    public func withPalette(_ palette: [Color], next: inout Int) -> any Artist {
        guard color == nil else { return self }
        var copy = self
        copy.color = palette[next % palette.count]
        next += 1
        return copy
    }
}

/// The data ranges an artist occupies plus hints for the axes it lives in.
public struct DataExtent: Sendable, Hashable {
    /// Horizontal data range (nil: no constraint).
    public var x: ClosedRange<Double>?
    /// Vertical data range (nil: no constraint).
    public var y: ClosedRange<Double>?
    /// Ask a linear x axis to include 0 (bars start at 0).
    public var includeZeroX = false
    /// Ask a linear y axis to include 0.
    public var includeZeroY = false
    /// Categories for a band x axis.
    public var xCategories: [String]?
    /// Categories for a band y axis.
    public var yCategories: [String]?
    /// Draw the first row at the top (matrices, horizontal bar lists).
    public var invertY = false
    /// Heatmaps want square cells and no grid lines.
    public var isMatrix = false

    /// Creates an extent.
    public init(x: ClosedRange<Double>? = nil, y: ClosedRange<Double>? = nil) {
        self.x = x; self.y = y
    }

    /// The smallest range containing both.
    static func union(_ a: ClosedRange<Double>?, _ b: ClosedRange<Double>?) -> ClosedRange<Double>? {
        guard let a else { return b }
        guard let b else { return a }
        return min(a.lowerBound, b.lowerBound)...max(a.upperBound, b.upperBound)
    }

    /// The range of the finite values in `values`, or nil.
    static func range(_ values: [Double], positiveOnly: Bool = false) -> ClosedRange<Double>? {
        var lo = Double.infinity, hi = -Double.infinity
        for v in values where v.isFinite && (!positiveOnly || v > 0) { lo = min(lo, v); hi = max(hi, v) }
        return lo <= hi ? lo...hi : nil
    }
}

/// What an artist needs to draw: the renderer, the plot area and data → point transforms.
public struct PlotContext {
    /// Where to draw.
    public let renderer: any Renderer
    /// Text measurement (same as layout used).
    public let measurer: TextMeasurer
    /// The plot area in figure points.
    public let area: Rect
    /// Horizontal scale.
    public let xScale: Scale
    /// Vertical scale.
    public let yScale: Scale
    /// Whether the y axis grows downwards (first row on top).
    public let yInverted: Bool
    /// The figure's theme.
    public let theme: Theme

    /// Figure x of data value `x`.
    public func px(_ x: Double) -> Double { area.x + xScale.fraction(x) * area.width }
    /// Figure y of data value `y`.
    public func py(_ y: Double) -> Double {
        let f = yScale.fraction(y)
        return yInverted ? area.y + f * area.height : area.maxY - f * area.height
    }
    /// Figure point of data point (`x`, `y`).
    public func point(_ x: Double, _ y: Double) -> Point { Point(px(x), py(y)) }
    /// The figure rectangle spanned by two data corners.
    public func rect(x0: Double, y0: Double, x1: Double, y1: Double) -> Rect {
        let a = px(x0), b = px(x1), c = py(y0), d = py(y1)
        return Rect(x: min(a, b), y: min(c, d), width: abs(b - a), height: abs(d - c))
    }
}

/// Point markers for lines and scatter plots.
public enum Marker: Sendable, Hashable {
    /// A filled circle.
    case circle
    /// A filled square.
    case square
    /// A filled diamond.
    case diamond

    /// Draws the marker centred at `p` with half-size `r`.
    func draw(at p: Point, radius r: Double, color: Color, renderer: any Renderer) {
        let edge = Stroke(.white, width: max(0.6, r * 0.35))
        switch self {
        case .circle:
            renderer.circle(center: p, radius: r, fill: color, stroke: edge)
        case .square:
            renderer.rect(Rect(x: p.x - r, y: p.y - r, width: 2 * r, height: 2 * r), fill: color, stroke: edge, cornerRadius: 0)
        case .diamond:
            let q = r * 1.25
            renderer.path([Point(p.x, p.y - q), Point(p.x + q, p.y), Point(p.x, p.y + q), Point(p.x - q, p.y)],
                          closed: true, fill: color, stroke: edge)
        }
    }
}
