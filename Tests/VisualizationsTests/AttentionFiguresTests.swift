import Charts
import Foundation
import GPTModel
import TensorCore
import Testing
import Tokenization
@testable import Visualizations

/// A `PromptAnalysis` whose attention patterns are written by hand: the fixture GPT-2 (2 layers,
/// 2 heads) with a recorded cache replaced by known 3-token patterns.
enum HandAttention {
    /// Head 0 = [[1,0,0],[1,0,0],[.4,.6,0]], head 1 = identity; mean = [[1,0,0],[.5,.5,0],[.2,.3,.5]].
    static let head0: [Float] = [1, 0, 0, 1, 0, 0, 0.4, 0.6, 0]
    static let head1: [Float] = [1, 0, 0, 0, 1, 0, 0, 0, 1]

    static let model: GPT = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("GPTModelTests/Fixtures/models/gpt2-fullvocab")
        return try! GPT.load(directory: url)
    }()

    /// Both layers get the same pattern; ids [5, 7, 5] repeat token 5.
    static func analysis(ids: [Int] = [5, 7, 5]) -> PromptAnalysis {
        var cache = ActivationCache()
        for layer in 0..<2 { cache[.pattern(layer)] = Tensor(shape: [2, 3, 3], scalars: head0 + head1) }
        let tokens = TokenizedText(ids: ids, tokenBytes: [Array(" the".utf8), Array(" cat".utf8), Array("华".utf8)],
                                   isSpecial: [false, false, false])
        return PromptAnalysis(model: model, modelName: "hand", tokens: tokens, cache: cache,
                              logits: Tensor(shape: [3, 1]), tokenizer: nil)
    }

    /// Causal softmax patterns from a fixed pseudo-random sequence, `[2, t, t]` per layer, and
    /// the analysis holding them (ids given).
    static func pseudoRandom(ids: [Int]) -> PromptAnalysis {
        let t = ids.count
        var state: UInt64 = 42
        var cache = ActivationCache()
        for layer in 0..<2 {
            var w = [Float](repeating: 0, count: 2 * t * t)
            for h in 0..<2 {
                for q in 0..<t {
                    let logits = (0...q).map { _ -> Float in
                        state = state &* 6364136223846793005 &+ 1442695040888963407
                        return Float(state >> 40) / Float(1 << 24) * 4
                    }
                    let e = logits.map { exp($0) }, sum = e.reduce(0, +)
                    for k in 0...q { w[(h * t + q) * t + k] = e[k] / sum }
                }
            }
            cache[.pattern(layer)] = Tensor(shape: [2, t, t], scalars: w)
        }
        let tokens = TokenizedText(ids: ids, tokenBytes: ids.map { Array("t\($0)".utf8) }, isSpecial: ids.map { _ in false })
        return PromptAnalysis(model: model, modelName: "random", tokens: tokens, cache: cache,
                              logits: Tensor(shape: [t, 1]), tokenizer: nil)
    }

    /// The first heatmap of the figure's panels.
    static func heatmaps(_ figure: Figure) -> [Heatmap] {
        figure.panels.compactMap { panel -> Heatmap? in
            guard case .axes(let axes) = panel.content else { return nil }
            return axes.artists.first as? Heatmap
        }
    }

    /// The content of every `<text>` element of an SVG, with font-fallback `<tspan>`s removed.
    static func texts(_ svg: String) -> [String] {
        let element = try! Regex("<text[^>]*>(.*?)</text>")
        return svg.matches(of: element).map { match in
            String(svg[match.range]).replacing(try! Regex("<[^>]+>"), with: "")
                .replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
        }
    }

    static func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }
}

@Suite struct AttentionFiguresTests {
    @Test func singleHeadIsOneImageWithLabelsValuesAndMask() throws {
        let figure = try AttentionFigures.head(HandAttention.analysis(), layer: 1, head: 0)
        let svg = try figure.svg()
        // One raster for the cells plus one for the colorbar's gradient.
        #expect(HandAttention.count("<image ", in: svg) == 2)
        #expect(svg.contains("hand · layer 1, head 0"))
        let texts = HandAttention.texts(svg)
        for label in ["·the", "·cat", "华", "masked (future)", "1.00", "0.40", "0.60"] {
            #expect(texts.contains(label), "missing \(label)")
        }
        let h = try #require(HandAttention.heatmaps(figure).first)
        #expect(h.rows == 3 && h.columns == 3)
        // Future cells are NaN (masked), the past keeps its weights, all within 0…1.
        #expect(h[0, 1].isNaN && h[0, 2].isNaN && h[1, 2].isNaN)
        #expect(h[2, 0] == Double(Float(0.4)) && h[1, 0] == 1 && h[1, 1] == 0)
        #expect(h.values.filter { !$0.isNaN }.allSatisfy { (0...1).contains($0) })
        // A masked cell and a zero weight get different pixels.
        let image = h.rasterImage()
        func pixel(_ r: Int, _ c: Int) -> [UInt8] { Array(image.rgba[((r * 3 + c) * 4)..<((r * 3 + c) * 4 + 4)]) }
        #expect(pixel(0, 1) != pixel(1, 1))
        #expect(pixel(0, 1) == pixel(1, 2))
    }

