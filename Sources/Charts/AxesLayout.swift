import Foundation

/// Where everything of one `Axes` goes, computed from measured text before anything is drawn.
struct AxesLayout {
    var plot: Rect
    var xScale: Scale
    var yScale: Scale
    var xTicks: [Tick]
    var yTicks: [Tick]
    var yInverted: Bool
    var isMatrix: Bool
    var legend: LegendPlacement
    var legendOrigin = Point(0, 0)
    var legendPositions: [Point] = []
    var colorbarSlot: Rect?
    var cell: Rect

    static let tickLength = 4.0, pad = 4.0, labelGap = 6.0

    init(_ axes: Axes, cell: Rect, measurer m: TextMeasurer, theme: Theme) {
        self.cell = cell
        let e = axes.extent
        isMatrix = e.isMatrix
        yInverted = e.invertY
        legend = axes.resolvedLegend
        xScale = Self.scale(axes.x, range: e.x, categories: e.xCategories, includeZero: e.includeZeroX)
        yScale = Self.scale(axes.y, range: e.y, categories: e.yCategories, includeZero: e.includeZeroY)
        if xScale.kind == .band { xScale.categories = xScale.categories.map { m.truncate($0, theme.tickFont, toWidth: axes.x.maxLabelWidth) } }
        if yScale.kind == .band { yScale.categories = yScale.categories.map { m.truncate($0, theme.tickFont, toWidth: axes.y.maxLabelWidth) } }
        xTicks = []; yTicks = []
        plot = cell
        // Two passes: ticks depend on the plot size, the plot size on the tick labels.
        for _ in 0..<2 { solve(axes, m, theme) }
    }

    /// The axis's labels for a thinned band axis, cut to its label width (nil: none given).
    private static func thinnedCategories(_ axis: Axis, count: Int, _ m: TextMeasurer, _ font: Font) -> [String]? {
        guard let labels = axis.thinnedLabels, labels.count == count else { return nil }
        return labels.map { m.truncate($0, font, toWidth: axis.maxLabelWidth) }
    }

    private static func scale(_ axis: Axis, range: ClosedRange<Double>?, categories: [String]?, includeZero: Bool) -> Scale {
        // Artists that place things in categories (bars, heatmaps) make the axis a band axis.
        if let categories { return .band(categories) }
        if let limits = axis.limits { return axis.kind == .log ? .log(limits) : .linear(limits) }
        let kind: Scale.Kind = axis.kind == .band ? .linear : axis.kind
        guard kind == .linear, let r = range else { return .fitted(kind, to: range, includeZero: includeZero) }
        // Nice tick bounds unless they waste much of the axis (bars from 0 tolerate more
        // head-room than lines, whose data should fill the plot).
        let zero = includeZero || axis.includeZero
        let nice = Scale.fitted(.linear, to: r, includeZero: zero)
        let lo = zero ? min(0, r.lowerBound) : r.lowerBound
        let hi = zero ? max(0, r.upperBound) : r.upperBound
        let span = max(hi - lo, 1e-12)
        let niceSpan = nice.domain.upperBound - nice.domain.lowerBound
        if niceSpan <= span * (zero ? 1.25 : 1.08) { return nice }
        let padLo = lo == 0 && zero ? 0 : span * 0.03
        return .linear((lo - padLo)...(hi + span * 0.03))
    }

