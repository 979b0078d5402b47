import TensorCore

/// The attention weights of one layer, `[NH, T, T]` row-major: head, query (row), key (column).
///
/// Causal: a query attends only to itself and earlier keys, so the entries above the diagonal
/// are zero (figures draw them as masked, not as zero weights). Each row of each head sums to 1.
public struct AttentionPattern: Sendable, Equatable {
    /// Number of heads (NH).
    public let heads: Int
    /// Number of positions (T); queries and keys are the same positions.
    public let tokens: Int
    /// Dense row-major weights (float32 as recorded, or hand-made Doubles), or the recorded
    /// pattern's packed lower triangle. Figures read a layer a head at a time: unpacking whole
    /// layers at T = 1,024 (50 MB, 100 MB as Double) for each figure drawn in parallel was what
    /// set the report's peak memory.
    private let storage: Storage

    private enum Storage: Sendable, Equatable {
        case dense([Float])
        /// Hand-made weights, kept exact.
        case exact([Double])
        case packed(CausalScores)
    }

    /// Creates a pattern from row-major `[heads, tokens, tokens]` weights.
    public init(heads: Int, tokens: Int, weights: [Float]) throws(AnalysisError) {
        guard heads > 0, tokens > 0, weights.count == heads * tokens * tokens else {
            throw .shapeMismatch(expected: [heads, tokens, tokens], count: weights.count)
        }
        self.heads = heads; self.tokens = tokens; storage = .dense(weights)
    }

    /// Creates a pattern from `Double` weights (hand-made cases), kept in double precision.
    public init(heads: Int, tokens: Int, weights: [Double]) throws(AnalysisError) {
        guard heads > 0, tokens > 0, weights.count == heads * tokens * tokens else {
            throw .shapeMismatch(expected: [heads, tokens, tokens], count: weights.count)
        }
        self.heads = heads; self.tokens = tokens; storage = .exact(weights)
    }

    /// A recorded `hook_pattern` kept packed (shared, not copied); the whole sequence from position 0.
    public init(packed pattern: CausalScores) throws(AnalysisError) {
        guard pattern.heads > 0, pattern.queries > 0, pattern.past == 0 else {
            throw .shapeMismatch(expected: [pattern.heads, pattern.queries, pattern.queries], count: pattern.count)
        }
        heads = pattern.heads; tokens = pattern.queries; storage = .packed(pattern)
    }

    /// Row-major `[heads, tokens, tokens]` weights (a packed pattern is unpacked: prefer
    /// ``head(_:)`` or the subscript for long sequences).
    public var weights: [Float] {
        switch storage {
        case .dense(let w): w
        case .exact(let w): w.map(Float.init)
        case .packed(let p): p.unpacked().scalars
        }
    }

    /// The weight with which `query` attends to `key` in `head`.
    public subscript(head: Int, query: Int, key: Int) -> Double {
        switch storage {
        case .dense(let w): Double(w[(head * tokens + query) * tokens + key])
        case .exact(let w): w[(head * tokens + query) * tokens + key]
        case .packed(let p): Double(p[head: head, query: query, key: key])
        }
    }

    /// One head's `[T, T]` matrix, row-major.
    public func head(_ h: Int) -> [Double] {
        switch storage {
        case .dense(let w): w[(h * tokens * tokens)..<((h + 1) * tokens * tokens)].map(Double.init)
        case .exact(let w): Array(w[(h * tokens * tokens)..<((h + 1) * tokens * tokens)])
        case .packed(let p): p.head(h).withUnsafeBufferPointer { $0.map(Double.init) }
        }
    }

    /// The positions `range` of every head: queries and keys both restricted, `[NH, R, R]`.
    /// Rows are not renormalised (weights to keys before the range are simply not shown).
    public func restricted(to range: Range<Int>) -> AttentionPattern {
        let r = range.clamped(to: 0..<tokens)
        var w: [Double] = []
        w.reserveCapacity(heads * r.count * r.count)
        for h in 0..<heads { for q in r { for k in r { w.append(self[h, q, k]) } } }
        if case .exact = storage { return AttentionPattern(unchecked: heads, r.count, exact: w) }
        return AttentionPattern(unchecked: heads, r.count, w.map(Float.init))   // float32 values, exactly
    }

    /// The mean over heads, `[T, T]` row-major.
    public var meanOverHeads: [Double] {
        var m = [Double](repeating: 0, count: tokens * tokens)
        for h in 0..<heads { for (i, v) in head(h).enumerated() { m[i] += v } }
        return m.map { $0 / Double(heads) }
    }

    /// The maximum over heads, `[T, T]` row-major.
    public var maxOverHeads: [Double] {
        var m = head(0)
        for h in 1..<heads { for (i, v) in head(h).enumerated() { m[i] = max(m[i], v) } }
        return m
    }

    init(unchecked heads: Int, _ tokens: Int, _ weights: [Float]) {
        self.heads = heads; self.tokens = tokens; storage = .dense(weights)
    }

    init(unchecked heads: Int, _ tokens: Int, exact weights: [Double]) {
        self.heads = heads; self.tokens = tokens; storage = .exact(weights)
    }
}
