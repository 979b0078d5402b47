import Charts

/// A heatmap whose rows and/or columns are numbered positions or dimensions rather than named
/// categories: such an axis is a linear axis with round ticks (0, 100, 200, …) at the cell
/// centres, as matplotlib's `imshow` draws it, instead of every n-th label. An axis without
/// indices keeps the heatmap's labels (tokens) as categories.
///
/// The cells are still one raster image, one pixel per cell, so drawing is linear in cells.
struct IndexedHeatmap: Artist {
    /// Values, colour mapping, labels for category axes, and cell-value settings.
    var heatmap: Heatmap
    /// The row numbers (nil: the rows are categories named by `heatmap.rowLabels`).
    var rowIndices: Range<Int>?
    /// The column numbers (nil: categories named by `heatmap.columnLabels`).
    var columnIndices: Range<Int>?

    /// Two decimals for cell values, without a "-0.00" for tiny negatives.
    static let cellFormat: @Sendable (Double) -> String = { v in
        let s = String(format: "%.2f", v)
        return s == "-0.00" ? "0.00" : s
    }

    /// The half-range of a diverging scale for model weights: the 99th percentile of |value|
    /// (nearest rank), so a few outliers take the end colours instead of washing out the rest.
    static func robustHalfRange(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 1 }
        var magnitudes = values.map(abs)
        let rank = min(magnitudes.count - 1, Int((Double(magnitudes.count - 1) * 0.99).rounded()))
        // Selection, not a sort: wpe of GPT-2 is 786,432 values, and sorting them took longer
        // than drawing the figure.
        return max(1e-12, Self.select(rank, in: &magnitudes))
    }

    /// The element that would be at index `k` if `values` were sorted ascending (quickselect;
    /// reorders `values`). NaNs must not be present.
    static func select(_ k: Int, in values: inout [Double]) -> Double {
        precondition(k >= 0 && k < values.count, "rank \(k) out of range for \(values.count) values")
        var low = 0, high = values.count - 1
        while low < high {
            // Median of three as the pivot keeps sorted and reversed inputs linear.
            let middle = low + (high - low) / 2
            let pivot = max(min(values[low], values[middle]), min(max(values[low], values[middle]), values[high]))
            var i = low, j = high
            while i <= j {
                while values[i] < pivot { i += 1 }
                while values[j] > pivot { j -= 1 }
                if i <= j {
                    values.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            // Now values[low...j] <= pivot <= values[i...high], and j < i.
            if k <= j { high = j } else if k >= i { low = i } else { return values[k] }
        }
        return values[k]
    }

    /// The data span of the columns: indices are centred on their cells.
    var xSpan: ClosedRange<Double> {
        guard let c = columnIndices else { return 0...Double(max(1, heatmap.columns)) }
        return (Double(c.lowerBound) - 0.5)...(Double(c.upperBound) - 0.5)
    }

    /// The data span of the rows.
    var ySpan: ClosedRange<Double> {
        guard let r = rowIndices else { return 0...Double(max(1, heatmap.rows)) }
        return (Double(r.lowerBound) - 0.5)...(Double(r.upperBound) - 0.5)
    }

    var extent: DataExtent {
        var e = DataExtent(x: xSpan, y: ySpan)
        if columnIndices == nil { e.xCategories = heatmap.columnLabels ?? (0..<heatmap.columns).map(String.init) }
        if rowIndices == nil { e.yCategories = heatmap.rowLabels ?? (0..<heatmap.rows).map(String.init) }
        e.invertY = true
        e.isMatrix = true
        return e
    }

    func draw(in ctx: PlotContext) {
        let rows = heatmap.rows, columns = heatmap.columns
        guard rows > 0, columns > 0 else { return }
        let area = ctx.rect(x0: xSpan.lowerBound, y0: ySpan.lowerBound, x1: xSpan.upperBound, y1: ySpan.upperBound)
        ctx.renderer.image(heatmap.rasterImage(), in: area)
        // Cell values only where they fit and when asked for (or the grid is small).
        let cw = area.width / Double(columns), ch = area.height / Double(rows)
        let font = Font(size: min(ctx.theme.annotationFont.size, max(6, ch * 0.42)))
        let sample = ctx.measurer.measure(heatmap.format(-0.88), font)
        guard cw >= sample.width + 4, ch >= sample.height + 2, heatmap.showValues ?? (rows * columns <= 625) else { return }
        for r in 0..<rows {
            for c in 0..<columns {
                let v = heatmap[r, c]
                guard !v.isNaN else { continue }
                let center = Point(area.x + (Double(c) + 0.5) * cw, area.y + (Double(r) + 0.5) * ch)
                let fill = heatmap.mapping.color(for: v)
                ctx.renderer.text(heatmap.format(v), at: center, font: font,
                                  color: fill.luminance > 0.35 ? Color(hex: 0x1a1a1a) : .white, anchor: .center)
            }
        }
    }

    /// Axes showing the map with a colorbar from the map's own mapping; numbered axes get fixed
    /// limits (the cell edges) and integer ticks.
    func axes(title: String?, xLabel: String?, yLabel: String?, colorbarLabel: String?) -> Axes {
        var axes = Axes(title: title,
                        x: Axis(label: xLabel, kind: columnIndices == nil ? .band : .linear, grid: false),
                        y: Axis(label: yLabel, kind: rowIndices == nil ? .band : .linear, grid: false))
        // A few cells get a tick each; otherwise about one tick per 85 points, at round numbers.
        if let c = columnIndices { axes.x.limits = xSpan; axes.x.format = .integer; if c.count <= 20 { axes.x.tickTarget = c.count } }
        if let r = rowIndices { axes.y.limits = ySpan; axes.y.format = .integer; if r.count < 10 { axes.y.tickTarget = r.count } }
        if columnIndices == nil, (heatmap.columnLabels ?? []).contains(where: { $0.count > 3 }) { axes.x.tickLabelAngle = -60 }
        axes.add(self)
        axes.legend = .none
        axes.colorbar = Colorbar(mapping: heatmap.mapping, label: colorbarLabel)
        return axes
    }
}
