import TensorCore

/// How two vectors' similarity is measured in the similarity matrices.
public enum SimilarityMeasure: String, Sendable, CaseIterable {
    /// `a·b / (|a| |b|)`, from −1 to 1; 1 on the diagonal.
    case cosine
    /// The plain dot product `a·b` (its scale depends on the vectors' lengths).
    case dot

    /// Words for subtitles and colorbars.
    public var label: String {
        switch self {
        case .cosine: return "cosine similarity"
        case .dot: return "dot product"
        }
    }

    /// The `[N, N]` matrix of similarities between the rows of the row-major `[N, D]` `values`.
    ///
    /// One BLAS product (`X Xᵀ`), so time is N²·D multiply-adds; a zero row's cosine
    /// similarities are 0 (it has no direction).
    public func matrix(_ values: [Double], rows: Int, columns: Int) -> [Double] {
        precondition(values.count == rows * columns, "similarity: \(values.count) values for [\(rows), \(columns)]")
        guard rows > 0 else { return [] }
        let x = Tensor(shape: [rows, columns], scalars: values.map(Float.init))      // [N, D]
        let gram = matmul(x, x, transposeB: true).scalars.map(Double.init)            // [N, D] @ [D, N] -> [N, N]
        guard self == .cosine else { return gram }
        let norms = (0..<rows).map { gram[$0 * rows + $0].squareRoot() }
        var out = gram
        for i in 0..<rows {
            for j in 0..<rows {
                let n = norms[i] * norms[j]
                out[i * rows + j] = n > 0 ? gram[i * rows + j] / n : 0
            }
        }
        return out
    }
}
