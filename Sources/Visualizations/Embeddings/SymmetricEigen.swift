import Foundation

/// Eigenvalues and eigenvectors of a small real symmetric matrix by the cyclic Jacobi method:
/// rotations zero the off-diagonal entries one pair at a time until they vanish. Exact to
/// rounding and simple; O(n³) per sweep, so meant for the few-dozen-row matrices of a PCA
/// over chosen words, not for a model-sized covariance.
public struct SymmetricEigen: Sendable {
    /// Eigenvalues, largest first.
    public let values: [Double]
    /// Unit eigenvectors, `vectors[k]` belonging to `values[k]`.
    public let vectors: [[Double]]

    /// Decomposes the row-major `n × n` symmetric `matrix` (only its upper triangle is read).
    public init(_ matrix: [Double], n: Int) {
        precondition(matrix.count == n * n, "SymmetricEigen: \(matrix.count) values for \(n) × \(n)")
        var a = matrix
        for i in 0..<n { for j in 0..<i { a[i * n + j] = a[j * n + i] } }
        var v = [Double](repeating: 0, count: n * n)
        for i in 0..<n { v[i * n + i] = 1 }
        let scale = max(1e-300, a.reduce(0) { $0 + $1 * $1 }.squareRoot())
        for _ in 0..<100 {
            var off = 0.0
            for i in 0..<n { for j in (i + 1)..<max(i + 1, n) { off += a[i * n + j] * a[i * n + j] } }
            if off.squareRoot() <= 1e-15 * scale { break }
            for p in 0..<n {
                for q in (p + 1)..<max(p + 1, n) where a[p * n + q] != 0 {
                    // The rotation angle that zeroes a[p][q] (Golub & Van Loan, Algorithm 8.4.2).
                    let theta = (a[q * n + q] - a[p * n + p]) / (2 * a[p * n + q])
                    let t = (theta >= 0 ? 1 : -1) / (abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot(), s = t * c
                    for k in 0..<n {
                        let akp = a[k * n + p], akq = a[k * n + q]
                        a[k * n + p] = c * akp - s * akq
                        a[k * n + q] = s * akp + c * akq
                    }
                    for k in 0..<n {
                        let apk = a[p * n + k], aqk = a[q * n + k]
                        a[p * n + k] = c * apk - s * aqk
                        a[q * n + k] = s * apk + c * aqk
                    }
                    for k in 0..<n {
                        let vkp = v[k * n + p], vkq = v[k * n + q]
                        v[k * n + p] = c * vkp - s * vkq
                        v[k * n + q] = s * vkp + c * vkq
                    }
                }
            }
        }
        let order = (0..<n).sorted { a[$0 * n + $0] > a[$1 * n + $1] }
        values = order.map { a[$0 * n + $0] }
        vectors = order.map { k in (0..<n).map { v[$0 * n + k] } }
    }
}
