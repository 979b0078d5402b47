/// Points with optional text labels (e.g. a 2-D PCA of word embeddings).
public struct ScatterSeries: SingleColorArtist {
    /// Legend name (empty: no legend entry).
    public var name: String
    /// Horizontal positions.
    public var x: [Double]
    /// Vertical positions.
    public var y: [Double]
    /// A label per point (upper right of it, or another side where that would cover a marker
    /// or an earlier label), or nil.
    public var labels: [String]?
    /// Colour (nil: next palette colour).
    public var color: Color?
    /// Marker shape.
    public var marker: Marker
    /// Marker half-size in points.
    public var size: Double

    /// Creates a scatter series.
    public init(_ name: String, x: [Double], y: [Double], labels: [String]? = nil, color: Color? = nil,
                marker: Marker = .circle, size: Double = 4.5) {
        self.name = name; self.x = x; self.y = y; self.labels = labels; self.color = color
        self.marker = marker; self.size = size
    }

    /// The points' range, widened by 8 % on each side when points carry labels so labels at the
    /// edges stay inside the plot. A positive range stays positive (safe on log axes).
    public var extent: DataExtent {
        func padded(_ r: ClosedRange<Double>?) -> ClosedRange<Double>? {
            guard let r, labels != nil else { return r }
            let pad = max(1e-9, (r.upperBound - r.lowerBound) * 0.08)
            let lo = r.lowerBound > 0 && r.lowerBound - pad <= 0 ? r.lowerBound / 2 : r.lowerBound - pad
            return lo...(r.upperBound + pad)
        }
        return DataExtent(x: padded(DataExtent.range(x)), y: padded(DataExtent.range(y)))
    }

    public var legendEntries: [LegendEntry] {
        name.isEmpty ? [] : [LegendEntry(name, swatch: .marker(marker, color ?? .black))]
    }

    public func draw(in ctx: PlotContext) {
        let c = color ?? .black
        let points = (0..<min(x.count, y.count)).filter { x[$0].isFinite && y[$0].isFinite }.map { ($0, ctx.point(x[$0], y[$0])) }
        for (_, p) in points { marker.draw(at: p, radius: size, color: c, renderer: ctx.renderer) }
        guard let labels else { return }
        // Labels go where they cover no marker and no earlier label: upper right first, then
        // the other corners and sides (the first free spot, or upper right when none is).
        let font = ctx.theme.annotationFont
        let markers = points.map { Rect(x: $0.1.x - size, y: $0.1.y - size, width: 2 * size, height: 2 * size) }
        var placed: [Rect] = []
        for (i, p) in points where i < labels.count {
            let box = ctx.measurer.measure(labels[i], font)
            let gap = size + 2
            let candidates = [Point(p.x + gap, p.y - gap - box.height), Point(p.x + gap, p.y + gap),
                              Point(p.x - gap - box.width, p.y - gap - box.height), Point(p.x - gap - box.width, p.y + gap),
                              Point(p.x + gap + 1, p.y - box.height / 2), Point(p.x - gap - 1 - box.width, p.y - box.height / 2),
                              Point(p.x - box.width / 2, p.y - gap - box.height), Point(p.x - box.width / 2, p.y + gap)]
            let rects = candidates.map { Rect(x: $0.x, y: $0.y, width: box.width, height: box.height) }
            let free = rects.first { r in
                r.x >= ctx.area.x && r.maxX <= ctx.area.maxX && r.y >= ctx.area.y && r.maxY <= ctx.area.maxY
                    && !markers.contains(where: { $0.intersects(r) }) && !placed.contains(where: { $0.intersects(r) })
            } ?? rects[0]
            placed.append(free)
            ctx.renderer.text(labels[i], at: Point(free.x, free.y), font: font, color: ctx.theme.text, anchor: .topLeft)
        }
    }
}

/// Text placed at a data point.
public struct TextAnnotation: Artist {
    /// The text.
    public var text: String
    /// Data x.
    public var x: Double
    /// Data y.
    public var y: Double
    /// Font (nil: theme annotation font).
    public var font: Font?
    /// Colour (nil: theme text colour).
    public var color: Color?
    /// Where the data point sits relative to the text.
    public var anchor: TextAnchor
    /// Offset in points added after mapping.
    public var offset: Point

    /// Creates an annotation.
    public init(_ text: String, x: Double, y: Double, font: Font? = nil, color: Color? = nil,
                anchor: TextAnchor = .center, offset: Point = Point(0, 0)) {
        self.text = text; self.x = x; self.y = y; self.font = font; self.color = color
        self.anchor = anchor; self.offset = offset
    }

    public var extent: DataExtent { DataExtent() }

    public func draw(in ctx: PlotContext) {
        let p = ctx.point(x, y)
        ctx.renderer.text(text, at: Point(p.x + offset.x, p.y + offset.y), font: font ?? ctx.theme.annotationFont,
                          color: color ?? ctx.theme.text, anchor: anchor)
    }
}
