import Foundation
import Testing
@testable import GPTModel

/// Reference counts written by Tests/Scripts/parameter_counts.py from Hugging Face transformers.
struct ParameterCountFixture: Decodable {
    struct Model: Decodable {
        var total: Int
        var groups: [String: Int]
        var config: String
    }
    var transformers_version: String
    var models: [String: Model]

    static let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!

    static func load() throws -> ParameterCountFixture {
        let data = try Data(contentsOf: folder.appendingPathComponent("parameter_counts.json"))
        return try JSONDecoder().decode(ParameterCountFixture.self, from: data)
    }

    static func configURL(_ model: String) -> URL {
        folder.appendingPathComponent("configs/\(model)/config.json")
    }
}

/// The models the Python script instantiates; the fixture must hold exactly these.
let referenceModels = [
    "gpt2", "gpt2-medium", "gpt2-large", "gpt2-xl", "openai-gpt", "gpt2-n-inner", "gpt2-untied",
    "gpt2-tiny-vocab", "openai-gpt-small", "llama2-70b", "llama-small-biases",
    "llama-head-dim",
]

@Suite("Parameter counts against Hugging Face transformers")
struct ParameterCountTests {
    @Test func fixtureHoldsEveryReferenceModel() throws {
        let fixture = try ParameterCountFixture.load()
        #expect(Set(fixture.models.keys) == Set(referenceModels))
        #expect(!fixture.transformers_version.isEmpty)
    }

    @Test("config.json → exact total and per-group counts", arguments: referenceModels)
    func configFileMatchesTransformers(model: String) throws {
        let reference = try #require(try ParameterCountFixture.load().models[model])
        let configuration = try GPTConfiguration.load(configFile: ParameterCountFixture.configURL(model))
        let breakdown = ParameterBreakdown(configuration)
        #expect(breakdown.total == reference.total)
        for group in ParameterGroup.allCases {
            #expect(breakdown.count(in: group) == reference.groups[group.rawValue], "\(model) \(group)")
        }
    }

    @Test("preset → exact Hugging Face total", arguments: [
        ("gpt1", "openai-gpt"), ("gpt2", "gpt2"), ("gpt2-medium", "gpt2-medium"),
        ("gpt2-large", "gpt2-large"), ("gpt2-xl", "gpt2-xl"), ("llama2-70b", "llama2-70b"),
    ])
    func presetMatchesTransformers(preset: String, reference: String) throws {
        let expected = try #require(try ParameterCountFixture.load().models[reference])
        let breakdown = ParameterBreakdown(try GPTConfiguration.preset(named: preset))
        #expect(breakdown.total == expected.total)
        for group in ParameterGroup.allCases {
            #expect(breakdown.count(in: group) == expected.groups[group.rawValue], "\(preset) \(group)")
        }
    }

    @Test func gpt2SmallIs124439808() throws {
        #expect(ParameterBreakdown(try GPTConfiguration.preset(named: "gpt2")).total == 124_439_808)
    }

    /// Brown et al. 2020, Table 2.1, column n_params.
    @Test("GPT-3 totals within 2% of Table 2.1", arguments: [
        ("gpt3-small", 125e6), ("gpt3-medium", 350e6), ("gpt3-large", 760e6), ("gpt3-xl", 1.3e9),
        ("gpt3-2.7b", 2.7e9), ("gpt3-6.7b", 6.7e9), ("gpt3-13b", 13.0e9), ("gpt3-175b", 175.0e9),
    ])
    func gpt3MatchesPaper(preset: String, published: Double) throws {
        let total = Double(ParameterBreakdown(try GPTConfiguration.preset(named: preset)).total)
        #expect(abs(total - published) / published < 0.02, "\(preset): \(total) vs \(published)")
    }

    /// Vaswani et al. 2017, Table 3: base 65M, big 213M (with the 37,000-token shared vocabulary).
    @Test("Transformer totals within 4% of Table 3", arguments: [("transformer-base", 65e6), ("transformer-big", 213e6)])
    func transformerMatchesPaper(preset: String, published: Double) throws {
        let total = Double(ParameterBreakdown(try GPTConfiguration.preset(named: preset)).total)
        #expect(abs(total - published) / published < 0.04, "\(preset): \(total) vs \(published)")
    }

    /// Hand-worked: 6 encoder layers × 3,152,384 + 6 decoder layers × 4,204,032 + 37,000 × 512.
    @Test func transformerBaseByHand() throws {
        let b = ParameterBreakdown(try GPTConfiguration.preset(named: "transformer-base"))
        #expect(b.parametersPerEncoderLayer == 3_152_384)
        #expect(b.parametersPerLayer == 4_204_032)
        #expect(b.total == 6 * 3_152_384 + 6 * 4_204_032 + 37_000 * 512)
        #expect(b.components.contains { $0.name.hasPrefix("Cross-attention") && $0.stack == .decoder })
        #expect(!b.components.contains { $0.name.hasPrefix("Cross-attention") && $0.stack == .encoder })
    }

