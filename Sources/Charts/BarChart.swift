/// One named series of a bar chart.
public struct BarSeries: Sendable {
    /// Legend name.
    public var name: String
    /// One value per category.
    public var values: [Double]
    /// Fill colour (nil: next palette colour).
    public var color: Color?
    /// Optional text per bar, replacing the formatted value in value labels.
    public var labels: [String]?

    /// Creates a series.
    public init(_ name: String, values: [Double], color: Color? = nil, labels: [String]? = nil) {
        self.name = name; self.values = values; self.color = color; self.labels = labels
    }
}

/// Vertical or horizontal bars over categories, stacked or grouped, with optional value labels.
public struct BarChart: Artist {
    /// Bars grow upwards (categories on x) or rightwards (categories on y, first on top).
    public enum Orientation: Sendable { case vertical, horizontal }
    /// Series on top of each other or side by side.
    public enum Mode: Sendable { case stacked, grouped }
    /// Which numbers are written on the bars.
    public enum ValueLabels: Sendable { case none, totals, segments, totalsAndSegments }

    /// Category names, one band each.
    public var categories: [String]
    /// The series.
    public var series: [BarSeries]
    /// Bar direction.
    public var orientation: Orientation
    /// Stacked or grouped.
    public var mode: Mode
    /// Value labels to draw.
    public var valueLabels: ValueLabels
    /// Text for each category's total (nil: formatted sum).
    public var totalLabels: [String]?
    /// Formats values for labels.
    public var format: @Sendable (Double) -> String
    /// Bar thickness as a fraction of the band.
    public var thickness: Double
    /// Gap in points between a bar's end and a label written past it.
    public var labelOffset: Double = 4

    /// Creates a bar chart.
    public init(categories: [String], series: [BarSeries], orientation: Orientation = .vertical,
                mode: Mode = .stacked, valueLabels: ValueLabels = .none, totalLabels: [String]? = nil,
                thickness: Double = 0.68, format: @escaping @Sendable (Double) -> String = { NumberFormat.human($0) }) {
        self.categories = categories; self.series = series; self.orientation = orientation; self.mode = mode
        self.valueLabels = valueLabels; self.totalLabels = totalLabels; self.thickness = thickness; self.format = format
    }

    /// The value that sets the bar's length: a NaN or infinite one (a NaN weight's probability)
    /// draws no bar, since it has no length and its rectangle would make the renderer fail.
    private func value(_ s: Int, _ c: Int) -> Double {
        let v = c < series[s].values.count ? series[s].values[c] : 0
        return v.isFinite ? v : 0
    }

    /// Per-category (start, end) of every series' segment along the value axis.
    private func segments() -> [[(Double, Double)]] {
        series.indices.map { s in
            categories.indices.map { c in
                if mode == .grouped { return (0, value(s, c)) }
                let below = (0..<s).reduce(0.0) { $0 + max(0, value($1, c)) }
                return (below, below + max(0, value(s, c)))
            }
        }
    }

    private var totals: [Double] {
        categories.indices.map { c in
            mode == .stacked ? series.indices.reduce(0.0) { $0 + max(0, value($1, c)) }
                : series.indices.map { value($0, c) }.max() ?? 0
        }
    }

    public var extent: DataExtent {
        // Only drawn segments count, so zero placeholders never pull a log axis down to 0.
        // The zero base comes from `includeZero` (ignored on log axes).
        let ends = segments().flatMap { $0.filter { $0.0 != $0.1 }.flatMap { $0.0 == 0 ? [$0.1] : [$0.0, $0.1] } }
        var range = DataExtent.range(ends)
        // Head-room for totals written past the bar ends.
        if valueLabels == .totals || valueLabels == .totalsAndSegments, let r = range {
            range = r.lowerBound...(r.upperBound * 1.12)
        }
        let bands = 0...Double(max(1, categories.count))
        var e = orientation == .vertical ? DataExtent(x: bands, y: range) : DataExtent(x: range, y: bands)
        if orientation == .vertical {
            e.xCategories = categories; e.includeZeroY = true
        } else {
            e.yCategories = categories; e.includeZeroX = true; e.invertY = true
        }
        return e
    }

