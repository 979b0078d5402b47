extension HeadScores {
    /// Scores computed elsewhere (one layer at a time), `scores[layer][head]`.
    init(kind: HeadScoreKind, scores: [[Double]]) {
        self.kind = kind
        self.scores = scores
    }
}