    private mutating func solve(_ axes: Axes, _ m: TextMeasurer, _ theme: Theme) {
        let tickFont = theme.tickFont
        let lh = m.measure("Ag", tickFont).height
        // Ticks for the current plot-size estimate.
        let xTarget = axes.x.tickTarget ?? max(2, min(8, Int(plot.width / 85)))
        let yTarget = axes.y.tickTarget ?? max(2, min(8, Int(plot.height / 55)))
        let angle = axes.x.tickLabelAngle
        var xStride = 1, yStride = 1
        if xScale.kind == .band {
            func stride() -> Int {
                let need = angle == 0 ? m.maxWidth(xScale.categories, tickFont) + 8 : lh + 1
                return max(1, Int(ceil(Double(xScale.categories.count) * need / max(1, plot.width))))
            }
            xStride = stride()
            if xStride > 1, let thinned = Self.thinnedCategories(axes.x, count: xScale.categories.count, m, tickFont) {
                xScale.categories = thinned
                xStride = stride()
            }
        }
        if yScale.kind == .band {
            yStride = max(1, Int(ceil(Double(yScale.categories.count) * (lh + 1) / max(1, plot.height))))
            if yStride > 1, let thinned = Self.thinnedCategories(axes.y, count: yScale.categories.count, m, tickFont) {
                yScale.categories = thinned
            }
        }
        xTicks = axes.x.hidden ? [] : xScale.ticks(target: xTarget, bandStride: xStride, format: axes.x.format)
        yTicks = axes.y.hidden ? [] : yScale.ticks(target: yTarget, bandStride: yStride, format: axes.y.format)

        let labelLH = m.measure("Ag", theme.labelFont).height
        let xLabels = xTicks.filter(\.isMajor).map(\.label)
        let maxXW = m.maxWidth(xLabels, tickFont)
        let rad = abs(angle) * .pi / 180
        let xTickH = xTicks.isEmpty ? 0 : (angle == 0 ? lh : maxXW * sin(rad) + lh * cos(rad))
        let yTickW = m.maxWidth(yTicks.filter(\.isMajor).map(\.label), tickFont)

        var left = yTicks.isEmpty ? 0 : yTickW + Self.tickLength + Self.pad
        if axes.y.label != nil, !axes.y.hidden { left += labelLH + Self.labelGap }
        var bottom = xTicks.isEmpty ? 0 : xTickH + Self.tickLength + Self.pad
        if axes.x.label != nil, !axes.x.hidden { bottom += labelLH + Self.labelGap }
        var top = yTicks.isEmpty ? 0 : lh / 2 + 1
        if let t = axes.title, !t.isEmpty { top = max(top, m.measure(t, theme.axesTitleFont).height + 8) }
        var right = 0.0
        // Thinned band axes label their last category too (`Ticks.bandIndices`).
        if angle == 0, let last = xLabels.last {
            right = max(right, m.measure(last, tickFont).width / 2 - 2)
        }
        if angle == 0, let first = xLabels.first { left = max(left, m.measure(first, tickFont).width / 2) }
        if angle != 0, let first = xLabels.first { left = max(left, m.measure(first, tickFont).width * cos(rad) - 4) }

        let box = LegendBox(entries: axes.legendEntries, font: theme.legendFont)
        var colorbarWidth = 0.0
        if let cb = axes.colorbar { colorbarWidth = cb.width(m, theme: theme) }
        right += colorbarWidth
        switch legend {
        case .right:
            right += box.columnSize(m).width + 18
        case .top:
            let flow = box.flow(m, width: cell.width - left - right)
            top += flow.size.height + 8
        case .bottom:
            let flow = box.flow(m, width: cell.width - left - right)
            bottom += flow.size.height + 10
        default: break
        }
        plot = cell.inset(top: top, left: left, bottom: bottom, right: max(right, 6))

        if axes.equalAspect ?? isMatrix, xScale.kind == .band || xScale.kind == .linear {
            let xs = xScale.domain.upperBound - xScale.domain.lowerBound
            let ys = yScale.domain.upperBound - yScale.domain.lowerBound
            if xs > 0, ys > 0 {
                let unit = min(plot.width / xs, plot.height / ys)
                let w = unit * xs, h = unit * ys
                // Centre plot + colorbar together in the space the cell leaves.
                let slack = plot.width - w
                plot = Rect(x: plot.x + slack / 2, y: plot.y + (plot.height - h) / 2, width: w, height: h)
            }
        }

        switch legend {
        case .right:
            legendOrigin = Point(plot.maxX + 18 + (axes.colorbar == nil ? 0 : colorbarWidth), plot.y)
            legendPositions = box.columnPositions(m)
        case .top:
            let flow = box.flow(m, width: plot.width)
            legendOrigin = Point(plot.x, plot.y - flow.size.height - 8)
            legendPositions = flow.positions
        case .bottom:
            let flow = box.flow(m, width: plot.width)
            legendOrigin = Point(plot.x, plot.maxY + bottom - flow.size.height)
            legendPositions = flow.positions
        case .insideTopLeft, .insideTopRight:
            let size = box.columnSize(m)
            legendOrigin = Point(legend == .insideTopLeft ? plot.x + 10 : plot.maxX - size.width - 10, plot.y + 8)
            legendPositions = box.columnPositions(m)
        default:
            legendPositions = []
        }
        if axes.colorbar != nil {
            colorbarSlot = Rect(x: plot.maxX, y: plot.y, width: colorbarWidth, height: plot.height)
        }
    }
}
