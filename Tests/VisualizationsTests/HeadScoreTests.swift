import Testing
@testable import Visualizations

/// Head scores on hand-worked cases: an ideal head of each kind scores exactly 1, a uniform
/// causal head (row q gives 1/(q+1) to each key 0…q) scores the stated chance level, worked out
/// here by hand as the mean over the scored queries of |targets|/(q+1).
struct HeadScoreTests {
    static func uniform(_ t: Int) -> [Double] {
        var w = [Double](repeating: 0, count: t * t)
        for q in 0..<t { for k in 0...q { w[q * t + k] = 1 / Double(q + 1) } }
        return w
    }

    /// A pattern whose row q puts weight `rows[q][k]` on key k (other keys 0).
    static func pattern(_ t: Int, _ rows: [Int: [Int: Double]]) -> [Double] {
        var w = [Double](repeating: 0, count: t * t)
        for (q, row) in rows { for (k, v) in row { w[q * t + k] = v } }
        return w
    }

    func score(_ kind: HeadScoreKind, _ p: [Double], ids: [Int], repeatQueries: Range<Int>? = nil) throws -> HeadScores {
        try HeadScores(kind: kind, patterns: [AttentionPattern(heads: 1, tokens: ids.count, weights: p)], ids: ids, repeatQueries: repeatQueries)
    }

