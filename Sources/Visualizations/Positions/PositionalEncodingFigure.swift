import Charts
import Foundation

/// Pictures of positional encodings: the sinusoidal encoding of "Attention Is All You Need"
/// and the learned position embeddings (`wpe`) of GPT-1/GPT-2, each as a heatmap, as curves,
/// or as a similarity matrix, alone or side by side.
///
/// ```swift
/// let pe = try PositionTable.sinusoidal(positions: 100, dModel: 512)
/// try PositionalEncodingFigure.heatmap(pe).write(to: URL(fileURLWithPath: "posenc.png"))
/// ```
public enum PositionalEncodingFigure {
    /// Positions × dimensions as colours on a diverging map (−1…1 for the sinusoidal encoding).
    public static func heatmap(_ table: PositionTable) -> Figure {
        let axes = PositionalEncodingPanels.heatmap(table, title: nil)
        let plotHeight = min(600, max(300, 800 * Double(table.positions.count) / Double(table.dimensions)))
        return Figure(axes, width: 960, height: plotHeight + 170,
                      title: "\(table.name): \(shape(table))", subtitle: heatmapSubtitle(table))
    }

    /// Chosen dimensions against position (`dimensions` nil: four sine/cosine pairs of spread
    /// wavelengths for the sinusoidal encoding, the four most varying dimensions for learned ones).
    public static func curves(_ table: PositionTable, dimensions: [Int]? = nil) throws(PositionalEncodingError) -> Figure {
        let dims = try checked(dimensions, table)
        let axes = PositionalEncodingPanels.curves(table, dimensions: dims, title: nil)
        return Figure(axes, width: 960, height: 520, title: "\(table.name): dimensions against position, \(rangeText(table))",
                      subtitle: curvesSubtitle(table, dimensions: dims, chosen: dimensions != nil))
    }

    /// The position-by-position similarity matrix (cosine by default).
    public static func similarity(_ table: PositionTable, measure: SimilarityMeasure = .cosine) -> Figure {
        let axes = PositionalEncodingPanels.similarity(table, measure: measure, title: nil)
        return Figure(axes, width: 980, height: 900, title: "\(table.name): \(measure.label) of \(rangeText(table)), d_model \(NumberFormat.thousands(table.dimensions))",
                      subtitle: similaritySubtitle(table, measure: measure))
    }

    /// One picture of `table` chosen by `kind`.
    public static func figure(_ kind: PositionalFigureKind, _ table: PositionTable, measure: SimilarityMeasure = .cosine,
                              dimensions: [Int]? = nil) throws(PositionalEncodingError) -> Figure {
        switch kind {
        case .heatmap: return heatmap(table)
        case .curves: return try curves(table, dimensions: dimensions)
        case .similarity: return similarity(table, measure: measure)
        }
    }

    /// The sinusoidal encoding and a model's learned embeddings side by side, drawn the same
    /// way over the same positions (each panel keeps its own colour scale: learned values are
    /// far smaller than ±1). `dimensions` applies to both curve panels; nil picks per table.
    public static func comparison(_ kind: PositionalFigureKind, sinusoidal: PositionTable, learned: PositionTable,
                                  measure: SimilarityMeasure = .cosine, dimensions: [Int]? = nil) throws(PositionalEncodingError) -> Figure {
        guard sinusoidal.dimensions == learned.dimensions else { throw .widthMismatch(sinusoidal.dimensions, learned.dimensions) }
        guard sinusoidal.positions == learned.positions else {
            throw .rangeOutside(lower: sinusoidal.positions.lowerBound, upper: sinusoidal.positions.upperBound,
                                positions: learned.positions.upperBound)
        }
        let left = "Sinusoidal (fixed formula)", right = learned.name.replacingOccurrences(of: "Learned position embeddings", with: "Learned")
        var panels: [Axes]
        var height = 560.0
        var subtitle: String
        switch kind {
        case .heatmap:
            panels = [PositionalEncodingPanels.heatmap(sinusoidal, title: left), PositionalEncodingPanels.heatmap(learned, title: right)]
            height = min(600, max(260, 560 * Double(learned.positions.count) / Double(learned.dimensions))) + 190
            subtitle = "Rows are positions, columns dimensions. Left: column 2i = sin(pos/10000^(2i/d)), 2i+1 = cos; "
                + "right: the vectors the model learned (wpe[pos]). Each panel has its own colour scale."
        case .curves:
            let sd = try checked(dimensions, sinusoidal), ld = try checked(dimensions, learned)
            panels = [PositionalEncodingPanels.curves(sinusoidal, dimensions: sd, title: left),
                      PositionalEncodingPanels.curves(learned, dimensions: ld, title: right)]
            for i in panels.indices { panels[i].legend = .bottom }
            height = 640
            subtitle = dimensions == nil
                ? "Left: sine/cosine pairs of growing wavelength λ (solid sine, dashed cosine). Right: the learned dimensions with the highest variance."
                : "Dimensions \((dimensions ?? []).map(String.init).joined(separator: ", ")) of each table."
        case .similarity:
            panels = [PositionalEncodingPanels.similarity(sinusoidal, measure: measure, title: left),
                      PositionalEncodingPanels.similarity(learned, measure: measure, title: right)]
            height = 660
            subtitle = "Cell (p, q) is the \(measure.label) of the vectors of positions p and q. "
                + "The sinusoidal one depends only on p − q (bands parallel to the diagonal)."
        }
        var figure = Figure(width: 1280, height: height,
                            title: "Positional encodings compared: \(kind.rawValue), d_model \(NumberFormat.thousands(learned.dimensions)), \(rangeText(learned))",
                            subtitle: subtitle)
        figure.add(panels[0], row: 0, column: 0)
        figure.add(panels[1], row: 0, column: 1)
        figure.spacing = Size(44, 22)
        return figure
    }

