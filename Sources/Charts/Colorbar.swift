/// A colour scale drawn from the SAME `ColorMapping` as its image, so ticks and colours agree.
public struct Colorbar: Sendable {
    /// The mapping of the image this bar explains.
    public var mapping: ColorMapping
    /// Label along the bar (e.g. "attention weight").
    public var label: String?
    /// When set, a swatch of the masked colour with this text is drawn under the bar
    /// (e.g. "masked (future)").
    public var maskedLabel: String?
    /// Tick label format.
    public var format: TickFormat

    /// Creates a colorbar for `mapping`.
    public init(mapping: ColorMapping, label: String? = nil, maskedLabel: String? = nil, format: TickFormat = .automatic) {
        self.mapping = mapping; self.label = label; self.maskedLabel = maskedLabel; self.format = format
    }

    static let barWidth = 13.0, tickLength = 3.0, gap = 5.0, leading = 14.0

    /// The labelled values, chosen by the mapping's normalisation.
    var ticks: [Tick] {
        mapping.normalize.ticks(target: 5, format: format)
    }

    /// Where `tick` sits along the bar, 0 at the bottom and 1 at the top: the same
    /// normalisation that colours the image, so a tick labelled 0.25 sits exactly where the
    /// colour of 0.25 is drawn, whatever the kind (for a square root, half-way up).
    func position(_ tick: Tick) -> Double {
        mapping.normalize(tick.value) ?? 0
    }

    /// The width the bar, its tick labels and its label need.
    func width(_ m: TextMeasurer, theme: Theme) -> Double {
        var w = Self.leading + Self.barWidth + Self.tickLength + Self.gap + m.maxWidth(ticks.map(\.label), theme.tickFont)
        if let label, !label.isEmpty { w += Self.gap + 2 + m.measure(label, theme.labelFont).height }
        if let maskedLabel {
            w = max(w, Self.leading + Self.barWidth + Self.gap + m.measure(maskedLabel, theme.tickFont).width)
        }
        return w
    }

    /// Draws the bar in `slot` (a full-height column right of the plot).
    func draw(_ r: any Renderer, _ m: TextMeasurer, slot: Rect, theme: Theme) {
        let tickHeight = m.measure("0", theme.tickFont).height
        var barRect = Rect(x: slot.x + Self.leading, y: slot.y, width: Self.barWidth, height: slot.height)
        if maskedLabel != nil { barRect.height = max(10, slot.height - tickHeight - 14) }
        // 256 steps of the colormap as a one-pixel-wide raster, top = high.
        var image = RasterImage(width: 1, height: 256)
        for i in 0..<256 { image.set(x: 0, y: 255 - i, mapping.colormap.color(at: (Double(i) + 0.5) / 256)) }
        r.image(image, in: barRect)
        r.rect(barRect, fill: nil, stroke: Stroke(theme.axisLine, width: 0.6), cornerRadius: 0)
        var maxLabel = 0.0
        for t in ticks {
            let y = barRect.maxY - position(t) * barRect.height
            r.line(from: Point(barRect.maxX, y), to: Point(barRect.maxX + Self.tickLength, y), stroke: Stroke(theme.axisLine, width: 0.8))
            r.text(t.label, at: Point(barRect.maxX + Self.tickLength + Self.gap - 2, y), font: theme.tickFont,
                   color: theme.mutedText, anchor: .leftMiddle)
            maxLabel = max(maxLabel, m.measure(t.label, theme.tickFont).width)
        }
        if let label, !label.isEmpty {
            let x = barRect.maxX + Self.tickLength + Self.gap + maxLabel + Self.gap + 2
            r.text(label, at: Point(x, barRect.midY), font: theme.labelFont, color: theme.text,
                   anchor: TextAnchor(.middle, .top), rotation: -90)
        }
        if let maskedLabel {
            let box = Rect(x: barRect.x, y: barRect.maxY + 8, width: Self.barWidth, height: tickHeight)
            r.rect(box, fill: mapping.maskedColor, stroke: Stroke(theme.axisLine, width: 0.6), cornerRadius: 0)
            r.text(maskedLabel, at: Point(box.maxX + Self.gap, box.midY), font: theme.tickFont, color: theme.mutedText, anchor: .leftMiddle)
        }
    }
}