    @Test func rangeShowsAWindowOfQueriesAndKeys() throws {
        let figure = try AttentionFigures.head(HandAttention.analysis(), layer: 0, head: 0, range: 1..<3)
        let h = try #require(HandAttention.heatmaps(figure).first)
        #expect(h.rows == 2 && h.rowLabels == ["·cat", "华"])
        #expect(h[0, 0] == 0 && h[1, 0] == Double(Float(0.6)) && h[0, 1].isNaN)
        #expect(figure.footnote?.contains("position 1") == true)
    }

    @Test func layerGridHasOnePanelPerHeadAndSharedColorbar() throws {
        let figure = try AttentionFigures.layer(HandAttention.analysis(), layer: 0)
        #expect(figure.panels.count == 2)
        #expect(figure.colorbar?.maskedLabel == "masked (future)")
        let svg = try figure.svg()
        #expect(svg.contains("head 0") && svg.contains("head 1") && HandAttention.texts(svg).contains("·cat"))
    }

    @Test func modelGridIsLayersTimesHeadsWithLabels() throws {
        let figure = try AttentionFigures.model(HandAttention.analysis())
        #expect(figure.panels.count == 4)
        #expect(figure.rowLabels == ["L0", "L1"] && figure.columnLabels == ["H0", "H1"])
        let svg = try figure.svg()
        // 4 thumbnails + the shared colorbar.
        #expect(HandAttention.count("<image ", in: svg) == 5)
        #expect(svg.contains(">L1<") && svg.contains(">H1<"))
    }

    @Test func longGridsThinTheirLabelsButKeepEveryEnd() throws {
        // 60 positions in 2×1 panels cannot label every row: every k-th position (a 1-2-5
        // step), numbered, with the first (0) and last (59) always there, on every panel.
        let analysis = HandAttention.pseudoRandom(ids: Array(100..<160))
        for figure in [try AttentionFigures.layer(analysis, layer: 0), try AttentionFigures.aggregate(analysis, kind: .rollout),
                       try AttentionFigures.aggregate(analysis, kind: .max)] {
            let texts = HandAttention.texts(try figure.svg())
            let labels = texts.filter { $0.hasSuffix(" t\(Int($0.split(separator: " ").first ?? "") .map { $0 + 100 } ?? -1)") }
            // Two axes on each of two panels.
            #expect(texts.filter { $0 == "0 t100" }.count == 4 && texts.filter { $0 == "59 t159" }.count == 4)
            let positions = Set(labels.compactMap { Int($0.split(separator: " ")[0]) })
            let step = try #require(positions.sorted().dropFirst().first)
            #expect([2, 5, 10].contains(step))
            // Every multiple of the step, then the last; only the multiple nearest 59 may give way.
            let multiples = Set(stride(from: 0, to: 60, by: step))
            #expect(positions.subtracting(multiples) == [59])
            #expect(multiples.subtracting(positions).allSatisfy { 59 - $0 < step })
        }
        // The whole model numbers the outer thumbnails' rows and columns.
        let model = HandAttention.texts(try AttentionFigures.model(analysis).svg())
        #expect(model.contains("0") && model.contains("59"))
    }

