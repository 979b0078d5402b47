import Charts
import Testing
@testable import Visualizations

/// The BertViz-style head view: one line per weight ≥ 0.01, tokens on both sides.
@Suite struct AttentionHeadViewTests {
    func lines(_ figure: Figure) throws -> [Stroke] {
        var found: Canvas?
        if case .canvas(let c) = figure.panels.first?.content { found = c }
        let canvas = try #require(found)
        return canvas.shapes.flatMap { shape -> [Stroke] in
            if case let .path(points, false, nil, stroke?) = shape, points.count == 2 { return [stroke] }
            if case let .lines(segments, width) = shape { return segments.map { Stroke($0.color, width: width) } }
            return []
        }
    }

    @Test func oneLinePerVisibleWeightWithOpacityOfTheWeight() throws {
        // Head 0 has four non-zero weights: (0,0)=1, (1,0)=1, (2,0)=.4, (2,1)=.6.
        let figure = try AttentionFigures.headView(HandAttention.analysis(), layer: 0, heads: [0])
        let strokes = try lines(figure)
        #expect(strokes.count == 4)
        let alphas = strokes.map { ($0.color.alpha * 100).rounded() / 100 }.sorted()
        #expect(alphas == [0.4, 0.6, 1, 1])
        let svg = try figure.svg()
        #expect(HandAttention.texts(svg).filter { $0 == "·cat" }.count == 2)  // left and right column
        #expect(svg.contains("head view") && svg.contains("query (attending)"))
    }

    @Test func severalHeadsAreSmallMultiplesNeverAnOverlay() throws {
        let figure = try AttentionFigures.headView(HandAttention.analysis(), layer: 1)
        // Head 0: 4 lines; head 1 (identity): 3 lines, each in its head's colour.
        let strokes = try lines(figure)
        #expect(strokes.count == 7)
        #expect(Set(strokes.map { $0.color.withAlpha(1) }) == [AttentionFigures.headColor(0), AttentionFigures.headColor(1)])
        // One panel per head, side by side: every token twice per panel, a title per panel,
        // and no two heads' lines share a span (head 1's lines all start right of head 0's).
        let svg = try figure.svg()
        #expect(HandAttention.texts(svg).filter { $0 == "·cat" }.count == 4)
        #expect(svg.contains(">head 0<") && svg.contains(">head 1<"))
        var found: Canvas?
        if case .canvas(let c) = figure.panels.first?.content { found = c }
        let segments = try #require(found).shapes.flatMap { shape -> [LineSegment] in
            if case let .lines(s, _) = shape { return s }
            return []
        }
        let x0 = segments.filter { $0.color.withAlpha(1) == AttentionFigures.headColor(0) }.map { max($0.from.x, $0.to.x) }.max() ?? 0
        let x1 = segments.filter { $0.color.withAlpha(1) == AttentionFigures.headColor(1) }.map { min($0.from.x, $0.to.x) }.min() ?? 0
        #expect(x1 > x0)
        #expect(figure.legend.isEmpty)
    }

    @Test func longRangesAreCappedWithANote() throws {
        // 200 positions asked for: the first 128 are drawn (128 token labels per side), and the
        // footnote says so.
        let a = AttentionSampleTests.analysis(tokens: 200)
        let figure = try AttentionFigures.headView(a, layer: 0, heads: [0], range: 0..<200)
        #expect(figure.footnote?.contains("Showing the first 128 of the 200 positions asked for") == true)
        var found: Canvas?
        if case .canvas(let c) = figure.panels.first?.content { found = c }
        let texts = try #require(found).shapes.filter { if case .text = $0 { return true } else { return false } }
        #expect(texts.count == 2 * 128 + 2)  // both columns + the query/key headers
    }

    @Test func queryHighlightDrawsOnlyItsLines() throws {
        let figure = try AttentionFigures.headView(HandAttention.analysis(), layer: 0, heads: [0], query: 2)
        #expect(try lines(figure).count == 2)
        #expect(figure.subtitle?.contains("Query 2") == true)
    }
}
