import Foundation
import Testing

/// `gptscope` restarts itself with OPENBLAS_CORETYPE set when OpenBLAS fell back to its SSE3
/// Prescott kernels on a CPU that can run AVX-512 (SkylakeX kernels) or AVX2 + FMA (Haswell).
/// OPENBLAS_VERBOSE=2 makes each load of OpenBLAS print "Core: NAME" on stderr.
@Suite("gptscope picks OpenBLAS kernels the CPU can run")
struct BLASKernelsCommandTests {
    static func flags() -> Set<Substring> {
        let text = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("flags") }),
              let colon = line.firstIndex(of: ":") else { return [] }
        return Set(line[line.index(after: colon)...].split(separator: " "))
    }

    @Test func restartsOnceWithFasterKernelsOnlyAfterThePrescottFallback() throws {
        let r = try CLIRunner.run(["--version"], environment: ["OPENBLAS_VERBOSE": "2"])
        #expect(r.exitCode == 0, "\(r.stderr)")
        #expect(r.stdout.contains("gptscope"))
        let cores = r.stderr.split(separator: "\n").compactMap { line in
            line.hasPrefix("Core: ") ? String(line.dropFirst(6)) : nil
        }
        let f = Self.flags()
        let avx512 = ["avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"].allSatisfy { f.contains(Substring($0)) }
        let avx2 = f.contains("avx2") && f.contains("fma")
        if cores.first == "Prescott" && (avx512 || avx2) {
            #expect(cores == ["Prescott", avx512 ? "SkylakeX" : "Haswell"], "\(r.stderr)")
        } else {
            // OpenBLAS knew the CPU (or it really is that old): no restart.
            #expect(cores.count == 1, "\(r.stderr)")
        }
        // A core type the user chose is kept, and nothing restarts.
        let chosen = try CLIRunner.run(["--version"], environment: ["OPENBLAS_VERBOSE": "2", "OPENBLAS_CORETYPE": "Prescott"])
        #expect(chosen.exitCode == 0)
        #expect(chosen.stderr.split(separator: "\n").filter { $0.hasPrefix("Core: ") } == ["Core: Prescott"], "\(chosen.stderr)")
    }
}
