#if !canImport(Accelerate)
import CBLAS
#if canImport(Glibc)
import Glibc
#endif

/// One-time OpenBLAS configuration, done before the first matrix product.
///
/// OpenBLAS runs single-threaded; ``BLAS/gemm`` splits products over the cores itself, because
/// OpenBLAS' own worker threads spin after each call and starve the other kernels' threads, and
/// two of our threads each calling a multi-threaded OpenBLAS would oversubscribe the cores.
enum OpenBLASSetup {
    /// The number of pieces ``BLAS/gemm`` splits a product into. Read on every call so that its
    /// first read configures OpenBLAS (Swift globals are initialised lazily, once, and
    /// thread-safely). A value the caller uses, deliberately: an unused global read can be
    /// optimised away together with the setup it should trigger — which is what happened to an
    /// earlier `_ = singleThreaded` under `-Ounchecked`, leaving OpenBLAS multi-threaded.
    static let coreCount: Int = {
        openblas_set_num_threads(1)
        stopWorkerThreads()
        return Parallel.coreCount
    }()

    /// Ends the worker threads the pthreads build of OpenBLAS starts when it is loaded.
    ///
    /// Lowering the thread count does not stop them: each spins on `sched_yield` for about
    /// 0.1 s (OpenBLAS' thread timeout) before it sleeps, which in a profile of `gptscope report`
    /// was 3% of the CPU time, taken from the model load and the forward pass. With one thread,
    /// OpenBLAS never hands work to them again. The symbol is looked up, not linked: builds
    /// without it (serial or OpenMP OpenBLAS) have no such threads.
    private static func stopWorkerThreads() {
        #if os(Linux)
        typealias Shutdown = @convention(c) () -> Int32
        if let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "blas_thread_shutdown_") {
            _ = unsafeBitCast(symbol, to: Shutdown.self)()
        }
        #endif
    }
}
#endif
