import Foundation

/// The memory a command may plan to use, compared with an estimate before anything is allocated.
///
/// ``system()`` reads what the machine has free now (Linux's `MemAvailable`: free memory plus
/// caches the kernel can drop); tests and the command line can pass any other amount.
public struct MemoryBudget: Sendable, Equatable {
    /// Bytes available.
    public var availableBytes: Double

    /// A budget of `availableBytes`.
    public init(availableBytes: Double) {
        self.availableBytes = availableBytes
    }

    /// What this machine has available now: `MemAvailable` from `/proc/meminfo`, or three
    /// quarters of the physical memory where that file does not exist (macOS).
    public static func system() -> MemoryBudget {
        if let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8), let kib = memAvailableKiB(text) {
            return MemoryBudget(availableBytes: Double(kib) * 1024)
        }
        return MemoryBudget(availableBytes: Double(ProcessInfo.processInfo.physicalMemory) / 4 * 3)
    }

    /// The `MemAvailable:` line of a `/proc/meminfo` text, in KiB.
    static func memAvailableKiB(_ meminfo: String) -> Int? {
        for line in meminfo.split(separator: "\n") where line.hasPrefix("MemAvailable:") {
            return line.split(separator: " ").dropFirst().first.flatMap { Int($0) }
        }
        return nil
    }

    /// Whether `estimate` fits.
    public func fits(_ estimate: MemoryEstimate) -> Bool {
        estimate.bytes <= availableBytes
    }

    /// Throws ``MemoryError/exceedsAvailable(estimate:availableBytes:)`` unless `estimate` fits.
    public func check(_ estimate: MemoryEstimate) throws(MemoryError) {
        guard fits(estimate) else { throw .exceedsAvailable(estimate: estimate, availableBytes: availableBytes) }
    }

    /// The largest `n` in `1 ... upper` whose estimate fits, or nil when even 1 does not
    /// (`estimate` must grow with `n`), found by bisection: about log₂(upper) estimates.
    public func largest(upTo upper: Int, _ estimate: (Int) -> MemoryEstimate) -> Int? {
        guard upper >= 1, fits(estimate(1)) else { return nil }
        var (low, high) = (1, upper)   // estimate(low) fits; the answer is in low ... high
        while low < high {
            let middle = low + (high - low + 1) / 2
            if fits(estimate(middle)) { low = middle } else { high = middle - 1 }
        }
        return low
    }
}
