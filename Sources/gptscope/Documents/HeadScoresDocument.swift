import Visualizations

/// What `gptscope attention --kind scores --json` prints (`gptscope.head-scores/1`): per kind,
/// every head's score, the chance level, the bar a head must reach to be named after the kind,
/// and the heads that reach it.
struct HeadScoresDocument: Encodable {
    /// A head that clears its kind's bar.
    struct Head: Encodable {
        var layer: Int
        var head: Int
        var score: Double
    }

    /// One score kind.
    struct Kind: Encodable {
        var kind: String
        /// How the score is computed, in words.
        var definition: String
        /// Number of scored queries.
        var queries: Int
        /// The first and one-past-last scored query position, when limited (--repeat: the second copy).
        var queryRange: [Int]?
        /// What a uniform causal head scores on this prompt.
        var chance: Double
        /// (1 + chance) / 2: the score a head needs to be called a head of this kind.
        var bar: Double
        /// `scores[layer][head]`, 1 = an ideal head.
        var scores: [[Double]]
        /// The heads at or above the bar, best first.
        var named: [Head]

        enum CodingKeys: String, CodingKey { case kind, definition, queries, queryRange = "query_range", chance, bar, scores, named }
    }

    var schema = "gptscope.head-scores/1"
    var model: String
    var tokens: Int
    var kinds: [Kind]

    init(model: String, tokens: Int, scores: [HeadScores], repeatQueries: Range<Int>?) {
        self.model = model
        self.tokens = tokens
        self.kinds = scores.map { s in
            let limited = s.kind.needsRepeats ? repeatQueries : nil
            return Kind(kind: s.kind.rawValue, definition: AttentionFigures.scoreDefinition(s.kind, queries: s.queries, repeatQueries: limited),
                        queries: s.queries, queryRange: limited.map { [$0.lowerBound, $0.upperBound] }, chance: s.chance,
                        bar: s.threshold, scores: s.scores, named: s.named().map { Head(layer: $0.layer, head: $0.head, score: $0.score) })
        }
    }
}
