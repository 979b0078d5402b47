import Foundation

/// One axis tick: its data value, its label and whether it is a labelled major tick.
public struct Tick: Sendable, Hashable {
    /// Position in data units.
    public var value: Double
    /// Label text (empty for minor ticks).
    public var label: String
    /// Major ticks carry labels and grid lines; minor ticks are short marks only.
    public var isMajor: Bool

    /// Creates a tick.
    public init(value: Double, label: String, isMajor: Bool = true) {
        self.value = value; self.label = label; self.isMajor = isMajor
    }
}

/// Tick placement rules: 1-2-5 "nice" steps for linear axes and decades for log axes.
public enum Ticks {
    /// The smallest step of the form {1, 2, 5} × 10ⁿ that is at least `rawStep`.
    public static func niceStep(_ rawStep: Double) -> Double {
        guard rawStep > 0, rawStep.isFinite else { return 1 }
        let magnitude = pow(10, floor(log10(rawStep)))
        for factor in [1.0, 2.0, 5.0, 10.0] where factor * magnitude >= rawStep * (1 - 1e-9) {
            return factor * magnitude
        }
        return 10 * magnitude
    }

    /// Nice linear tick values covering `lower...upper` with about `target` intervals; the first
    /// and last values enclose the range (0...97, target 5 → 0, 20, 40, 60, 80, 100).
    public static func linear(_ lower: Double, _ upper: Double, target: Int = 5) -> (values: [Double], step: Double) {
        guard lower.isFinite, upper.isFinite else { return ([0, 1], 1) }
        var lo = min(lower, upper), hi = max(lower, upper)
        if hi - lo < 1e-12 * max(1, abs(hi)) {
            // A single value: show a unit-sized range around it.
            let pad = lo == 0 ? 1 : abs(lo) * 0.1
            lo -= pad; hi += pad
        }
        let step = niceStep((hi - lo) / Double(max(1, target)))
        let first = floor(lo / step + 1e-9), last = ceil(hi / step - 1e-9)
        let values = stride(from: first, through: last, by: 1).map { clean($0 * step, step) }
        return (values, step)
    }

    /// Decade ticks 10ᵏ covering `lower...upper` (both > 0); with more than `maxMajor` decades
    /// every second (third, …) decade is labelled. Minor ticks at 2×, 5× when few decades are shown.
    public static func log(_ lower: Double, _ upper: Double, maxMajor: Int = 8) -> [Tick] {
        guard lower > 0, upper > 0, lower.isFinite, upper.isFinite else { return [] }
        let lo = Int(floor(log10(min(lower, upper)) + 1e-9)), hi = Int(ceil(log10(max(lower, upper)) - 1e-9))
        let decades = max(1, hi - lo)
        let every = max(1, Int(ceil(Double(decades + 1) / Double(max(2, maxMajor)))))
        var ticks: [Tick] = []
        for k in lo...max(lo + 1, hi) {
            let v = pow(10, Double(k))
            let major = (k - lo) % every == 0
            ticks.append(Tick(value: v, label: major ? NumberFormat.tick(v, step: v) : "", isMajor: major))
            if decades <= 4, k < max(lo + 1, hi) {
                for m in [2.0, 5.0] { ticks.append(Tick(value: m * v, label: "", isMajor: false)) }
            }
        }
        return ticks
    }

    /// Which of `count` categories get a labelled tick when labels need at least `minimumStride`
    /// categories between them: every k-th from the first, k the smallest 1-2-5 step ≥
    /// `minimumStride` (so a reader can count: 0, 10, 20, …), and always the last; the tick
    /// before the last is dropped when it would sit closer than `minimumStride` to it. At least
    /// the first category is always labelled.
    ///
    /// 128 categories, minimum stride 7 → k = 10: 0, 10, …, 110, 127 (120 is 7 from 127, kept);
    /// 4 categories, minimum stride 2: 0, 3 (2 would collide with 3).
    public static func bandIndices(count: Int, minimumStride: Int) -> [Int] {
        guard count > 0 else { return [] }
        let s = max(1, minimumStride)
        if s == 1 { return Array(0..<count) }
        let k = Int(niceStep(Double(s)))
        var indices = Array(stride(from: 0, to: count, by: k))
        let last = count - 1
        guard indices.last != last else { return indices }
        while let previous = indices.last, previous > 0, last - previous < s { indices.removeLast() }
        if last - (indices.last ?? 0) >= s { indices.append(last) }
        return indices
    }

    /// Rounds away floating-point dust (0.30000000000000004 → 0.3).
    private static func clean(_ v: Double, _ step: Double) -> Double {
        let decimals = max(0, Int(ceil(-log10(step))) + 1)
        let f = pow(10, Double(min(decimals, 15)))
        return (v * f).rounded() / f
    }
}
