import Charts
import Foundation
import GPTModel
import Testing
@testable import Visualizations

/// Rotary positions against values worked by hand: θ_i = base^(−2i/d), angle = position · θ_i,
/// q·k relative only, and transformers' `_compute_llama3_parameters` / linear scaling.
@Suite struct RotaryPositionsTests {
    /// d = 8, base 10,000: θ = 10,000^(−0/8, −2/8, −4/8, −6/8) = 1, 0.1, 0.01, 0.001.
    static let small = RotaryPositions(RotaryEmbedding(base: 10_000, dimensions: 8))

    @Test func frequencyOfEachPairIsBaseToTheMinusTwoIOverD() {
        let expected = [1, 0.1, 0.01, 0.001]
        #expect(Self.small.pairs == 4)
        for (got, want) in zip(Self.small.frequencies, expected) { #expect(abs(got - want) / want < 1e-6) }
        // d = 4, base 100: θ = 1, 100^(−1/2) = 0.1.
        let other = RotaryPositions(RotaryEmbedding(base: 100, dimensions: 4)).frequencies
        #expect(abs(other[0] - 1) < 1e-7 && abs(other[1] - 0.1) < 1e-7)
    }

    @Test func angleIsPositionTimesFrequency() {
        let angles = Self.small.angles(positions: 2 ..< 5)  // [3, 4]
        #expect(angles.count == 12)
        // Row 1 is position 3: 3·1, 3·0.1, 3·0.01, 3·0.001.
        for (got, want) in zip(angles[4 ..< 8], [3, 0.3, 0.03, 0.003]) { #expect(abs(got - want) < 1e-6) }
        let cosines = Self.small.cosines(positions: 2 ..< 5)
        #expect(abs(cosines[4] - cos(3.0)) < 1e-6)
        #expect(abs(cosines[5] - cos(0.3)) < 1e-6)
    }

    /// Cell (p, q) worked by hand: (1/4)·Σ_i cos((p − q)·θ_i) with θ = 1, 0.1, 0.01, 0.001;
    /// for |p − q| = 2 that is (cos 2 + cos 0.2 + cos 0.02 + cos 0.002) / 4 = 0.640929…
    @Test func similarityIsTheMeanCosineOfTheDistanceTimesEachFrequency() {
        let s = Self.small.similarity(positions: 3 ..< 7)  // [4, 4]
        #expect(s.count == 16)
        let two = (cos(2.0) + cos(0.2) + cos(0.02) + cos(0.002)) / 4
        #expect(abs(two - 0.640929) < 1e-6)
        #expect(abs(s[0 * 4 + 2] - two) < 1e-6 && abs(s[3 * 4 + 1] - two) < 1e-6)
        for p in 0 ..< 4 { #expect(abs(s[p * 4 + p] - 1) < 1e-6) }
    }

    /// With the head as wide as the model and base 10,000, rotating the all-ones vector gives the
    /// sinusoidal encoding's own cosine similarity (the figure's claim that the two share a form),
    /// computed here by the separate sinusoidal-table code.
    @Test func rotarySimilarityEqualsSinusoidalSimilarityAtTheSameBase() throws {
        let positions = 0 ..< 40
        let rotary = RotaryPositions(RotaryEmbedding(base: 10_000, dimensions: 64)).similarity(positions: positions)
        let sinusoidal = try PositionTable.sinusoidal(range: positions, dModel: 64).similarity(.cosine)
        #expect(zip(rotary, sinusoidal).map { abs($0 - $1) }.max()! < 1e-4)
    }

    @Test func dotProductDependsOnlyOnRelativeDistance() {
        // Unit vectors along dimension 0 (the first of pair 0, whose partner is dimension 4):
        // rotated by mθ_0 and nθ_0, their dot product is cos((m − n)·θ_0) = cos 3 for m − n = 3.
        var e0 = [Float](repeating: 0, count: 8)
        e0[0] = 1
        let s = Self.small.scores(query: e0, key: e0, queryPosition: 5, keyPositions: [2])[0]
        #expect(abs(s - cos(3.0)) < 1e-5)
        // Fixed unequal q and k: (m, n) and (m + s, n + s) give the same score.
        let q: [Float] = [0.3, -1.2, 0.7, 0.05, 1.1, -0.4, 0.9, -0.6]
        let k: [Float] = [-0.8, 0.2, 0.5, 1.3, -0.1, 0.6, -1.0, 0.4]
        let base = Self.small.scores(query: q, key: k, queryPosition: 7, keyPositions: [0, 3, 7])
        let shifted = Self.small.scores(query: q, key: k, queryPosition: 107, keyPositions: [100, 103, 107])
        for (a, b) in zip(base, shifted) { #expect(abs(a - b) < 1e-4) }
        // And the score does change with distance (the check above is not vacuous).
        #expect(abs(base[0] - base[1]) > 0.1)
    }

    @Test func onesScoreIsSumOfTwoCosines() {
        // q = k = 1: each pair contributes 2·cos(Δ·θ_i); Δ = 0 gives d.
        let scores = Self.small.onesScores(distances: 3, offset: 50)
        #expect(abs(scores[0] - 8) < 1e-4)
        let expected = 2 * (cos(2.0) + cos(0.2) + cos(0.02) + cos(0.002))
        #expect(abs(scores[2] - expected) < 1e-4)
        // d = 128: the near scores exceed the far ones (the decay of Su et al. 2021).
        let long = RotaryPositions(RotaryEmbedding(base: 10_000, dimensions: 128)).onesScores(distances: 250)
        let nearMean = long[1 ..< 10].reduce(0, +) / 9, farMean = long[150 ..< 250].reduce(0, +) / 100
        #expect(nearMean > 1.5 * farMean)
    }

    @Test func linearScalingDividesEveryFrequency() {
        let rope = RotaryPositions(RotaryEmbedding(base: 10_000, dimensions: 8, scaling: .linear(factor: 4)))
        for (got, want) in zip(rope.frequencies, [0.25, 0.025, 0.0025, 0.00025]) { #expect(abs(got - want) / want < 1e-6) }
        for (got, want) in zip(rope.unscaledFrequencies, [1, 0.1, 0.01, 0.001]) { #expect(abs(got - want) / want < 1e-6) }
    }

    @Test func llama3ScalingKeepsHighAndDividesLowFrequencies() {
        // transformers' _compute_llama3_parameters with factor 8, low 1, high 4, context 1,024:
        // low_freq_wavelen = 1,024, high_freq_wavelen = 256. Wavelengths 2π/θ are 6.28, 62.8,
        // 628 and 6,283: pairs 0 and 1 are kept, pair 3 is divided by 8, and pair 2 is blended
        // with smooth = (1024/628.32 − 1)/(4 − 1) = 0.209918:
        // (1 − 0.209918)·0.01/8 + 0.209918·0.01 = 0.00308676 (transformers gives 3.0868e-03).
        let rope = RotaryPositions(RotaryEmbedding(base: 10_000, dimensions: 8, scaling: .llama3(
            factor: 8, lowFrequencyFactor: 1, highFrequencyFactor: 4, originalContext: 1024)))
        let f = rope.frequencies
        #expect(abs(f[0] - 1) < 1e-6)
        #expect(abs(f[1] - 0.1) < 1e-7)
        #expect(abs(f[2] - 0.00308676) < 1e-7)
        #expect(abs(f[3] - 0.000125) < 1e-9)
    }

    @Test func figuresHaveTheirPanelsAndCaptions() throws {
        let rope = RotaryPositions(RotaryEmbedding(base: 500_000, dimensions: 64, scaling: .llama3(
            factor: 8, lowFrequencyFactor: 1, highFrequencyFactor: 4, originalContext: 8192)))
        let frequencies = RotaryFigure.frequencies(rope)
        #expect(frequencies.panels.count == 2)
        #expect(frequencies.texts.contains("scaled (llama3 ×8)"))
        // Slow pairs reach 10⁻⁷ radians per position: such ticks must not read "0".
        #expect(NumberFormat.tick(1e-7, step: 1e-7) == "1e-7")
        #expect(NumberFormat.tick(2.5e-8, step: 1e-8) == "2.5e-8")
        #expect(RotaryFigure.angles(rope, positions: 0 ..< 64).texts.contains("cos(position · θ_i)"))
        let sinusoidal = try PositionTable.sinusoidal(positions: 16, dModel: 8)
        let learned = try PositionTable(source: .learned(modelName: "tiny"), positions: 0 ..< 16, dimensions: 8,
                                        values: (0 ..< 128).map { sin(Double($0)) })
        let three = RotaryFigure.comparison(sinusoidal: sinusoidal, learned: learned, rotary: rope)
        #expect(three.panels.count == 3)
        for caption in ["Sinusoidal: added once to the input", "Learned wpe: added once to the input", "Rotary: turns q and k in every layer"] {
            #expect(three.texts.contains(caption))
        }
    }
}

/// The distance figure's y axis holds the whole curve, even for a narrow head that swings far below 0.
@Test func rotaryDistanceAxisHoldsTheNarrowHeadsCurve() throws {
    // d = 8, base 500 (the llama-gqa fixture): min over Δ < 256 of Σ_i 2·cos(Δ·500^(−2i/8)) / 8 is
    // −0.8410 (numpy), well below the −0.4 that suits 64-wide heads.
    let figure = RotaryFigure.distance(RotaryPositions(RotaryEmbedding(base: 500, dimensions: 8)), distances: 256)
    guard case .axes(let axes) = figure.panels[0].content else { Issue.record("not a plot"); return }
    let limits = try #require(axes.y.limits)
    #expect(limits.lowerBound <= -0.8410 && limits.lowerBound >= -1)
}

/// The rotary figures in Chinese, and in the report only for rotary models.
@Suite struct RotaryFigureTranslationTests {
    static func figures() throws -> [(String, Figure)] {
        let plain = RotaryPositions(RotaryEmbedding(base: 10_000, dimensions: 64))
        let llama3 = RotaryPositions(RotaryEmbedding(base: 500_000, dimensions: 64, scaling: .llama3(
            factor: 8, lowFrequencyFactor: 1, highFrequencyFactor: 4, originalContext: 8192)))
        let linear = RotaryPositions(RotaryEmbedding(base: 10_000, dimensions: 64, scaling: .linear(factor: 4)))
        let sinusoidal = try PositionTable.sinusoidal(positions: 16, dModel: 8)
        let learned = try PositionTable(source: .learned(modelName: "gpt2"), positions: 0 ..< 16, dimensions: 8,
                                        values: (0 ..< 128).map { sin(Double($0)) })
        return [("frequencies", RotaryFigure.frequencies(plain)), ("llama3", RotaryFigure.frequencies(llama3)),
                ("linear", RotaryFigure.frequencies(linear)), ("angles", RotaryFigure.angles(plain, positions: 0 ..< 64)),
                ("distance", RotaryFigure.distance(plain, distances: 100)),
                ("compare", RotaryFigure.comparison(sinusoidal: sinusoidal, learned: learned, rotary: plain))]
    }

    @Test func everyRotaryFigureTextIsTranslated() throws {
        for (name, figure) in try Self.figures() {
            for language in [ReportLanguage.zh, .zhHant] {
                let left = figure.localized(language).texts.filter { !FigureTranslationTests.mayStayEnglish($0, tokens: []) }
                #expect(left.isEmpty, "\(name) [\(language.rawValue)] still in English: \(left)")
            }
        }
    }

    @Test func reportDrawsRotaryFiguresOnlyForRotaryModels() {
        #expect(ReportPlanner.rotaryRecipes(configuration: try! GPTConfiguration.preset(named: "llama2-70b")).map(\.item.stem)
            == ["positions.rotary-frequencies", "positions.rotary-angles", "positions.rotary-distance"])
        #expect(ReportPlanner.rotaryRecipes(configuration: try! GPTConfiguration.preset(named: "gpt2")).isEmpty)
    }
}
