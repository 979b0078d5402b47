/// `c += op(a) @ op(b)`, single-threaded (training runs one sequence per core): the weight
/// gradients of a linear layer (`dW += xᵀ @ dy`) and its input gradient (`dx += dy @ Wᵀ`).
///
/// `op(a): [M, K]`, `op(b): [K, N]`, `c: [M, N]`.
public func matmul(_ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false, addingInto c: inout Tensor) {
    precondition(a.rank == 2 && b.rank == 2 && c.rank == 2, "matmul(addingInto:) needs matrices")
    let (m, k) = transposeA ? (a.shape[1], a.shape[0]) : (a.shape[0], a.shape[1])
    let (kb, n) = transposeB ? (b.shape[1], b.shape[0]) : (b.shape[0], b.shape[1])
    precondition(k == kb && c.shape == [m, n], "matmul(addingInto:): \(a.shape) @ \(b.shape) into \(c.shape)")
    guard k > 0 else { return }
    a.withUnsafeBufferPointer { pa in
        b.withUnsafeBufferPointer { pb in
            c.withUnsafeMutableBufferPointer { pc in
                BLAS.gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                          a: pa.baseAddress!, lda: a.shape[1], b: pb.baseAddress!, ldb: b.shape[1],
                          beta: 1, c: pc.baseAddress!, ldc: n, parallel: false)
            }
        }
    }
}

/// Adds the column sums of `x` (`[N, C]`) into `sums` (`[C]`): a bias gradient, `db += Σ_rows dy`.
public func addColumnSums(_ x: Tensor, into sums: inout Tensor) {
    let width = sums.count
    precondition(x.shape.last == width, "addColumnSums: \(x.shape) into \(sums.shape)")
    let rows = width == 0 ? 0 : x.count / width
    x.withUnsafeBufferPointer { px in
        sums.withUnsafeMutableBufferPointer { ps in
            for r in 0 ..< rows {
                let row = px.baseAddress! + r * width
                for c in 0 ..< width { ps[c] += row[c] }
            }
        }
    }
}

/// `a += b` element by element (shapes must match): sums gradients from several paths or workers.
public func addInPlace(_ a: inout Tensor, _ b: Tensor) {
    precondition(a.shape == b.shape, "addInPlace: shapes differ \(a.shape) vs \(b.shape)")
    a.withUnsafeMutableBufferPointer { pa in
        b.withUnsafeBufferPointer { pb in
            for i in 0 ..< pa.count { pa[i] += pb[i] }
        }
    }
}
