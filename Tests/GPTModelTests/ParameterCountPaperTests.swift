import Testing
@testable import GPTModel

/// Totals against the papers' own printed numbers, and group sums worked by hand.
@Suite("Parameter counts against the papers' totals")
struct ParameterCountPaperTests {
    /// Brown et al. 2020, Table D.1, column "Params (M)": the paper's own totals, which decide
    /// when Table 2.1 contradicts itself (13B: d_model 5140 ≠ 40 heads × 128).
    static let tableD1: [(String, Double)] = [
        ("gpt3-small", 125), ("gpt3-medium", 356), ("gpt3-large", 760), ("gpt3-xl", 1_320),
        ("gpt3-2.7b", 2_650), ("gpt3-6.7b", 6_660), ("gpt3-13b", 12_850), ("gpt3-175b", 174_600),
    ]

    /// Each exact total rounds to the printed figure: within half a unit of its last significant
    /// digit (125 → ±0.5M; 12,850 → ±5M; 174,600 → ±50M).
    @Test("GPT-3 totals round to Table D.1", arguments: tableD1)
    func gpt3MatchesTableD1(preset: String, millions: Double) throws {
        let total = Double(ParameterBreakdown(try GPTConfiguration.preset(named: preset)).total) / 1e6
        var unit = 1.0
        while (millions / (unit * 10)).rounded() * unit * 10 == millions { unit *= 10 }
        #expect(abs(total - millions) <= unit / 2, "\(preset): \(total)M vs Table D.1's \(millions)M")
    }

    /// GPT-3 13B with d_model 5120 = 40 × 128, by hand. Per layer: 12·d² + 13·d =
    /// 12 × 26,214,400 + 13 × 5,120 = 314,572,800 + 66,560 = 314,639,360; 40 layers: 12,585,574,400.
    /// wte 50,257 × 5,120 = 257,315,840; wpe 2,048 × 5,120 = 10,485,760; ln_f 2 × 5,120 = 10,240.
    /// Sum: 12,853,386,240 (Table D.1: 12,850M).
    @Test func gpt3_13bExactTotal() throws {
        let b = ParameterBreakdown(try GPTConfiguration.preset(named: "gpt3-13b"))
        #expect(b.configuration.embeddingWidth == 5_120)
        #expect(b.configuration.headCount * b.configuration.headWidth == 5_120)
        #expect(b.parametersPerLayer == 314_639_360)
        #expect(b.total == 12_853_386_240)
        #expect(b.configuration.source.contains("5140"), "the note says why Table 2.1's 5140 is not used")
    }

    /// GPT-3 175B by hand: 12 × 12,288² + 13 × 12,288 = 1,811,939,328 + 159,744 = 1,812,099,072
    /// per layer; 96 layers + wte 617,558,016 + wpe 25,165,824 + ln_f 24,576 = 174,604,259,328.
    @Test func gpt3_175bPerLayer() throws {
        let b = ParameterBreakdown(try GPTConfiguration.preset(named: "gpt3-175b"))
        #expect(b.parametersPerLayer == 1_812_099_072)
        #expect(b.total == 174_604_259_328)
    }

    /// GPT-2 small's groups by hand (d = 768, 12 layers), the split explainers get wrong:
    /// attention 12 × (768 × 2,304 + 2,304 + 768 × 768 + 768) = 12 × 2,362,368 = 28,348,416;
    /// MLP 12 × (768 × 3,072 + 3,072 + 3,072 × 768 + 768) = 12 × 4,722,432 = 56,669,184;
    /// LayerNorm (2 per block × 12 + ln_f) × 2 × 768 = 25 × 1,536 = 38,400;
    /// embeddings 50,257 × 768 + 1,024 × 768 = 38,597,376 + 786,432 = 39,383,808.
    @Test func gpt2GroupSubtotals() throws {
        let b = ParameterBreakdown(try GPTConfiguration.preset(named: "gpt2"))
        #expect(b.count(in: .attention) == 28_348_416)
        #expect(b.count(in: .mlp) == 56_669_184)
        #expect(b.count(in: .normalization) == 38_400)
        #expect(b.embeddingTablesCount == 39_383_808)
        #expect(b.embeddingTablesCount + 28_348_416 + 56_669_184 + 38_400 == b.total)
    }
}
