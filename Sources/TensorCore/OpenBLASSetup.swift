#if !canImport(Accelerate)
import CBLAS

/// One-time OpenBLAS configuration, done before the first matrix product.
///
/// OpenBLAS runs single-threaded; ``BLAS/gemm`` splits products over the cores itself, because
/// OpenBLAS' own worker threads spin after each call and starve the other kernels' threads, and
/// two of our threads each calling a multi-threaded OpenBLAS would oversubscribe the cores.
enum OpenBLASSetup {
    /// The number of pieces ``BLAS/gemm`` splits a product into. Read on every call so that its
    /// first read configures OpenBLAS (Swift globals are initialised lazily, once, and
    /// thread-safely). A value the caller uses, deliberately: TensorCore is built with
    /// `-Ounchecked`, where an unused global read (or a `precondition`) is optimised away
    /// together with the setup it should trigger — which is what happened to an earlier
    /// `_ = singleThreaded`, leaving OpenBLAS multi-threaded.
    static let coreCount: Int = {
        openblas_set_num_threads(1)
        return Parallel.coreCount
    }()
}
#endif
