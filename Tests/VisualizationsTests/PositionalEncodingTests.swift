import Charts
import Foundation
import GPTModel
import Testing
@testable import Visualizations

/// Sinusoidal and learned position tables: values against the formula of Vaswani et al. (2017)
/// worked by hand and against numpy, similarity properties, errors, and the figures' SVG.
@Suite struct PositionalEncodingTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()

    static func reference() throws -> EmbeddingReference {
        let data = try Data(contentsOf: root.appendingPathComponent("VisualizationsTests/Fixtures/embedding_reference.json"))
        return try JSONDecoder().decode(EmbeddingReference.self, from: data)
    }

    static func model(_ name: String) throws -> GPT {
        try GPT.load(directory: root.appendingPathComponent("GPTModelTests/Fixtures/models/\(name)"))
    }

    @Test func sinusoidalValuesAtHandWorkedPoints() throws {
        let pe = try PositionTable.sinusoidal(positions: 12, dModel: 8)
        // Position 0: every sine is sin 0 = 0, every cosine cos 0 = 1.
        for i in 0..<4 {
            #expect(pe[0, 2 * i] == 0)
            #expect(pe[0, 2 * i + 1] == 1)
        }
        // Pair 0 has frequency 1: PE(1, 0) = sin 1 = 0.841471, PE(1, 1) = cos 1 = 0.540302.
        #expect(abs(pe[1, 0] - 0.8414709848) < 1e-9)
        #expect(abs(pe[1, 1] - 0.5403023059) < 1e-9)
        // Pair 1 of d = 8: 10000^(2/8) = 10, so PE(5, 2) = sin 0.5 and PE(5, 3) = cos 0.5.
        #expect(abs(pe[5, 2] - 0.4794255386) < 1e-9)
        #expect(abs(pe[5, 3] - 0.8775825619) < 1e-9)
        // Pair 3: 10000^(6/8) = 1000, so PE(10, 6) = sin 0.01, PE(10, 7) = cos 0.01.
        #expect(abs(pe[10, 6] - 0.0099998333) < 1e-9)
        #expect(abs(pe[10, 7] - 0.9999500004) < 1e-9)
        // Wavelengths: 2π for pair 0, 2π·10 for pair 1 (d = 8).
        #expect(abs(PositionTable.wavelength(dimension: 0, dModel: 8) - 2 * .pi) < 1e-12)
        #expect(abs(PositionTable.wavelength(dimension: 3, dModel: 8) - 20 * .pi) < 1e-9)
    }

    @Test func sinusoidalMatchesNumpy() throws {
        let ref = try Self.reference().sinusoid
        let pe = try PositionTable.sinusoidal(positions: ref.positions, dModel: ref.d_model)
        #expect(pe.values.count == ref.values.count)
        for (a, b) in zip(pe.values, ref.values) { #expect(abs(a - b) < 1e-12) }
        for (a, b) in zip(pe.similarity(.cosine), ref.cosine_similarity) { #expect(abs(a - b) < 1e-5) }
    }

    @Test func similarityIsSymmetricWithOnesOnTheDiagonal() throws {
        let sinusoidal = try PositionTable.sinusoidal(positions: 40, dModel: 16)
        let learned = try PositionTable.learned(Self.model("gpt2-fullvocab"), modelName: "gpt2-fullvocab")
        for table in [sinusoidal, learned] {
            let n = table.positions.count
            let s = table.similarity(.cosine)
            for p in 0..<n {
                #expect(abs(s[p * n + p] - 1) < 1e-5)
                for q in 0..<n { #expect(abs(s[p * n + q] - s[q * n + p]) < 1e-5) }
            }
        }
        // Sinusoidal cosine similarity is the mean of cos(ω (p − q)) over the d/2 frequencies.
        let s = sinusoidal.similarity(.cosine)
        for (p, q) in [(0, 7), (13, 2), (30, 39)] {
            let expected = (0..<8).map { cos(Double(p - q) / pow(10_000, Double(2 * $0) / 16)) }.reduce(0, +) / 8
            #expect(abs(s[p * 40 + q] - expected) < 1e-5)
        }
        // The dot product of a position with itself is d/2 (sin² + cos² = 1 per pair).
        let dot = sinusoidal.similarity(.dot)
        #expect(abs(dot[5 * 40 + 5] - 8) < 1e-4)
    }

    @Test func learnedTableIsTheCheckpointsWpe() throws {
        let model = try Self.model("gpt2-fullvocab")
        let table = try PositionTable.learned(model, modelName: "gpt2-fullvocab")
        #expect(table.positions == 0..<32)
        #expect(table.dimensions == 16)
        #expect(table[3, 7] == Double(model.embedding.positionTable.scalars[3 * 16 + 7]))
        let cut = try table.restricted(to: 10..<20)
        #expect(cut.positions == 10..<20)
        #expect(cut[12, 4] == table[12, 4])
    }

    @Test func highestVarianceDimensions() throws {
        // Dimension 2 swings ±3, dimension 0 ±1, dimension 1 is constant.
        let values: [Double] = [1, 5, 3, -1, 5, -3, 1, 5, 3, -1, 5, -3]
        let t = try PositionTable(source: .learned(modelName: "toy"), positions: 0..<4, dimensions: 3, values: values)
        #expect(t.highestVarianceDimensions(2) == [2, 0])
        #expect(abs(t.dimensionVariances[2] - 9) < 1e-12)
        #expect(t.dimensionVariances[1] == 0)
    }

    @Test func learnedColourScaleIgnoresRareOutliers() {
        // 199 values 1…199 and one outlier −1000: the 99th percentile of |value| (nearest rank,
        // index round(199 · 0.99) = 197 of the sorted magnitudes) is 198.
        let values = [-1000] + (1...199).map(Double.init)
        #expect(IndexedHeatmap.robustHalfRange(values) == 198)
        #expect(IndexedHeatmap.robustHalfRange([0.5, -2]) == 2)
    }

    @Test func selectionFindsTheSortedElementAtEveryRank() {
        // Against a full sort, on inputs that trip naive partitions: duplicates, sorted, reversed.
        var generator = SystemRandomNumberGenerator()
        let inputs: [[Double]] = [
            [3], [2, 1], [1, 1, 1, 1], Array(0..<50).map(Double.init), Array(0..<50).reversed().map(Double.init),
            (0..<101).map { _ in Double(Int.random(in: 0..<7, using: &generator)) },
            (0..<257).map { _ in Double.random(in: -1...1, using: &generator) },
        ]
        for input in inputs {
            let sorted = input.sorted()
            for k in input.indices {
                var scratch = input
                #expect(IndexedHeatmap.select(k, in: &scratch) == sorted[k])
            }
        }
    }

    @Test func badInputsGiveOneLineErrors() throws {
        #expect(throws: PositionalEncodingError.invalidModelWidth(7)) { try PositionTable.sinusoidal(positions: 10, dModel: 7) }
        #expect(throws: PositionalEncodingError.invalidModelWidth(0)) { try PositionTable.sinusoidal(positions: 10, dModel: 0) }
        #expect(throws: PositionalEncodingError.invalidPositionCount(0)) { try PositionTable.sinusoidal(positions: 0, dModel: 8) }
        let pe = try PositionTable.sinusoidal(positions: 10, dModel: 8)
        #expect(throws: PositionalEncodingError.rangeOutside(lower: 5, upper: 20, positions: 10)) { try pe.restricted(to: 5..<20) }
        #expect(throws: PositionalEncodingError.dimensionOutside(8, dimensions: 8)) { try PositionalEncodingFigure.curves(pe, dimensions: [0, 8]) }
        #expect(throws: PositionalEncodingError.malformedRange("3-9")) { try PositionRange.parse("3-9", count: 10) }
        #expect(throws: PositionalEncodingError.rangeOutside(lower: 4, upper: 2, positions: 10)) { try PositionRange.parse("4:2", count: 10) }
        #expect(try PositionRange.parse("2:", count: 10) == 2..<10)
        #expect(try PositionRange.parse(":3", count: 10) == 0..<3)
        for error in [PositionalEncodingError.invalidModelWidth(7), .invalidPositionCount(0), .malformedRange("x")] {
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func defaultCurvesShowSinCosPairsOfGrowingWavelength() throws {
        for (positions, d) in [(5, 16), (100, 512), (1024, 768)] {
            let pe = try PositionTable.sinusoidal(positions: positions, dModel: d)
            let dims = PositionalEncodingPanels.defaultDimensions(pe)
            #expect(dims.count >= 4 && dims.count % 2 == 0)
            for k in stride(from: 0, to: dims.count, by: 2) {
                #expect(dims[k] % 2 == 0 && dims[k + 1] == dims[k] + 1)  // a sine and its cosine
                if k > 0 { #expect(dims[k] > dims[k - 2]) }              // longer wavelength each pair
            }
        }
    }

    @Test func figuresAreOneImagePerHeatmapWithTextLabels() throws {
        let pe = try PositionTable.sinusoidal(positions: 64, dModel: 32)
        let heat = try PositionalEncodingFigure.heatmap(pe).svg()
        // One image for the 64 × 32 cells, one pixel per cell (plus the colorbar's gradient).
        #expect(SVGText.heatmapSizes(heat) == [[32, 64]])
        let texts = SVGText.texts(heat)
        #expect(texts.contains("dimension") && texts.contains("position") && texts.contains("PE value"))
        #expect(texts.contains { $0.hasPrefix("Sinusoidal positional encoding: positions 0–63 × 32 dimensions") })

        let sim = try PositionalEncodingFigure.similarity(pe).svg()
        #expect(SVGText.heatmapSizes(sim) == [[64, 64]])
        #expect(SVGText.texts(sim).contains { $0.contains("cosine similarity") })

        let curves = try PositionalEncodingFigure.curves(pe).svg()
        #expect(SVGText.imageSizes(curves).isEmpty)
        #expect(SVGText.texts(curves).contains("dim 0 sin, λ 6.28"))
        #expect(SVGText.texts(curves).contains("dim 1 cos, λ 6.28"))

        let learned = try PositionTable.learned(Self.model("gpt2-fullvocab"), modelName: "gpt2-fullvocab")
        let sinusoidal = try PositionTable.sinusoidal(positions: 32, dModel: 16)
        for kind in PositionalFigureKind.allCases {
            let svg = try PositionalEncodingFigure.comparison(kind, sinusoidal: sinusoidal, learned: learned).svg()
            #expect(SVGText.heatmapSizes(svg) == (kind == .curves ? [] : kind == .heatmap ? [[16, 32], [16, 32]] : [[32, 32], [32, 32]]))
            let t = SVGText.texts(svg)
            #expect(t.contains("Sinusoidal (fixed formula)") && t.contains("Learned (wpe) of gpt2-fullvocab"))
        }
        #expect(throws: PositionalEncodingError.widthMismatch(8, 16)) {
            try PositionalEncodingFigure.comparison(.heatmap, sinusoidal: try PositionTable.sinusoidal(positions: 32, dModel: 8), learned: learned)
        }
    }

    @Test func fullContextAndRangesRender() throws {
        let pe = try PositionTable.sinusoidal(positions: 1024, dModel: 64)
        for kind in PositionalFigureKind.allCases {
            let png = try PositionalEncodingFigure.figure(kind, pe).pngData(scale: 1)
            #expect(png.count > 1000 && png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        }
        let cut = try pe.restricted(to: 900..<1024)
        let svg = try PositionalEncodingFigure.heatmap(cut).svg()
        #expect(SVGText.texts(svg).contains { $0.contains("positions 900–1023") })
        #expect(SVGText.texts(svg).contains("1,000"))  // round position ticks, not every n-th row
    }
}

/// The numpy reference numbers written by Tests/Scripts/embedding_reference.py.
struct EmbeddingReference: Decodable {
    struct PCA: Decodable {
        var rows: Int?
        var columns: Int?
        var values: [Double]?
        var components: [[Double]]
        var scores: [[Double]]
        var explained_variance: [Double]
        var explained_variance_ratio: [Double]
    }
    struct Words: Decodable {
        var model: String
        var words: [String]
        var token_ids: [[Int]]
        var vectors: [Double]
        var width: Int
        var components: [[Double]]
        var scores: [[Double]]
        var explained_variance: [Double]
        var explained_variance_ratio: [Double]
    }
    struct Sinusoid: Decodable {
        var positions: Int
        var d_model: Int
        var values: [Double]
        var cosine_similarity: [Double]
    }
    var pca: [PCA]
    var words: Words
    var sinusoid: Sinusoid
}

/// Reading SVG written by Charts: `<text>` contents (tspans joined) and element counts.
enum SVGText {
    static func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    /// Pixel sizes (width, height) of the embedded PNG images, read from their IHDR chunks.
    static func imageSizes(_ svg: String) -> [[Int]] {
        svg.components(separatedBy: "href=\"data:image/png;base64,").dropFirst().compactMap { part in
            guard let end = part.firstIndex(of: "\""), let png = Data(base64Encoded: String(part[..<end])), png.count > 24 else { return nil }
            let bytes = [UInt8](png)
            func be32(_ at: Int) -> Int { bytes[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
            return [be32(16), be32(20)]
        }
    }

    /// The images of a figure that are heatmaps: all but the colorbars' one-pixel-wide gradients.
    static func heatmapSizes(_ svg: String) -> [[Int]] { imageSizes(svg).filter { $0[0] > 1 } }

    static func texts(_ svg: String) -> [String] {
        svg.components(separatedBy: "<text ").dropFirst().compactMap { part -> String? in
            guard let start = part.firstIndex(of: ">"), let end = part.range(of: "</text>") else { return nil }
            var inner = String(part[part.index(after: start)..<end.lowerBound])
            while let open = inner.range(of: "<"), let close = inner.range(of: ">", range: open.upperBound..<inner.endIndex) {
                inner.removeSubrange(open.lowerBound..<close.upperBound)
            }
            return inner.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
                .replacingOccurrences(of: "&amp;", with: "&")
        }
    }
}
