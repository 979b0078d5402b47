import Charts
import Testing
@testable import Visualizations

/// Head scores of hand-written patterns (TransformerLens head-detector definitions, "mul").
@Suite struct AttentionHeadScoresTests {
    func scores(_ kind: HeadScoreKind) throws -> [[Double]] {
        let all = try AttentionFigures.headScores(HandAttention.analysis())
        return try #require(all.first { $0.kind == kind }).scores
    }

    func close(_ a: [[Double]], _ b: [[Double]]) -> Bool {
        zip(a.flatMap { $0 }, b.flatMap { $0 }).allSatisfy { abs($0 - $1) < 1e-6 } && a.count == b.count
    }

    @Test func handWorkedScores() throws {
        // Head 0 = [[1,0,0],[1,0,0],[.4,.6,0]] (Σ = 3), head 1 = identity; ids [5, 7, 5].
        // previous-token: head 0 (1,0)+(2,1) = 1.6/3; head 1: 0.
        #expect(close(try scores(.previousToken), [[1.6 / 3, 0], [1.6 / 3, 0]]))
        // first-token: head 0 (0,0)+(1,0)+(2,0) = 2.4/3; head 1: (0,0) = 1/3.
        #expect(close(try scores(.firstToken), [[0.8, 1.0 / 3], [0.8, 1.0 / 3]]))
        // current-token: head 0 only (0,0) = 1/3; head 1: 1.
        #expect(close(try scores(.currentToken), [[1.0 / 3, 1], [1.0 / 3, 1]]))
        // duplicate-token: query 2 (id 5) to key 0 (id 5): head 0 .4/3.
        #expect(close(try scores(.duplicateToken), [[0.4 / 3, 0], [0.4 / 3, 0]]))
        // induction: query 2 to key 1 (the token after the earlier 5): head 0 .6/3.
        #expect(close(try scores(.induction), [[0.2, 0], [0.2, 0]]))
    }

    @Test func layerByLayerScoresAgreeWithTheAllLayersScorer() throws {
        // The figure code scores one layer at a time over sparse detection hits; HeadScores
        // (checked against TransformerLens in HeadScoreTests) scores all layers densely.
        let ids = [3, 9, 4, 3, 9, 4, 8]
        let a = HandAttention.pseudoRandom(ids: ids)
        let patterns = try AttentionFigures.patterns(a)
        for s in try AttentionFigures.headScores(a, kinds: HeadScoreKind.allCases) {
            let reference = try HeadScores(kind: s.kind, patterns: patterns, ids: ids)
            #expect(close(s.scores, reference.scores), "\(s.kind)")
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
        for text in ["previous-token", "induction", ">L1<", ">H1<", ">.80<", ">.20<", "Best heads"] {
            #expect(svg.contains(text), "missing \(text)")
        }
    }
}
