import Foundation
import GPTModel

/// Position vectors, one row per position: the sinusoidal encoding of Vaswani et al. (2017) or
/// a checkpoint's learned position embeddings (`wpe`), `[P, D]` row-major.
///
/// Rows keep their absolute positions (`positions`), so a table restricted to 100..<200 still
/// labels its first row 100.
public struct PositionTable: Sendable, Equatable {
    /// Where the vectors come from.
    public enum Source: Sendable, Equatable {
        /// `PE(pos, 2i) = sin(pos / base^(2i/d))`, `PE(pos, 2i+1) = cos(pos / base^(2i/d))`.
        case sinusoidal(base: Double)
        /// The `wpe` rows of a checkpoint, named for titles.
        case learned(modelName: String)
    }

    /// Where the vectors come from.
    public let source: Source
    /// The absolute positions of the rows.
    public let positions: Range<Int>
    /// Vector width (d_model).
    public let dimensions: Int
    /// Row-major values, `positions.count * dimensions` of them.
    public let values: [Double]

    /// A table from row-major values.
    public init(source: Source, positions: Range<Int>, dimensions: Int, values: [Double]) throws(PositionalEncodingError) {
        guard dimensions > 0 else { throw .invalidModelWidth(dimensions) }
        guard !positions.isEmpty else { throw .invalidPositionCount(positions.count) }
        precondition(values.count == positions.count * dimensions, "position table: \(values.count) values for [\(positions.count), \(dimensions)]")
        self.source = source; self.positions = positions; self.dimensions = dimensions; self.values = values
    }

    /// The sinusoidal encoding of positions `0..<positions` for width `dModel` (even, > 0).
    public static func sinusoidal(positions: Int, dModel: Int, base: Double = 10_000) throws(PositionalEncodingError) -> PositionTable {
        guard dModel > 0, dModel % 2 == 0 else { throw .invalidModelWidth(dModel) }
        guard positions > 0 else { throw .invalidPositionCount(positions) }
        let values = SinusoidalPositions.values(positions: 0..<positions, width: dModel, base: base)
        return try PositionTable(source: .sinusoidal(base: base), positions: 0..<positions, dimensions: dModel, values: values)
    }

    /// The learned position embeddings of `model`: the rows `positions` of `wpe` (default: every
    /// row, `[n_positions, C]`). Only those rows are converted, so a part of a long context costs
    /// only its own size.
    public static func learned(_ model: GPT, modelName: String, positions: Range<Int>? = nil) throws(PositionalEncodingError) -> PositionTable {
        let table = model.embedding.positionTable  // [P, C]
        let (count, width) = (table.shape[0], table.shape[1])
        let rows = positions ?? 0..<count
        guard !rows.isEmpty, rows.lowerBound >= 0, rows.upperBound <= count else {
            throw .rangeOutside(lower: rows.lowerBound, upper: rows.upperBound, positions: count)
        }
        let values = table.scalars[(rows.lowerBound * width)..<(rows.upperBound * width)].map(Double.init)
        return try PositionTable(source: .learned(modelName: modelName), positions: rows, dimensions: width, values: values)
    }

    /// The sinusoidal encoding of the absolute positions `range` for width `dModel`: the same
    /// rows as `sinusoidal(positions: range.upperBound, dModel:)` restricted to `range`, without
    /// computing the rows before it.
    public static func sinusoidal(range: Range<Int>, dModel: Int, base: Double = 10_000) throws(PositionalEncodingError) -> PositionTable {
        guard range.lowerBound > 0 else { return try sinusoidal(positions: range.upperBound, dModel: dModel, base: base) }
        guard dModel > 0, dModel % 2 == 0 else { throw .invalidModelWidth(dModel) }
        guard !range.isEmpty else { throw .invalidPositionCount(range.count) }
        let values = SinusoidalPositions.values(positions: range, width: dModel, base: base)
        return try PositionTable(source: .sinusoidal(base: base), positions: range, dimensions: dModel, values: values)
    }

    /// The value of `dimension` at absolute position `position`.
    public subscript(position: Int, dimension: Int) -> Double {
        values[(position - positions.lowerBound) * dimensions + dimension]
    }

    /// One dimension's values over all rows.
    public func column(_ dimension: Int) -> [Double] {
        (0..<positions.count).map { values[$0 * dimensions + dimension] }
    }

    /// Only the absolute positions `range` (which must lie inside the table).
    public func restricted(to range: Range<Int>) throws(PositionalEncodingError) -> PositionTable {
        guard !range.isEmpty, range.lowerBound >= positions.lowerBound, range.upperBound <= positions.upperBound else {
            throw .rangeOutside(lower: range.lowerBound, upper: range.upperBound, positions: positions.upperBound)
        }
        let start = (range.lowerBound - positions.lowerBound) * dimensions
        let slice = Array(values[start..<(start + range.count * dimensions)])
        return try PositionTable(source: source, positions: range, dimensions: dimensions, values: slice)
    }

    /// The `[P, P]` position-by-position similarity matrix, row-major.
    public func similarity(_ measure: SimilarityMeasure) -> [Double] {
        measure.matrix(values, rows: positions.count, columns: dimensions)
    }

    /// Each dimension's variance over the table's positions.
    public var dimensionVariances: [Double] {
        let n = Double(positions.count)
        var mean = [Double](repeating: 0, count: dimensions), square = mean
        for p in 0..<positions.count {
            for d in 0..<dimensions {
                let v = values[p * dimensions + d]
                mean[d] += v; square[d] += v * v
            }
        }
        return (0..<dimensions).map { max(0, square[$0] / n - (mean[$0] / n) * (mean[$0] / n)) }
    }

    /// The `count` dimensions that vary most over the positions, most varying first.
    public func highestVarianceDimensions(_ count: Int) -> [Int] {
        let v = dimensionVariances
        return Array(v.indices.sorted { v[$0] != v[$1] ? v[$0] > v[$1] : $0 < $1 }.prefix(max(0, count)))
    }

    /// The wavelength, in positions, of a sinusoidal dimension: `2π · base^(2i/d)` for
    /// dimensions `2i` and `2i+1`.
    public static func wavelength(dimension: Int, dModel: Int, base: Double = 10_000) -> Double {
        2 * .pi * pow(base, Double(2 * (dimension / 2)) / Double(dModel))
    }

    /// True for the sinusoidal encoding.
    public var isSinusoidal: Bool {
        if case .sinusoidal = source { return true }
        return false
    }

    /// A short name for titles: "Sinusoidal encoding" or "Learned wpe of gpt2".
    public var name: String {
        switch source {
        case .sinusoidal: return "Sinusoidal positional encoding"
        case .learned(let model): return "Learned position embeddings (wpe) of \(model)"
        }
    }
}