    public var legendEntries: [LegendEntry] {
        series.map { LegendEntry($0.name, swatch: .box($0.color ?? .black)) }
    }

    public func withPalette(_ palette: [Color], next: inout Int) -> any Artist {
        var copy = self
        for i in copy.series.indices where copy.series[i].color == nil {
            copy.series[i].color = palette[next % palette.count]
            next += 1
        }
        return copy
    }

    public func draw(in ctx: PlotContext) {
        let segs = segments()
        let font = ctx.theme.annotationFont
        let lineHeight = ctx.measurer.measure("0", font).height
        let groups = mode == .grouped ? Double(series.count) : 1
        for c in categories.indices {
            for s in series.indices {
                let (v0, v1) = segs[s][c]
                let slot = mode == .grouped ? Double(s) : 0
                let start = Double(c) + (1 - thickness) / 2 + thickness * slot / groups
                let end = start + thickness / groups
                if valueLabels != .none, c < series[s].values.count, let text = NumberFormat.notFinite(series[s].values[c]) {
                    // No bar, but say why: "NaN" where the bar would start.
                    let base = orientation == .vertical ? ctx.rect(x0: start, y0: v0, x1: end, y1: v0) : ctx.rect(x0: v0, y0: start, x1: v0, y1: end)
                    drawOutside(text, bar: base, ctx: ctx, font: font)
                    continue
                }
                guard v1 != v0 else { continue }
                let r = orientation == .vertical
                    ? ctx.rect(x0: start, y0: v0, x1: end, y1: v1)
                    : ctx.rect(x0: v0, y0: start, x1: v1, y1: end)
                let color = series[s].color ?? .black
                ctx.renderer.rect(r, fill: color, stroke: Stroke(.white, width: 0.6), cornerRadius: 0)
                let wantsSegment = valueLabels == .segments || valueLabels == .totalsAndSegments
                    || (valueLabels == .totals && mode == .grouped)
                guard wantsSegment else { continue }
                let text = series[s].labels.flatMap { c < $0.count ? $0[c] : nil } ?? format(value(s, c))
                let w = ctx.measurer.measure(text, font).width
                let textColor = color.luminance > 0.4 ? ctx.theme.text : Color.white
                if mode == .grouped {
                    // Grouped bars carry their value past the end, like totals.
                    drawOutside(text, bar: r, ctx: ctx, font: font)
                } else if r.width >= w + 4 && r.height >= lineHeight + 1 {
                    ctx.renderer.text(text, at: Point(r.midX, r.midY), font: font, color: textColor, anchor: .center)
                }
            }
            if mode == .stacked, valueLabels == .totals || valueLabels == .totalsAndSegments {
                let total = totals[c]
                let text = totalLabels.flatMap { c < $0.count ? $0[c] : nil } ?? format(total)
                let start = Double(c) + (1 - thickness) / 2
                let r = orientation == .vertical
                    ? ctx.rect(x0: start, y0: 0, x1: start + thickness, y1: total)
                    : ctx.rect(x0: 0, y0: start, x1: total, y1: start + thickness)
                drawOutside(text, bar: r, ctx: ctx, font: Font(size: font.size, bold: true))
            }
        }
    }

    private func drawOutside(_ text: String, bar r: Rect, ctx: PlotContext, font: Font) {
        if orientation == .vertical {
            ctx.renderer.text(text, at: Point(r.midX, r.y - labelOffset + 1), font: font, color: ctx.theme.text, anchor: .bottomCenter)
        } else {
            ctx.renderer.text(text, at: Point(r.maxX + labelOffset, r.midY), font: font, color: ctx.theme.text, anchor: .leftMiddle)
        }
    }
}
