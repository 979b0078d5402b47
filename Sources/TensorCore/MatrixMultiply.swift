#if canImport(Accelerate)
import Accelerate
#else
import CBLAS
#endif

/// Matrix products through BLAS `sgemm` (OpenBLAS on Linux, Accelerate on macOS).
///
/// Weights keep the checkpoint's `[in, out]` layout (GPT-2's `Conv1D`), so a linear layer is
/// `x @ W + b` with no transposition anywhere.
public enum BLAS {
    /// Configures the BLAS library now rather than at the first product: OpenBLAS runs
    /// single-threaded and its idle worker threads are stopped (see `OpenBLASSetup`). Programs
    /// call it first thing, so those threads do not spin through start-up. Idempotent.
    public static func prepare() {
        #if !canImport(Accelerate)
        _ = OpenBLASSetup.coreCount
        #endif
    }

    /// Raw row-major `C = alpha * op(A) @ op(B) + beta * C` on pointers, with leading dimensions,
    /// for kernels that multiply sub-matrices in place (one attention head's slice of Q, K, V).
    ///
    /// `op(A)` is `[m, k]`, `op(B)` is `[k, n]`, `C` is `[m, n]`.
    ///
    /// With OpenBLAS the product is split into row (or column) blocks over the cores here,
    /// with OpenBLAS itself single-threaded: its own worker threads spin after each call and
    /// starve the other kernels' threads. Pass `parallel: false` from inside a parallel loop.
    public static func gemm(
        transposeA: Bool = false, transposeB: Bool = false,
        m: Int, n: Int, k: Int, alpha: Float = 1,
        a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float = 0,
        c: UnsafeMutablePointer<Float>, ldc: Int,
        parallel: Bool = true
    ) {
        guard m > 0, n > 0 else { return }
        #if !canImport(Accelerate)
        let cores = OpenBLASSetup.coreCount
        if parallel, cores > 1, m * n * k >= 1 << 20, !Parallel.isSerial {
            let pa = UnsafeSendable(a), pb = UnsafeSendable(b), pc = UnsafeSendable(c)
            // Each piece packs (copies) its share of the split operand plus all of the other, so
            // a B far wider than A is tall (the [V, C] unembedding under a short prompt's rows)
            // is split by columns, not packed whole once per core.
            if m >= 4 * cores && n <= 4 * m {
                // Row blocks of C: rows of op(A).
                Parallel.forEach(cores) { chunk in
                    do {
                        let start = m * chunk / cores, end = m * (chunk + 1) / cores
                        let aStart = transposeA ? pa.value + start : pa.value + start * lda
                        gemm(transposeA: transposeA, transposeB: transposeB, m: end - start, n: n, k: k, alpha: alpha,
                             a: aStart, lda: lda, b: pb.value, ldb: ldb, beta: beta,
                             c: pc.value + start * ldc, ldc: ldc, parallel: false)
                    }
                }
            } else {
                // Column blocks of C: columns of op(B) (e.g. the output head for one token).
                Parallel.forEach(cores) { chunk in
                    do {
                        let start = n * chunk / cores, end = n * (chunk + 1) / cores
                        let bStart = transposeB ? pb.value + start * ldb : pb.value + start
                        gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: end - start, k: k, alpha: alpha,
                             a: pa.value, lda: lda, b: bStart, ldb: ldb, beta: beta,
                             c: pc.value + start, ldc: ldc, parallel: false)
                    }
                }
            }
            return
        }
        #endif
        if m == 1 {
            // One row (a generation step): a matrix-vector product. `sgemm` would first copy
            // ("pack") all of B, which for a weight matrix costs as much as the product itself.
            // Row-major C = a · op(B) is op(B)ᵀ · a: B read as [k, n] needs `Trans`, B stored
            // [n, k] (transposeB) does not. A transposed A has its one row's elements lda apart.
            cblas_sgemv(
                CblasRowMajor, transposeB ? CblasNoTrans : CblasTrans,
                blasInt(transposeB ? n : k), blasInt(transposeB ? k : n), alpha,
                b, blasInt(ldb), a, blasInt(transposeA ? lda : 1), beta, c, 1)
            return
        }
        cblas_sgemm(
            CblasRowMajor,
            transposeA ? CblasTrans : CblasNoTrans,
            transposeB ? CblasTrans : CblasNoTrans,
            blasInt(m), blasInt(n), blasInt(k), alpha,
            a, blasInt(lda), b, blasInt(ldb), beta, c, blasInt(ldc))
    }

    #if canImport(Accelerate)
    @inline(__always) static func blasInt(_ value: Int) -> Int32 { Int32(value) }
    #else
    @inline(__always) static func blasInt(_ value: Int) -> blasint { blasint(value) }
    #endif
}

/// `a @ b` for `a: [M, K]` and `b: [K, N]` (either optionally transposed): `-> [M, N]`.
public func matmul(_ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false) -> Tensor {
    precondition(a.rank == 2 && b.rank == 2, "matmul needs matrices, got \(a.shape) and \(b.shape)")
    let (m, k) = transposeA ? (a.shape[1], a.shape[0]) : (a.shape[0], a.shape[1])
    let (kb, n) = transposeB ? (b.shape[1], b.shape[0]) : (b.shape[0], b.shape[1])
    precondition(k == kb, "matmul inner dimensions differ: \(a.shape) @ \(b.shape)")
    if k == 0 { return Tensor(shape: [m, n]) }
    return Tensor(shape: [m, n]) { c in
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                BLAS.gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                          a: pa.baseAddress!, lda: a.shape[1],
                          b: pb.baseAddress!, ldb: b.shape[1],
                          c: c.baseAddress!, ldc: n)
            }
        }
    }
}

/// A linear layer in the checkpoint's layout: `x @ weight + bias`.
///
/// `x: [T, in]`, `weight: [in, out]` (GPT-2's Conv1D), or `[out, in]` with `outInLayout`
/// (PyTorch's `nn.Linear`: `x @ weightᵀ`), `bias: [out]` (or nil) `-> [T, out]`.
public func linear(_ x: Tensor, weight: Tensor, bias: Tensor?, outInLayout: Bool = false) -> Tensor {
    let inAxis = outInLayout ? 1 : 0
    precondition(x.rank == 2 && weight.rank == 2 && x.shape[1] == weight.shape[inAxis],
                 "linear: \(x.shape) @ \(weight.shape)")
    let rows = x.shape[0], inWidth = weight.shape[inAxis], outWidth = weight.shape[1 - inAxis]
    if let bias { precondition(bias.shape == [outWidth], "linear bias \(bias.shape) for width \(outWidth)") }
    return Tensor(shape: [rows, outWidth]) { out in
        guard rows > 0, outWidth > 0 else { return }
        let c = out.baseAddress!
        // Start from the bias broadcast over rows, then accumulate x @ W into it (beta = 1).
        if let bias {
            bias.withUnsafeBufferPointer { b in
                for r in 0 ..< rows { (c + r * outWidth).update(from: b.baseAddress!, count: outWidth) }
            }
        }
        if inWidth == 0 {
            if bias == nil { out.initialize(repeating: 0) }
            return
        }
        x.withUnsafeBufferPointer { px in
            weight.withUnsafeBufferPointer { pw in
                BLAS.gemm(transposeB: outInLayout, m: rows, n: outWidth, k: inWidth,
                          a: px.baseAddress!, lda: inWidth, b: pw.baseAddress!, ldb: weight.shape[1],
                          beta: bias == nil ? 0 : 1, c: c, ldc: outWidth)
            }
        }
    }
}
