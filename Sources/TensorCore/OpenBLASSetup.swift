#if !canImport(Accelerate)
import CBLAS
import Foundation

/// One-time OpenBLAS configuration, done before the first matrix product.
///
/// Two choices, both measured on the benchmark machine (AMD EPYC Zen 5, 2 cores):
/// - OpenBLAS runs single-threaded; ``BLAS/gemm`` splits products over the cores itself,
///   because OpenBLAS' own worker threads spin after each call and starve the other kernels.
/// - Distribution builds of OpenBLAS (`DYNAMIC_ARCH`) pick their kernels from a table of CPUs
///   they know. OpenBLAS 0.3.21 (Debian 12) does not know Zen 4/5 and falls back to its AVX2
///   `Haswell` kernels, although the CPU has AVX-512: its `SkylakeX` kernels run `sgemm`
///   1.8× faster there (115 → 208 GFLOP/s per core). When the CPU reports AVX-512 and
///   OpenBLAS chose an AVX2 kernel set, we switch it, through the same `OPENBLAS_CORETYPE`
///   mechanism a user would set by hand (a value the user did set is left alone).
enum OpenBLASSetup {
    /// Evaluated once (Swift globals are initialised lazily and thread-safely).
    static let done: Void = {
        openblas_set_num_threads(1)
        upgradeToAVX512KernelsIfPossible()
    }()

    /// Kernel sets OpenBLAS falls back to on CPUs it does not recognise.
    private static let avx2KernelSets: Set<String> = ["haswell", "zen"]

    private static func upgradeToAVX512KernelsIfPossible() {
        guard ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] == nil,
              let current = coreName(), avx2KernelSets.contains(current.lowercased()),
              cpuHasAVX512(),
              let handle = dlopen(nil, RTLD_NOW),
              let quit = dlsym(handle, "gotoblas_dynamic_quit"),
              let initialize = dlsym(handle, "gotoblas_dynamic_init")
        else { return }  // not a DYNAMIC_ARCH build, or nothing better to choose: keep OpenBLAS' choice
        typealias Hook = @convention(c) () -> Void
        // `gotoblas_dynamic_init` re-reads OPENBLAS_CORETYPE after `gotoblas_dynamic_quit`
        // forgets the current kernel table. Nothing else has called BLAS yet (we are inside
        // the first call's one-time setup), so no product runs while the table changes.
        setenv("OPENBLAS_CORETYPE", "SkylakeX", 1)
        unsafeBitCast(quit, to: Hook.self)()
        unsafeBitCast(initialize, to: Hook.self)()
        unsetenv("OPENBLAS_CORETYPE")  // child processes choose for themselves
    }

    /// The kernel set OpenBLAS is using (`Haswell`, `SkylakeX`, …).
    static func coreName() -> String? {
        openblas_get_corename().map { String(cString: $0) }
    }

    /// Whether the kernel lists the AVX-512 subsets OpenBLAS' SkylakeX kernels use (F, DQ, BW, VL).
    private static func cpuHasAVX512() -> Bool {
        guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let flags = info.split(separator: "\n").first(where: { $0.hasPrefix("flags") })
        else { return false }
        let present = Set(flags.split(separator: " ").map(String.init))
        return ["avx512f", "avx512dq", "avx512bw", "avx512vl"].allSatisfy(present.contains)
    }
}
#endif
