/// The peak bytes a piece of work would allocate, added up from its sizes before anything is
/// allocated, with what to change when it does not fit.
///
/// Every size is multiplied in `Double`: the estimate is only compared and reported, so it must
/// stay meaningful for sizes whose byte count would overflow `Int` (a `--context` of 10¹⁸, a
/// batch of 10⁹ sequences), where checked integer arithmetic could only say "too big".
///
/// ```swift
/// var estimate = MemoryEstimate(subject: "60,000 tokens")
/// estimate.add("attention scores", 2, 12, 60_000, 60_000, bytesPerElement: 4)   // [2, NH, T, T]
/// try MemoryBudget(availableBytes: 8e9).check(estimate)   // throws: 345.6 GB needed
/// ```
public struct MemoryEstimate: Sendable, Equatable {
    /// One allocation (or group of allocations alive at the same time).
    public struct Part: Sendable, Equatable {
        /// What it holds, e.g. "attention scores and pattern [2, NH, T, T]".
        public var name: String
        /// Its size in bytes.
        public var bytes: Double
    }

    /// What the work is, for the refusal: "60,000 tokens, every hook recorded".
    public var subject: String
    /// The allocations, largest first once ``largestParts`` sorts them.
    public private(set) var parts: [Part] = []
    /// What would make the work smaller, in the order worth trying.
    public var hints: [MemoryHint]

    /// An empty estimate for `subject`.
    public init(subject: String, hints: [MemoryHint] = []) {
        self.subject = subject
        self.hints = hints
    }

    /// The total in bytes.
    public var bytes: Double { parts.reduce(0) { $0 + $1.bytes } }

    /// Adds `name`: the product of `counts` elements of `bytesPerElement` bytes each (multiplied
    /// in `Double`, so no count can overflow).
    public mutating func add(_ name: String, _ counts: Int..., bytesPerElement: Double) {
        parts.append(Part(name: name, bytes: counts.reduce(bytesPerElement) { $0 * Double($1) }))
    }

    /// Adds `name` of `bytes` bytes.
    public mutating func add(_ name: String, bytes: Double) {
        parts.append(Part(name: name, bytes: bytes))
    }

    /// Adds every part of `other` (its subject and hints are dropped).
    public mutating func add(_ other: MemoryEstimate) {
        parts += other.parts
    }

    /// The parts from largest to smallest.
    public var largestParts: [Part] { parts.sorted { $0.bytes > $1.bytes } }

    /// Bytes in binary units as the refusal prints them: `14.2 GiB`, `512.0 MiB`, `3.0 KiB`.
    public static func format(_ bytes: Double) -> String {
        for (scale, unit) in [(1 << 40, "TiB"), (1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")] where bytes >= Double(scale) {
            let value = bytes / Double(scale)
            // A size past a million TiB (an overflowing request) reads better as a power of ten.
            return value >= 1e6 ? String(format: "%.1e \(unit)", value) : String(format: "%.1f \(unit)", value)
        }
        return String(format: "%.0f B", bytes)
    }
}
