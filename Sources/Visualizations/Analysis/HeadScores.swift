/// Per-layer, per-head scores of how much each head behaves like a known kind of head.
///
/// Each kind names, for some queries q, the keys an ideal head of that kind attends to
/// (``HeadScoreKind/targets(ids:repeatQueries:)``). A head's score is the mean, over those
/// queries, of the attention it puts on the targets:
///
///     score = (1/|Q|) Σ_{q ∈ Q} Σ_{k ∈ targets(q)} P[q, k]
///
/// so an ideal head scores exactly 1, and a uniform causal head (P[q, k] = 1/(q+1)) scores the
/// kind's chance level, (1/|Q|) Σ_q |targets(q)|/(q+1) — about ln(T)/T for previous-token on
/// T tokens. A head earns the name ("previous-token head", "induction head") only when its
/// score is at least halfway from chance to ideal (``threshold``), on at least
/// ``minimumQueries`` scored queries.
public struct HeadScores: Sendable, Equatable {
    /// The scored kind.
    public let kind: HeadScoreKind
    /// `scores[layer][head]` in 0...1 (0 when the prompt has no query to score).
    public let scores: [[Double]]
    /// What a uniform causal head scores on this prompt.
    public let chance: Double
    /// How many queries were scored (|Q|).
    public let queries: Int

    /// Scores every head of every layer; `repeatQueries` as in ``HeadScoreKind/targets(ids:repeatQueries:)``.
    public init(kind: HeadScoreKind, patterns: [AttentionPattern], ids: [Int], repeatQueries: Range<Int>? = nil) throws(AnalysisError) {
        guard !patterns.isEmpty else { throw .noLayers }
        let t = patterns[0].tokens
        guard ids.count == t else { throw .tokenCountMismatch(ids: ids.count, tokens: t) }
        let targets = kind.targets(ids: ids, repeatQueries: repeatQueries)
        var rows: [[Double]] = []
        for (l, p) in patterns.enumerated() {
            guard p.tokens == t else { throw .layerMismatch(layer: l, tokens: p.tokens, expected: t) }
            rows.append((0..<p.heads).map { Self.score(p.head($0), targets: targets, tokens: t) })
        }
        self.init(kind: kind, scores: rows, chance: Self.chance(targets), queries: targets.count)
    }

    /// Scores computed elsewhere, with the chance level of the same targets.
    public init(kind: HeadScoreKind, scores: [[Double]], chance: Double, queries: Int) {
        self.kind = kind
        self.scores = scores
        self.chance = chance
        self.queries = queries
    }

    /// The mean over `targets` of the attention a row-major `[T, T]` pattern puts on each
    /// query's target keys (0 without targets).
    public static func score(_ pattern: [Double], targets: [HeadScoreKind.Target], tokens t: Int) -> Double {
        guard !targets.isEmpty else { return 0 }
        let sum = targets.reduce(0.0) { total, target in target.keys.reduce(total) { $0 + pattern[target.query * t + $1] } }
        return sum / Double(targets.count)
    }

    /// The score of a uniform causal head (query q gives 1/(q+1) to each of keys 0…q).
    public static func chance(_ targets: [HeadScoreKind.Target]) -> Double {
        guard !targets.isEmpty else { return 0 }
        return targets.reduce(0.0) { $0 + Double($1.keys.count) / Double($1.query + 1) } / Double(targets.count)
    }

    /// The bar a head's score must reach to be called a head of the kind: halfway from chance to
    /// an ideal head, (1 + chance) / 2. Always ≥ 0.5, and ≥ 4 × chance whenever chance ≤ 1/7.
    public static func threshold(chance: Double) -> Double { (1 + chance) / 2 }

    /// ``threshold(chance:)`` for this prompt.
    public var threshold: Double { Self.threshold(chance: chance) }

    /// The fewest scored queries on which a head may be named: one or two repeats in a short
    /// prompt can put a single weight on a target by coincidence.
    public static let minimumQueries = 5

    /// Whether a score clears ``threshold`` on at least ``minimumQueries`` scored queries.
    public func clears(_ score: Double) -> Bool { queries >= Self.minimumQueries && score >= threshold }

    /// The `count` highest-scoring heads as (layer, head, score), best first.
    public func top(_ count: Int) -> [(layer: Int, head: Int, score: Double)] {
        var all: [(layer: Int, head: Int, score: Double)] = []
        for (l, row) in scores.enumerated() { for (h, s) in row.enumerated() { all.append((l, h, s)) } }
        return Array(all.sorted { $0.score > $1.score }.prefix(max(0, count)))
    }

    /// Every head that clears ``threshold``, best first: the heads that may be called heads of the kind.
    public func named() -> [(layer: Int, head: Int, score: Double)] {
        top(Int.max).filter { clears($0.score) }
    }
}
