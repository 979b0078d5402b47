#if !canImport(Accelerate)
import Foundation
import Testing
import TensorCore

/// Which OpenBLAS kernels a misdetected CPU is restarted with, from /proc/cpuinfo flag sets of real
/// CPUs (abridged to the flags that decide).
@Suite struct OpenBLASCoreTypeTests {
    @Test func avx512CPUsGetSkylakeXHaswellClassGetHaswellOlderGetNothing() {
        // Intel Emerald Rapids (the host where Debian 12's OpenBLAS 0.3.21 falls back to Prescott).
        let emeraldRapids: Set<Substring> = ["sse3", "avx", "avx2", "fma", "avx512f", "avx512dq", "avx512cd", "avx512bw", "avx512vl", "avx512_bf16"]
        #expect(BLAS.coreType(forFlags: emeraldRapids) == "SkylakeX")
        // AMD Zen 3: AVX2 and FMA, no AVX-512.
        #expect(BLAS.coreType(forFlags: ["sse3", "avx", "avx2", "fma", "bmi2"]) == "Haswell")
        // Xeon Phi (Knights Landing) has AVX-512 F and CD but not BW, DQ, VL: not SkylakeX's kernels.
        #expect(BLAS.coreType(forFlags: ["avx2", "fma", "avx512f", "avx512cd", "avx512er", "avx512pf"]) == "Haswell")
        // Core 2: SSE only.
        #expect(BLAS.coreType(forFlags: ["sse3", "ssse3", "sse4_1"]) == nil)
    }

    @Test func aUserSetCoreTypeIsNeverReplaced() {
        #expect(BLAS.replacementCoreType(environment: ["OPENBLAS_CORETYPE": "Haswell"], cpuFlags: { ["avx512f"] }) == nil)
    }

    /// Only the Prescott fallback is replaced: whatever this host's OpenBLAS chose, the answer
    /// follows from that choice and the flags.
    @Test func onlyThePrescottFallbackIsReplaced() {
        let flags: Set<Substring> = ["avx2", "fma"]
        let replacement = BLAS.replacementCoreType(environment: [:], cpuFlags: { flags })
        #expect(replacement == (BLAS.coreType.lowercased() == "prescott" ? "Haswell" : nil))
    }
}
#endif
