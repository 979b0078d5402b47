import GPTModel
import TensorCore

/// The numbers behind the rotary-position figures, all taken from ``RotaryEmbedding`` (the code
/// the forward pass uses), never from a second copy of the formula.
public struct RotaryPositions: Sendable {
    /// The rotary embedding drawn (frequencies, dimensions, scaling).
    public let rotary: RotaryEmbedding

    /// The positions of a rotary embedding.
    public init(_ rotary: RotaryEmbedding) { self.rotary = rotary }

    /// Number of rotating dimension pairs, d/2.
    public var pairs: Int { rotary.dimensions / 2 }

    /// θ_i, radians per position, of each pair `[d/2]`, with the scaling applied.
    public var frequencies: [Double] { rotary.inverseFrequencies().map(Double.init) }

    /// θ_i without the scaling (`rope_type` default): `base^(−2i/d)`.
    public var unscaledFrequencies: [Double] {
        RotaryEmbedding(base: rotary.base, dimensions: rotary.dimensions).inverseFrequencies().map(Double.init)
    }

    /// The rotation angle `position · θ_i`, `[P, d/2]` row-major, float32 as the forward pass.
    public func angles(positions: Range<Int>) -> [Double] {
        let inverse = rotary.inverseFrequencies()
        return positions.flatMap { p in inverse.map { Double(Float(p) * $0) } }
    }

    /// `cos(position · θ_i)`, `[P, d/2]`, as the forward pass's table holds it.
    public func cosines(positions: Range<Int>) -> [Double] {
        rotary.table(startPosition: positions.lowerBound, count: positions.count).cosines.map(Double.init)
    }

    /// The score `rot(q, m) · rot(k, n)` of a query at `queryPosition` m and a key at each of
    /// `keyPositions` n, with q and k rotated by ``RotaryEmbedding/rotate(_:startPosition:)``.
    /// `query` and `key` have d values (one head's rotating part).
    public func scores(query: [Float], key: [Float], queryPosition m: Int, keyPositions: [Int]) -> [Double] {
        let d = rotary.dimensions
        precondition(query.count == d && key.count == d, "rotary scores: q and k need \(d) values")
        let q = rotary.rotate(Tensor(shape: [1, 1, d], scalars: query), startPosition: m).scalars  // [1, 1, d]
        return keyPositions.map { n in
            let k = rotary.rotate(Tensor(shape: [1, 1, d], scalars: key), startPosition: n).scalars  // [1, 1, d]
            return zip(q, k).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        }
    }

    /// `[P, P]`: the cosine between the all-ones vector rotated to position p and to position q,
    /// `(1 / (d/2)) · Σ_i cos((p − q)·θ_i)`, from the forward pass's float32 cos/sin table
    /// (cos pθ·cos qθ + sin pθ·sin qθ). It has the form of the sinusoidal encoding's cosine
    /// similarity, with the head's θ_i in place of 10000^(−2i/d_model).
    public func similarity(positions: Range<Int>) -> [Double] {
        let table = rotary.table(startPosition: positions.lowerBound, count: positions.count)
        let half = pairs, n = positions.count
        var out = [Double](repeating: 0, count: n * n)
        for p in 0 ..< n {
            for q in p ..< n {
                var sum = 0.0
                for i in 0 ..< half {
                    sum += Double(table.cosines[p * half + i]) * Double(table.cosines[q * half + i])
                        + Double(table.sines[p * half + i]) * Double(table.sines[q * half + i])
                }
                out[p * n + q] = sum / Double(max(half, 1))
                out[q * n + p] = out[p * n + q]
            }
        }
        return out
    }

    /// The score of the all-ones query and key at distances 0 ..< `distances`, the query
    /// `offset + Δ` positions in and the key at `offset`: `Σ_i 2·cos(Δ·θ_i)`, the curve whose
    /// envelope Su et al. (2021, §3.4.3) show decaying with distance.
    public func onesScores(distances: Int, offset: Int = 0) -> [Double] {
        let ones = [Float](repeating: 1, count: rotary.dimensions)
        return (0 ..< distances).map { delta in
            scores(query: ones, key: ones, queryPosition: offset + delta, keyPositions: [offset])[0]
        }
    }
}
