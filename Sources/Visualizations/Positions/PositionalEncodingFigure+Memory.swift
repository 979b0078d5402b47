import TensorCore

extension PositionalEncodingFigure {
    /// The peak memory of drawing the `kinds` (one after another) of `positions` positions of
    /// width `dimensions`, `panels` tables side by side (2 for a comparison), from the sizes alone.
    ///
    /// Letters: P positions, D dimensions, N panels; values are 8-byte doubles, image cells 4-byte
    /// colours. The tables, `[N, P, D]`, live throughout; each figure adds its matrix and image
    /// (the heatmap copies the values for its colour range, `[N, P, D]` twice; the similarity
    /// matrix and its image are `[N, P, P]`), and the largest figure sets the peak.
    public static func memory(_ kinds: [PositionalFigureKind], positions p: Int, dimensions d: Int, panels n: Int = 1) -> MemoryEstimate {
        var estimate = MemoryEstimate(subject: "\(MemoryHint.grouped(p)) position\(p == 1 ? "" : "s") × \(MemoryHint.grouped(d)) dimensions"
                                      + (kinds.contains(.similarity) ? ", a \(MemoryHint.grouped(p)) × \(MemoryHint.grouped(p)) similarity" : ""))
        estimate.add("position tables [N, P, D]", n, p, d, bytesPerElement: 8)
        let figures: [(String, Double)] = kinds.map { kind in
            let (name, elements): (String, Double) = switch kind {
            case .heatmap: ("heatmap values and image [N, P, D]", Double(n) * Double(p) * Double(d))
            case .curves: ("curves [N, P, D]", Double(n) * Double(p) * Double(d))
            case .similarity: ("similarity matrix and image [N, P, P]", Double(n) * Double(p) * Double(p))
            }
            // 8 bytes per value plus a 4-byte colour per cell (heatmaps also copy the values once).
            return (name, elements * (kind == .heatmap ? 20 : kind == .similarity ? 12 : 8))
        }
        if let largest = figures.max(by: { $0.1 < $1.1 }) { estimate.add(largest.0, bytes: largest.1) }
        return estimate
    }
}