    /// GPT-2 small by hand: 12 × 7,087,872 per block + wte + wpe + ln_f.
    @Test func gpt2LayerAndEmbeddingCounts() throws {
        let b = ParameterBreakdown(try GPTConfiguration.preset(named: "gpt2"))
        #expect(b.parametersPerLayer == 7_087_872)
        #expect(b.embeddingCount == 50_257 * 768 + 1_024 * 768)
        #expect(b.nonEmbeddingCount == 12 * 7_087_872 + 2 * 768)
        let qkv = try #require(b.components.first { $0.name == "Attention Q, K, V weights" })
        #expect(qkv.count == 12 * 768 * 2_304)
        #expect(qkv.formula == "L · d · 3d")
        #expect(qkv.arithmetic == "12 × 768 × 2,304")
        let head = try #require(b.components.last)
        #expect(head.group == .outputHead && head.count == 0)
    }

    @Test func groupedQueryAttentionListsKeysAndValuesApart() throws {
        let b = ParameterBreakdown(try GPTConfiguration.preset(named: "llama2-70b"))
        let kv = try #require(b.components.first { $0.name == "Attention K, V weights" })
        #expect(kv.count == 80 * 8_192 * 2 * 8 * 128)
        #expect(b.components.first { $0.name == "Attention Q weights" }?.count == 80 * 8_192 * 8_192)
        #expect(b.components.contains { $0.name == "MLP gate weights" })
        #expect(!b.components.contains { $0.name.contains("bias") })
        #expect(b.count(in: .positionEmbedding) == 0)
    }

    /// Table 2.1's literal reading of GPT-3 13B — d_model 5140 with 40 heads of 128 — needs an
    /// explicit head width: attention maps 5140 → 40 × 128 = 5,120 and back. By hand, per layer:
    /// Q, K, V 5,140 × 15,360 = 78,950,400 (+ 15,360 biases); output 5,120 × 5,140 = 26,316,800
    /// (+ 5,140); MLP 2 × 5,140 × 20,560 = 211,356,800 (+ 20,560 + 5,140); LayerNorms 4 × 5,140 =
    /// 20,560 → 316,690,760. Total: 40 × 316,690,760 + (50,257 + 2,048) × 5,140 + 2 × 5,140 =
    /// 12,667,630,400 + 268,847,700 + 10,280 = 12,936,488,380 — 12,936M, not Table D.1's 12,850M,
    /// which is why the preset reads d_model as 5120.
    @Test func explicitHeadWidthSizesTheAttentionProjections() throws {
        var c = try GPTConfiguration.preset(named: "gpt3-13b")
        c.embeddingWidth = 5_140
        c.mlpWidth = 4 * 5_140
        c.headDimension = 128
        let b = ParameterBreakdown(c)
        #expect(b.configuration.attentionWidth == 5_120)
        #expect(b.components.first { $0.name == "Attention Q, K, V weights" }?.count == 40 * 5_140 * 3 * 5_120)
        #expect(b.components.first { $0.name == "Attention output weights" }?.count == 40 * 5_120 * 5_140)
        #expect(b.components.first { $0.name == "Attention output bias" }?.count == 40 * 5_140)
        #expect(b.parametersPerLayer == 316_690_760)
        #expect(b.total == 12_936_488_380)
    }

    @Test func publishedDifferenceExplainsGPT2Small() throws {
        let b = ParameterBreakdown(try GPTConfiguration.preset(named: "gpt2"))
        let difference = try #require(b.differenceFromPublished)
        #expect(abs(difference - (124_439_808.0 - 117e6) / 117e6) < 1e-12)
        // GPT-1 and GPT-2 small share the 12-layer, 768-wide stack: the blocks are identical.
        let gpt1 = ParameterBreakdown(try GPTConfiguration.preset(named: "gpt1"))
        #expect(gpt1.parametersPerLayer == b.parametersPerLayer)
        #expect(gpt1.total == 116_534_784)
    }

    @Test func memoryAtEachPrecision() throws {
        let b = ParameterBreakdown(try GPTConfiguration.preset(named: "gpt2"))
        #expect(b.weightBytes(at: .fp32) == 497_759_232)
        #expect(b.weightBytes(at: .fp16) == 248_879_616)
        #expect(b.weightBytes(at: .bf16) == 248_879_616)
        #expect(b.weightBytes(at: .int8) == 124_439_808)
    }
}