    // MARK: - Text

    static func rangeText(_ t: PositionTable) -> String {
        t.positions.count == 1 ? "position \(t.positions.lowerBound)" : "positions \(t.positions.lowerBound)–\(t.positions.upperBound - 1)"
    }

    static func shape(_ t: PositionTable) -> String {
        "\(rangeText(t)) × \(NumberFormat.thousands(t.dimensions)) dimensions"
    }

    static func heatmapSubtitle(_ t: PositionTable) -> String {
        if case .sinusoidal(let base) = t.source {
            return "Row = one position's vector. Column 2i = sin(pos / \(NumberFormat.thousands(Int(base)))^(2i/d)), column 2i+1 = the matching cos.\n"
                + "Left columns oscillate fast (wavelength 2π), right ones slowly (up to 2π·\(NumberFormat.thousands(Int(base)))): every position gets a unique pattern."
        }
        return "Row = the vector the model learned for that position (wpe[pos]), added to the token's embedding.\n"
            + "Colours are centred at 0 and reach ±\(PositionalEncodingPanels.format(IndexedHeatmap.robustHalfRange(t.values))) (99th percentile of |value|; larger values take the end colours)."
    }

    static func curvesSubtitle(_ t: PositionTable, dimensions: [Int], chosen: Bool) -> String {
        if case .sinusoidal(let base) = t.source {
            return "Even dimension 2i is sin(pos·ω), odd dimension 2i+1 is cos(pos·ω), with ω = 1/\(NumberFormat.thousands(Int(base)))^(2i/d) and d = \(t.dimensions). "
                + "A pair shares a colour\n(sine solid, cosine dashed). Higher pairs turn slower: wavelength λ = 2π/ω positions, like the slower hands of a clock."
        }
        let which = chosen ? "Chosen dimensions" : "The \(dimensions.count) dimensions whose values vary most over these positions (highest variance)"
        return "\(which), one line each; sd = standard deviation over the positions.\n"
            + "Learned vectors have no formula: smooth, wave-like curves mean the model learned an ordering of positions."
    }

    static func similaritySubtitle(_ t: PositionTable, measure: SimilarityMeasure) -> String {
        let what = measure == .cosine ? "cosine similarity a·b / (|a||b|)" : "dot product a·b"
        if t.isSinusoidal {
            return "Cell (p, q) = \(what) of PE(p) and PE(q)\(measure == .cosine ? "; 1 on the diagonal" : "; d/2 on the diagonal").\n"
                + "It is the \(measure == .cosine ? "mean" : "sum") of cos(ω·(p − q)) over the d/2 frequencies ω, so it depends only on the distance p − q:\n"
                + "each band parallel to the diagonal has one colour, and nearby positions look alike."
        }
        return "Cell (p, q) = \(what) of wpe[p] and wpe[q]\(measure == .cosine ? "; 1 on the diagonal" : "").\n"
            + "A dark red band along the diagonal means neighbouring positions learned similar vectors."
    }

    static func checked(_ dimensions: [Int]?, _ t: PositionTable) throws(PositionalEncodingError) -> [Int] {
        guard let dimensions else { return PositionalEncodingPanels.defaultDimensions(t) }
        for d in dimensions where d < 0 || d >= t.dimensions { throw .dimensionOutside(d, dimensions: t.dimensions) }
        return dimensions
    }
}
