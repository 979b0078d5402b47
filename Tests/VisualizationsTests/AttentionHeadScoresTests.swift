import Charts
import Testing
@testable import Visualizations

/// Head scores of hand-written patterns (1 = ideal head, chance = uniform head).
@Suite struct AttentionHeadScoresTests {
    func scores(_ kind: HeadScoreKind) throws -> [[Double]] {
        let all = try AttentionFigures.headScores(HandAttention.analysis())
        return try #require(all.first { $0.kind == kind }).scores
    }

    func close(_ a: [[Double]], _ b: [[Double]]) -> Bool {
        zip(a.flatMap { $0 }, b.flatMap { $0 }).allSatisfy { abs($0 - $1) < 1e-6 } && a.count == b.count
    }

    @Test func handWorkedScores() throws {
        // Head 0 = [[1,0,0],[1,0,0],[.4,.6,0]], head 1 = identity; ids [5, 7, 5]; queries 1 and 2
        // are scored for the position kinds, query 2 (a repeat of token 0) for the repeat kinds.
        // previous-token: head 0 (P[1,0] + P[2,1]) / 2 = (1 + .6) / 2; head 1: 0.
        #expect(close(try scores(.previousToken), [[0.8, 0], [0.8, 0]]))
        // first-token: head 0 (P[1,0] + P[2,0]) / 2 = .7; head 1: 0.
        #expect(close(try scores(.firstToken), [[0.7, 0], [0.7, 0]]))
        // current-token: head 0 0; head 1 (P[1,1] + P[2,2]) / 2 = 1.
        #expect(close(try scores(.currentToken), [[0, 1], [0, 1]]))
        // duplicate-token: query 2 to key 0: head 0 .4.
        #expect(close(try scores(.duplicateToken), [[0.4, 0], [0.4, 0]]))
        // induction: query 2 to key 1 (the token after the earlier 5): head 0 .6.
        #expect(close(try scores(.induction), [[0.6, 0], [0.6, 0]]))
        // Chance: (1/2 + 1/3) / 2 = 5/12 for the position kinds, 1/3 for the repeat kinds.
        let all = try AttentionFigures.headScores(HandAttention.analysis())
        let expected: [Double] = [5.0 / 12, 5.0 / 12, 5.0 / 12, 1.0 / 3, 1.0 / 3]
        #expect(all.count == expected.count)
        for (s, c) in zip(all, expected) { #expect(abs(s.chance - c) < 1e-12, "\(s.kind)") }
    }

    @Test func layerByLayerScoresAgreeWithTheAllLayersScorer() throws {
        // The figure code scores one layer at a time over sparse targets; HeadScores (checked on
        // hand-worked cases in HeadScoreTests) scores all layers from the dense patterns.
        let ids = [3, 9, 4, 3, 9, 4, 8]
        let a = HandAttention.pseudoRandom(ids: ids)
        let patterns = try AttentionFigures.patterns(a)
        for s in try AttentionFigures.headScores(a, kinds: HeadScoreKind.allCases) {
            let reference = try HeadScores(kind: s.kind, patterns: patterns, ids: ids)
            #expect(close(s.scores, reference.scores), "\(s.kind)")
            #expect(s.chance == reference.chance && s.queries == reference.queries, "\(s.kind)")
        }
    }

    @Test func repeatKindsOnlyWhenThePromptRepeats() {
        #expect(AttentionFigures.scoreKinds(ids: [1, 2, 3]) == [.previousToken, .firstToken, .currentToken])
        #expect(AttentionFigures.scoreKinds(ids: [1, 2, 1]).contains(.induction))
    }

    @Test func figureHasAPanelPerKindWithValuesInCells() throws {
        let figure = try AttentionFigures.headScoresFigure(HandAttention.analysis())
        #expect(figure.panels.count == 5)
        let maps = HandAttention.heatmaps(figure)
        #expect(maps.allSatisfy { $0.rows == 2 && $0.columns == 2 && $0.values.allSatisfy { (0...1).contains($0) } })
        let svg = try figure.svg()
        // Bars: (1 + 5/12) / 2 = .71 (position kinds), (1 + 1/3) / 2 = .67 (repeat kinds). Head 0's
        // previous-token .80 and head 1's current-token 1.00 clear them, but on 2 queries (1 for
        // the repeat kinds), fewer than 5, so no head is named and no cell starred.
        for text in [">previous-token ", "chance .42 ", "bar .71<", ">induction ", "chance .33 ", "bar .67<", ">L1<", ">H1<", ">.80<", ">1.00<",
                     ">.70<", ">.60<", "no head clears its bar", "over the 1 query whose"] {
            #expect(svg.contains(text), "missing \(text)")
        }
        #expect(!svg.contains("★<"))
    }

    @Test func headsThatClearTheBarAreStarredAndNamed() throws {
        // The sample heads put 0.9 on their target plus 0.1 spread evenly: on 64 tokens (32
        // written twice) previous-token L0H0, first-token L0H1, induction L1H0 and current-token
        // L1H1 clear their bars (about .52) and are named; nothing else is.
        let figure = try AttentionFigures.headScoresFigure(AttentionSampleTests.analysis(tokens: 64))
        let svg = try figure.svg()
        for text in ["previous-token head L0H0", "first-token head L0H1", "current-token head L1H1", "induction head L1H0"] {
            #expect(figure.subtitle?.contains(text) == true, "missing \(text)")
        }
        #expect(HandAttention.count("★<", in: svg) == 4)
    }
}