    @Test func gridsDefaultToTheSquareRootScale() throws {
        let analysis = HandAttention.analysis()
        for figure in [try AttentionFigures.head(analysis, layer: 0, head: 0), try AttentionFigures.layer(analysis, layer: 0),
                       try AttentionFigures.model(analysis), try AttentionFigures.aggregate(analysis, kind: .mean)] {
            let heatmap = try #require(HandAttention.heatmaps(figure).first)
            #expect(heatmap.mapping.normalize == .power(0.5, 0, 1))
            // The image and its colorbar share one mapping.
            let colorbar = try #require(figure.colorbar ?? figure.panels.compactMap { p -> Colorbar? in
                if case .axes(let a) = p.content { return a.colorbar } else { return nil } }.first)
            #expect(colorbar.mapping == heatmap.mapping)
            #expect(colorbar.label == "attention weight (square-root scale)")
        }
        let log = try AttentionFigures.layer(analysis, layer: 0, scale: .log)
        #expect(HandAttention.heatmaps(log).first?.mapping.normalize == .log(1e-4, 1))
        #expect(log.footnote?.contains("0.0001") == true)
    }

    @Test func maxPoolingKeepsThinLinesAndMask() {
        // 4×4 lower-triangular identity, pooled 2×2: diagonal blocks keep 1, the upper block is
        // all masked (NaN), the lower-left block holds only zeros.
        let n = Double.nan
        let m: [Double] = [1, n, n, n, 0, 1, n, n, 0, 0, 1, n, 0, 0, 0, 1]
        let (v, size) = AttentionFigures.maxPooled(m, size: 4, factor: 2)
        #expect(size == 2)
        #expect(v[0] == 1 && v[1].isNaN && v[2] == 0 && v[3] == 1)
    }

    @Test func meanAndMaxAggregatesByHand() throws {
        let a = HandAttention.analysis()
        let mean = try AttentionFigures.aggregateMatrices(a, kind: .mean)
        let max = try AttentionFigures.aggregateMatrices(a, kind: .max)
        #expect(mean.count == 2 && max.count == 2)
        // mean row 2 = [.2, .3, .5]; max row 1 = [1, 1, masked].
        #expect(abs(mean[0][6] - 0.2) < 1e-6 && abs(mean[0][7] - 0.3) < 1e-6 && abs(mean[0][8] - 0.5) < 1e-6)
        #expect(max[0][3] == 1 && max[0][4] == 1 && max[0][5].isNaN)
    }

    @Test func rolloutThreeTokensByHand() throws {
        // Ā = [[1,0,0],[.5,.5,0],[.2,.3,.5]];  Ã = (Ā + I)/2 = [[1,0,0],[.25,.75,0],[.1,.15,.75]].
        // After layer 1: Ã·Ã, row 1 = .25·[1,0,0] + .75·[.25,.75,0] = [.4375, .5625, 0];
        // row 2 = .1·[1,0,0] + .15·[.25,.75,0] + .75·[.1,.15,.75] = [.2125, .225, .5625].
        let r = try AttentionFigures.aggregateMatrices(HandAttention.analysis(), kind: .rollout)
        let expected0: [Double] = [1, .nan, .nan, 0.25, 0.75, .nan, 0.1, 0.15, 0.75]
        let expected1: [Double] = [1, .nan, .nan, 0.4375, 0.5625, .nan, 0.2125, 0.225, 0.5625]
        for (got, want) in zip(r[0] + r[1], expected0 + expected1) {
            #expect(got.isNaN == want.isNaN && (want.isNaN || abs(got - want) < 1e-6), "\(got) vs \(want)")
        }
        // A window of the rollout is the same numbers, windowed (causal rows ignore later keys).
        let window = try AttentionFigures.aggregateMatrices(HandAttention.analysis(), kind: .rollout, range: 1..<3)
        #expect(abs(window[1][2] - 0.225) < 1e-6 && abs(window[1][3] - 0.5625) < 1e-6 && abs(window[1][0] - 0.5625) < 1e-6)
    }

    @Test func aggregateFigureHasOnePanelPerLayer() throws {
        for kind in AttentionAggregate.allCases {
            let figure = try AttentionFigures.aggregate(HandAttention.analysis(), kind: kind)
            #expect(figure.panels.count == 2)
            #expect(figure.title?.contains(kind.title) == true)
            let svg = try figure.svg()
            #expect(HandAttention.count("<image ", in: svg) == 3)
        }
    }

    @Test func errorsNameTheProblem() throws {
        let a = HandAttention.analysis()
        #expect(throws: AttentionFigureError.layerOutOfRange(layer: 2, layers: 2)) { try AttentionFigures.head(a, layer: 2, head: 0) }
        #expect(throws: AttentionFigureError.headOutOfRange(head: 5, heads: 2)) { try AttentionFigures.head(a, layer: 0, head: 5) }
        #expect(throws: AttentionFigureError.badRange(lower: 2, upper: 9, tokens: 3)) { try AttentionFigures.model(a, range: 2..<9) }
        #expect(throws: AttentionFigureError.queryOutOfRange(query: 0, lower: 1, upper: 3)) {
            try AttentionFigures.headView(a, layer: 0, query: 0, range: 1..<3)
        }
        let empty = PromptAnalysis(model: a.model, modelName: "x", tokens: a.tokens, cache: ActivationCache(), logits: a.logits, tokenizer: nil)
        #expect(throws: AttentionFigureError.missingPattern(layer: 0)) { try AttentionFigures.layer(empty, layer: 0) }
        #expect(AttentionFigureError.layerOutOfRange(layer: 2, layers: 2).description.contains("0…1"))
    }
}
