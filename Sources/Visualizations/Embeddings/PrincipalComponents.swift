/// Principal component analysis of a few rows (words) of a wide matrix (embedding width):
/// the directions in which the rows differ most, and each row's coordinates along them.
///
/// The rows are centred (the mean row subtracted); the eigenvectors of the smaller of the two
/// Gram matrices (`X Xᵀ`, rows × rows, or `Xᵀ X`, columns × columns) give the components, so a
/// dozen 768-wide word vectors need only a 12 × 12 eigen-decomposition (`SymmetricEigen`).
/// Signs follow scikit-learn (≥ 1.5): each component's largest-magnitude loading is positive.
public struct PrincipalComponents: Sendable {
    /// Unit component vectors, `[k][columns]`, most variance first.
    public let components: [[Double]]
    /// Each row's coordinates along the components, `[rows][k]`.
    public let scores: [[Double]]
    /// Variance along each component (eigenvalue / (rows − 1)).
    public let explainedVariance: [Double]
    /// Each component's share of the total variance.
    public let explainedVarianceRatio: [Double]
    /// The mean row that was subtracted.
    public let mean: [Double]

    /// Fits `components` principal components to the row-major `[rows, columns]` `values`.
    public static func fit(_ values: [Double], rows: Int, columns: Int, components k: Int = 2) throws(EmbeddingError) -> PrincipalComponents {
        precondition(values.count == rows * columns, "PCA: \(values.count) values for [\(rows), \(columns)]")
        guard rows > k, columns >= k else { throw .tooFewWords(rows, needed: k + 1) }
        var mean = [Double](repeating: 0, count: columns)
        for r in 0..<rows { for c in 0..<columns { mean[c] += values[r * columns + c] } }
        mean = mean.map { $0 / Double(rows) }
        var x = values                                                      // [N, D], centred
        for r in 0..<rows { for c in 0..<columns { x[r * columns + c] -= mean[c] } }

        var comps: [[Double]] = [], eigen: [Double] = []
        var total = 0.0
        if rows <= columns {
            // G = X Xᵀ [N, N]; its eigenvectors u give components Xᵀu / |Xᵀu|.
            let g = gram(x, count: rows, length: columns, vectorStride: columns, entryStride: 1)
            total = g.trace
            let e = SymmetricEigen(g.matrix, n: rows)
            for m in 0..<k {
                var v = [Double](repeating: 0, count: columns)                // Xᵀ u  [D]
                for r in 0..<rows { for c in 0..<columns { v[c] += x[r * columns + c] * e.vectors[m][r] } }
                let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
                comps.append(norm > 0 ? v.map { $0 / norm } : v)
                eigen.append(max(0, e.values[m]))
            }
        } else {
            // C = Xᵀ X [D, D]; its eigenvectors are the components.
            let cov = gram(x, count: columns, length: rows, vectorStride: 1, entryStride: columns)
            total = cov.trace
            let e = SymmetricEigen(cov.matrix, n: columns)
            comps = Array(e.vectors.prefix(k))
            eigen = e.values.prefix(k).map { max(0, $0) }
        }
        // scikit-learn's sign rule: the largest |loading| of each component is positive.
        comps = comps.map { v in
            let i = v.indices.max { abs(v[$0]) < abs(v[$1]) } ?? 0
            return v[i] < 0 ? v.map { -$0 } : v
        }
        let scores = (0..<rows).map { r in
            comps.map { v in (0..<columns).reduce(0) { $0 + x[r * columns + $1] * v[$1] } }
        }
        return PrincipalComponents(components: comps, scores: scores,
                                   explainedVariance: eigen.map { $0 / Double(rows - 1) },
                                   explainedVarianceRatio: eigen.map { total > 0 ? $0 / total : 0 }, mean: mean)
    }

    /// The Gram matrix `[count, count]` of `count` vectors of `length` entries read from `x`
    /// (entry k of vector i at `i·vectorStride + k·entryStride`: the rows of X for X Xᵀ, its
    /// columns for Xᵀ X), and its trace, the total sum of squares.
    private static func gram(_ x: [Double], count: Int, length: Int, vectorStride: Int, entryStride: Int) -> (matrix: [Double], trace: Double) {
        var g = [Double](repeating: 0, count: count * count)
        for i in 0..<count {
            for j in i..<count {
                var s = 0.0
                for k in 0..<length { s += x[i * vectorStride + k * entryStride] * x[j * vectorStride + k * entryStride] }
                g[i * count + j] = s; g[j * count + i] = s
            }
        }
        return (g, (0..<count).reduce(0) { $0 + g[$1 * count + $1] })
    }
}