    func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) < 1e-12 }

    @Test func previousFirstAndCurrentTokenIdealHeadsScoreOneAndUniformScoresChance() throws {
        let ids = [10, 11, 12, 13]
        // Queries 1, 2, 3 are scored; chance = (1/2 + 1/3 + 1/4) / 3 = 13/36 for all three kinds.
        let chance = 13.0 / 36
        let previous = Self.pattern(4, [0: [0: 1], 1: [0: 1], 2: [1: 1], 3: [2: 1]])
        let first = Self.pattern(4, [0: [0: 1], 1: [0: 1], 2: [0: 1], 3: [0: 1]])
        let current = Self.pattern(4, [0: [0: 1], 1: [1: 1], 2: [2: 1], 3: [3: 1]])
        for (kind, ideal) in [(HeadScoreKind.previousToken, previous), (.firstToken, first), (.currentToken, current)] {
            let s = try score(kind, ideal, ids: ids)
            #expect(s.scores == [[1]], "\(kind)")
            #expect(s.queries == 3)
            #expect(close(s.chance, chance), "\(kind)")
            #expect(close(try score(kind, Self.uniform(4), ids: ids).scores[0][0], chance), "\(kind)")
        }
        // A previous-token head half on the previous token, half on itself: (1/2) on each of 3 queries.
        let half = Self.pattern(4, [0: [0: 1], 1: [0: 0.5, 1: 0.5], 2: [1: 0.5, 2: 0.5], 3: [2: 0.5, 3: 0.5]])
        #expect(close(try score(.previousToken, half, ids: ids).scores[0][0], 0.5))
        // The first-token ideal head scores 1/3 on previous-token (only query 1's key 0 is q-1).
        #expect(close(try score(.previousToken, first, ids: ids).scores[0][0], 1.0 / 3))
    }

    @Test func duplicateTokenIdealHeadScoresOneAndUniformScoresChance() throws {
        // ids A B A B A: query 2 -> key 0, query 3 -> key 1, query 4 -> keys 0 and 2.
        let ids = [5, 7, 5, 7, 5]
        #expect(HeadScoreKind.duplicateToken.targets(ids: ids) == [
            .init(query: 2, keys: [0]), .init(query: 3, keys: [1]), .init(query: 4, keys: [0, 2])])
        let ideal = Self.pattern(5, [0: [0: 1], 1: [0: 1], 2: [0: 1], 3: [1: 1], 4: [0: 0.5, 2: 0.5]])
        let s = try score(.duplicateToken, ideal, ids: ids)
        #expect(s.scores == [[1]])
        // Chance = (1/3 + 1/4 + 2/5) / 3 = 59/180.
        #expect(close(s.chance, 59.0 / 180))
        #expect(close(try score(.duplicateToken, Self.uniform(5), ids: ids).scores[0][0], 59.0 / 180))
    }

    @Test func inductionIdealHeadOnRepeatedPromptScoresOne() throws {
        // ids = r + r with r = [3, 9, 4]: queries 3, 4, 5 look at keys 1, 2, 3 (the token after
        // the earlier occurrence). The first half parks its attention on token 0.
        let ids = [3, 9, 4, 3, 9, 4]
        #expect(HeadScoreKind.induction.targets(ids: ids) == [
            .init(query: 3, keys: [1]), .init(query: 4, keys: [2]), .init(query: 5, keys: [3])])
        let ideal = Self.pattern(6, [0: [0: 1], 1: [0: 1], 2: [0: 1], 3: [1: 1], 4: [2: 1], 5: [3: 1]])
        let s = try score(.induction, ideal, ids: ids)
        #expect(s.scores == [[1]])
        // Chance = (1/4 + 1/5 + 1/6) / 3 = 37/180.
        #expect(close(s.chance, 37.0 / 180))
        #expect(close(try score(.induction, Self.uniform(6), ids: ids).scores[0][0], 37.0 / 180))
        // The ideal induction head is no duplicate-token head: it never looks at the earlier copy itself.
        #expect(try score(.duplicateToken, ideal, ids: ids).scores == [[0]])
        #expect(throws: AnalysisError.self) { try HeadScores(kind: .induction, patterns: [AttentionPattern(heads: 1, tokens: 6, weights: ideal)], ids: [1, 2]) }
    }

    @Test func repeatQueriesLimitTheScoredQueriesToTheSecondCopy() throws {
        // A prefix "8 8" then r + r with r = [3, 9]: query 1 repeats token 0, but its induction
        // target would be itself (k + 1 = q), so induction skips it; duplicate-token scores it
        // unless the queries are limited to the second copy, positions 4…5.
        let ids = [8, 8, 3, 9, 3, 9]
        #expect(HeadScoreKind.induction.targets(ids: ids) == [.init(query: 4, keys: [3]), .init(query: 5, keys: [4])])
        #expect(HeadScoreKind.duplicateToken.targets(ids: ids).map(\.query) == [1, 4, 5])
        #expect(HeadScoreKind.duplicateToken.targets(ids: ids, repeatQueries: 4..<6).map(\.query) == [4, 5])
        // Uniform, second copy only: (1/5 + 1/6) / 2 = 11/60.
        let s = try score(.duplicateToken, Self.uniform(6), ids: ids, repeatQueries: 4..<6)
        #expect(close(s.chance, 11.0 / 60) && close(s.scores[0][0], 11.0 / 60))
        // No repeats: nothing to score, score and chance 0, and no head is ever named.
        let none = try score(.induction, Self.uniform(3), ids: [1, 2, 3])
        #expect(none.queries == 0 && none.scores == [[0]] && none.chance == 0 && !none.clears(0))
    }

    @Test func aHeadIsNamedOnlyAtLeastHalfwayFromChanceToOne() throws {
        #expect(HeadScores.threshold(chance: 0) == 0.5)
        // Chance 13/36 (previous-token on 4 tokens), bar (1 + 13/36) / 2 = 49/72 ≈ 0.6806.
        let s = HeadScores(kind: .previousToken, scores: [[0.68, 0.69], [0.2, 1]], chance: 13.0 / 36, queries: 5)
        #expect(close(s.threshold, 49.0 / 72))
        #expect(!s.clears(0.68) && s.clears(0.69))
        // The same scores on 4 queries name no head: too few to tell a head from a coincidence.
        let few = HeadScores(kind: .previousToken, scores: [[1]], chance: 13.0 / 36, queries: 4)
        #expect(few.named().isEmpty && !few.clears(1))
        #expect(s.named().map { [$0.layer, $0.head] } == [[1, 1], [0, 1]])
        #expect(s.top(1).first?.score == 1)
        // On a long prompt the bar is at least 4 × chance (chance ≤ 1/7): 128 tokens, previous-token.
        let long = HeadScoreKind.previousToken.targets(ids: Array(0..<128))
        let chance = HeadScores.chance(long)
        #expect(chance < 1.0 / 7 && HeadScores.threshold(chance: chance) >= 4 * chance)
    }

    @Test func repeatedRandomTokensPrompt() {
        let ids = RepeatedTokensPrompt.ids(length: 20, range: 100..<50_000, seed: 7, prefix: [50256])
        #expect(ids.count == 41)
        #expect(ids.first == 50256)
        #expect(Array(ids[1...20]) == Array(ids[21...40]))
        #expect(ids.dropFirst().allSatisfy { (100..<50_000).contains($0) })
        #expect(ids == RepeatedTokensPrompt.ids(length: 20, range: 100..<50_000, seed: 7, prefix: [50256]))
        #expect(ids != RepeatedTokensPrompt.ids(length: 20, range: 100..<50_000, seed: 8, prefix: [50256]))
        // SplitMix64's published first output for seed 0.
        var state: UInt64 = 0
        #expect(RepeatedTokensPrompt.splitMix64(&state) == 0xE220_A839_7B1D_CDAF)
    }
}
