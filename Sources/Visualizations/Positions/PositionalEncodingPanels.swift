import Charts
import Foundation

/// The panels (`Axes`) of the positional-encoding figures, one per table, so the single and the
/// side-by-side figures draw exactly the same thing.
enum PositionalEncodingPanels {
    /// Positions as rows, dimensions as columns, on a diverging map centred at 0 (−1…1 for the
    /// sinusoidal encoding, ±99th percentile of |value| for learned vectors).
    static func heatmap(_ t: PositionTable, title: String?) -> Axes {
        let half = t.isSinusoidal ? 1 : IndexedHeatmap.robustHalfRange(t.values)
        let mapping = ColorMapping(normalize: .centered(at: 0, halfRange: half), colormap: .diverging, maskedColor: Color(hex: 0xa8a8a8))
        let map = Heatmap(rows: t.positions.count, columns: t.dimensions, values: t.values, mapping: mapping,
                          showValues: t.positions.count * t.dimensions <= 100, format: IndexedHeatmap.cellFormat)
        var axes = IndexedHeatmap(heatmap: map, rowIndices: t.positions, columnIndices: 0..<t.dimensions)
            .axes(title: title, xLabel: "dimension", yLabel: "position", colorbarLabel: t.isSinusoidal ? "PE value" : "wpe value")
        axes.equalAspect = false
        return axes
    }

    /// One line per chosen dimension against position. Sinusoidal pairs share a colour (sine
    /// solid, cosine dashed) and are drawn as the continuous functions with dots at the
    /// integer positions when there are few; learned dimensions are lines through their values.
    static func curves(_ t: PositionTable, dimensions: [Int], title: String?) -> Axes {
        var axes = Axes(title: title, x: Axis(label: "position"), y: Axis(label: "value"))
        let lo = Double(t.positions.lowerBound), hi = Double(t.positions.upperBound - 1)
        let few = t.positions.count <= 40
        var pairColor: [Int: Color] = [:]
        for d in dimensions {
            let color = pairColor[t.isSinusoidal ? d / 2 : d] ?? Color.tableau10[pairColor.count % Color.tableau10.count]
            pairColor[t.isSinusoidal ? d / 2 : d] = color
            let points = t.column(d)
            let xs = t.positions.map(Double.init)
            if case .sinusoidal(let base) = t.source {
                let wavelength = PositionTable.wavelength(dimension: d, dModel: t.dimensions, base: base)
                let isSine = d % 2 == 0
                // Sampled finely enough for the shortest wavelength shown, and never more
                // than a few thousand points per curve.
                let step = max((hi - lo) / 4000, min((hi - lo) / 600, wavelength / 40))
                let count = hi > lo ? Int(((hi - lo) / step).rounded(.up)) + 1 : 1
                let sx = (0..<count).map { min(hi, lo + Double($0) * step) }
                let w = 2 * Double.pi / wavelength
                let sy = sx.map { isSine ? sin($0 * w) : cos($0 * w) }
                let name = "dim \(d) \(isSine ? "sin" : "cos"), λ \(Self.format(wavelength))"
                axes.add(LineSeries(name, x: sx, y: sy, color: color, width: 1.8, dash: isSine ? [] : [6, 4]))
                if few { axes.add(ScatterSeries("", x: xs, y: points, color: color, size: 3)) }
            } else {
                let sd = Self.standardDeviation(points)
                axes.add(LineSeries("dim \(d) (sd \(Self.format(sd)))", x: xs, y: points, color: color, width: 1.6,
                                    marker: few ? .circle : nil, markerSize: 2.5))
            }
        }
        if t.isSinusoidal { axes.y.limits = -1.1...1.1 }
        axes.x.limits = hi > lo ? lo...hi : (lo - 0.5)...(lo + 0.5)
        axes.x.format = .integer
        if t.positions.count < 10 { axes.x.tickTarget = t.positions.count }
        axes.legend = .right
        return axes
    }

    /// The `[P, P]` similarity matrix as a square heatmap: −1…1 for cosine, symmetric around 0
    /// for dot products.
    static func similarity(_ t: PositionTable, measure: SimilarityMeasure, title: String?) -> Axes {
        similarity(t.similarity(measure), positions: t.positions, measure: measure, title: title)
    }

    /// A `[P, P]` similarity matrix `s` over `positions` (row-major), drawn as above.
    static func similarity(_ s: [Double], positions: Range<Int>, measure: SimilarityMeasure, title: String?) -> Axes {
        let norm: Normalize = measure == .cosine ? .centered(at: 0, halfRange: 1) : .fitted(to: s, kind: .centered(0))
        let mapping = ColorMapping(normalize: norm, colormap: .diverging, maskedColor: Color(hex: 0xa8a8a8))
        let map = Heatmap(rows: positions.count, columns: positions.count, values: s, mapping: mapping)
        return IndexedHeatmap(heatmap: map, rowIndices: positions, columnIndices: positions)
            .axes(title: title, xLabel: "position q", yLabel: "position p", colorbarLabel: measure.label)
    }

    /// The dimensions drawn as curves by default. Sinusoidal: four sine/cosine pairs whose
    /// wavelengths spread geometrically from the shortest that stays readable over the range
    /// to a few times the range. Learned: the four dimensions with the highest variance.
    static func defaultDimensions(_ t: PositionTable) -> [Int] {
        guard case .sinusoidal(let base) = t.source else { return t.highestVarianceDimensions(4).sorted() }
        let pairs = t.dimensions / 2
        let span = Double(t.positions.count)
        let longest = PositionTable.wavelength(dimension: t.dimensions - 1, dModel: t.dimensions, base: base)
        // The longest shown is a few times the range, and at least 2π·√base (628 positions for
        // 10,000) so that even a short range shows the wavelengths growing.
        let lo = min(longest, max(2 * .pi, span / 8)), hi = max(lo, min(longest, max(4 * span, 2 * .pi * base.squareRoot())))
        var chosen: [Int] = []
        for k in 0..<4 {
            let target = lo * pow(hi / lo, Double(k) / 3)
            // λ_i = 2π · base^(2i/d)  ⇒  i = (d/2) · ln(λ / 2π) / ln(base)
            let i = Int((Double(pairs) * log(target / (2 * .pi)) / log(base)).rounded())
            let pair = min(pairs - 1, max(0, i))
            if !chosen.contains(pair) { chosen.append(pair) }
        }
        return chosen.flatMap { [2 * $0, 2 * $0 + 1] }
    }

    /// Three significant digits, e.g. 6.28, 62.8, 628, 6,283.
    static func format(_ v: Double) -> String {
        if v == 0 { return "0" }
        if abs(v) >= 1000 { return NumberFormat.thousands(Int(v.rounded())) }
        let digits = max(0, 2 - Int(floor(log10(abs(v)))))
        return String(format: "%.\(digits)f", v)
    }

    static func standardDeviation(_ v: [Double]) -> Double {
        guard !v.isEmpty else { return 0 }
        let mean = v.reduce(0, +) / Double(v.count)
        return (v.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(v.count)).squareRoot()
    }
}
