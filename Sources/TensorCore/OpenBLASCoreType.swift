#if !canImport(Accelerate)
import CBLAS
import Foundation

/// OpenBLAS chooses its kernels once, when it is loaded, from the CPU's family and model. A CPU
/// newer than the installed OpenBLAS is not recognised and gets the fallback, the 2004 SSE3
/// "Prescott" kernels: Debian 12's OpenBLAS 0.3.21 does this on an Intel Emerald Rapids (family 6,
/// model 207), where a GPT-2 small forward at T = 1,024 then spends twice as long in `sgemm` as
/// with the AVX-512 kernels the CPU can run. `OPENBLAS_CORETYPE` overrides the choice, but only if
/// it is set before the library loads, so a program that wants it must restart itself with it
/// set (``BLAS/replacementCoreType()`` says whether and with what).
extension BLAS {
    /// The OpenBLAS kernel family this process is using, e.g. "Haswell", "SkylakeX", "Prescott".
    public static var coreType: String {
        openblas_get_corename().map { String(cString: $0) } ?? "unknown"
    }

    /// The kernel family to restart with, or nil when nothing needs to change: OpenBLAS fell
    /// back to Prescott, `OPENBLAS_CORETYPE` was not set by the user, and the CPU's flags (from
    /// `/proc/cpuinfo`) show AVX-512 (→ "SkylakeX") or AVX2 with FMA (→ "Haswell").
    public static func replacementCoreType(environment: [String: String] = ProcessInfo.processInfo.environment,
                                           cpuFlags: () -> Set<Substring>? = BLAS.cpuFlags) -> String? {
        guard environment["OPENBLAS_CORETYPE"] == nil, coreType.lowercased() == "prescott" else { return nil }
        return coreType(forFlags: cpuFlags() ?? [])
    }

    /// The newest kernel family of OpenBLAS 0.3.21 that every CPU with these flags can run, or nil.
    public static func coreType(forFlags flags: Set<Substring>) -> String? {
        // SkylakeX's kernels use AVX-512 F, CD, BW, DQ and VL.
        if ["avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"].allSatisfy({ flags.contains(Substring($0)) }) { return "SkylakeX" }
        if ["avx2", "fma"].allSatisfy({ flags.contains(Substring($0)) }) { return "Haswell" }
        return nil
    }

    /// The first processor's flags in `/proc/cpuinfo`, or nil where there is no such file.
    public static func cpuFlags() -> Set<Substring>? {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("flags") }),
              let colon = line.firstIndex(of: ":") else { return nil }
        return Set(line[line.index(after: colon)...].split(separator: " "))
    }
}
#endif
