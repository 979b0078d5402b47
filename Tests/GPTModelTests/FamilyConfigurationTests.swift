import Foundation
import Testing
import TensorCore
@testable import GPTModel

/// Llama, Qwen2 and GPT-NeoX config.json files (legacy keys and transformers 5's
/// `rope_parameters`), RoPE worked by hand, the errors bad files get, and interventions on the
/// hooks only these families have.
struct FamilyConfigurationTests {
    static func configuration(_ name: String) throws -> GPTConfiguration {
        try GPTConfiguration.load(checkpointDirectory: try ModelFixture.url(name, folder: "families"))
    }

    @Test func readsLegacyAndTransformers5RopeKeys() throws {
        let gqa = try Self.configuration("llama-gqa")           // legacy rope_theta, rope_scaling null
        #expect(gqa.rotary == RotaryEmbedding(base: 500, dimensions: 8, scaling: .none))
        #expect(gqa.keyValueHeadCount == 2 && gqa.tiedOutputHead && gqa.checkpointFormat == .llama && gqa.familyName == "Llama")
        let linear = try Self.configuration("llama-linear-bf16")   // legacy {"type": "linear"}, head_dim 16
        #expect(linear.rotary == RotaryEmbedding(base: 10_000, dimensions: 16, scaling: .linear(factor: 2)))
        #expect(linear.headWidth == 16 && linear.attentionWidth == 64 && linear.embeddingWidth == 32)
        let llama3 = try Self.configuration("llama3-scaled")      // rope_parameters
        #expect(llama3.rotary?.scaling == .llama3(factor: 4, lowFrequencyFactor: 1, highFrequencyFactor: 2, originalContext: 16))
        let dynamic = try Self.configuration("llama-dynamic")
        #expect(dynamic.rotary?.scaling == .dynamic(factor: 2, maxPositions: 16) && dynamic.contextLength == 32)
        let qwen = try Self.configuration("qwen2-sharded")
        #expect(qwen.attentionBias && !qwen.attentionOutputBias && !qwen.mlpBias && qwen.rotary?.base == 1_000_000)
        #expect(qwen.familyName == "Qwen2")
        let parallel = try Self.configuration("neox-parallel")    // partial_rotary_factor 0.25 of 16
        #expect(parallel.rotary == RotaryEmbedding(base: 10_000, dimensions: 4) && parallel.parallelResidual)
        #expect(parallel.normalization == .layerNorm && !parallel.tiedOutputHead && parallel.activation == .gelu)
        let mistral = try Self.configuration("mistral-window")   // sliding_window 16 < max_position_embeddings 64
        #expect(mistral.contextLength == 16 && mistral.familyName == "Llama" && !mistral.attentionBias)
        let sequential = try Self.configuration("neox-sequential") // legacy rotary_pct 0.5, rotary_emb_base 5000
        #expect(sequential.rotary == RotaryEmbedding(base: 5_000, dimensions: 8) && !sequential.parallelResidual)
    }

    /// The new fields survive JSON (a training log's configuration), and a GPT-2 one writes none of them.
    @Test func configurationsRoundTripThroughJSON() throws {
        for name in FamilyParityTests.models {
            let c = try Self.configuration(name)
            #expect(try JSONDecoder().decode(GPTConfiguration.self, from: JSONEncoder().encode(c)) == c, "\(name)")
        }
        let gpt2 = String(decoding: try JSONEncoder().encode(GPTConfiguration(name: "gpt2")), as: UTF8.self)
        #expect(!gpt2.contains("rotary") && !gpt2.contains("parallelResidual") && !gpt2.contains("checkpointFormat"))
    }

    /// base 10,000 over d = 8: inv_freq = 1, 0.1, 0.01, 0.001, wavelengths 2π/inv_freq ≈ 6.3,
    /// 63, 628, 6283. llama3 with an original context of 16, low 1, high 2: wavelengths under
    /// 16/2 = 8 keep their frequency, over 16/1 = 16 are divided by 4, none falls between.
    @Test func inverseFrequenciesByHand() {
        let plain = RotaryEmbedding(dimensions: 8).inverseFrequencies()
        for (ours, hand) in zip(plain, [1, 0.1, 0.01, 0.001] as [Float]) { #expect(abs(ours - hand) < 1e-7 * max(1, hand * 1e3)) }
        let llama3 = RotaryEmbedding(dimensions: 8, scaling: .llama3(factor: 4, lowFrequencyFactor: 1, highFrequencyFactor: 2,
                                                                       originalContext: 16)).inverseFrequencies()
        for (ours, hand) in zip(llama3, [1, 0.025, 0.0025, 0.00025] as [Float]) { #expect(abs(ours - hand) <= hand * 1e-6) }
        let linear = RotaryEmbedding(dimensions: 8, scaling: .linear(factor: 2)).inverseFrequencies()
        #expect(abs(linear[1] - 0.05) < 1e-8)
    }

    /// Dimension 0 pairs with d/2 (transformers' rotate_half): e₀ at position 1 turns to
    /// cos 1·e₀ + sin 1·e₄; with partial rotary the dimensions past d do not move.
    @Test func rotateHalfPairsDimensionWithItsHalfwayPartner() {
        var unit = [Float](repeating: 0, count: 10)
        unit[0] = 1
        unit[9] = 3                                                 // past the 8 rotary dimensions
        let x = Tensor(shape: [2, 1, 10], scalars: unit + unit)     // positions 0 and 1
        let rotated = RotaryEmbedding(dimensions: 8).rotate(x, startPosition: 0).scalars
        #expect(Array(rotated[0 ..< 10]) == unit)                   // position 0: no turn
        #expect(abs(rotated[10] - cos(1)) < 1e-6 && abs(rotated[14] - sin(1)) < 1e-6)
        #expect(rotated[11] == 0 && rotated[19] == 3)
    }

    static func error(_ json: String) throws -> GPTConfigurationError {
        do {
            let c = try GPTConfiguration.decode(Data(json.utf8), name: "bad", path: "bad/config.json")
            try c.validate()
        } catch let error as GPTConfigurationError {
            return error
        }
        Issue.record("no error for \(json)")
        throw CancellationError()
    }

    static let llama = #""model_type": "llama", "vocab_size": 10, "hidden_size": 32, "intermediate_size": 8, "num_hidden_layers": 1"#

    @Test func badFilesGetOneLineNamingTheProblem() throws {
        let bert = try Self.error(#"{"model_type": "bert", "hidden_size": 768}"#)
        #expect(bert.description.contains("llama, qwen2, mistral, gpt_neox"))
        let yarn = try Self.error("{\(Self.llama), \"num_attention_heads\": 4, \"rope_scaling\": {\"rope_type\": \"yarn\", \"factor\": 2}}")
        #expect(yarn == .unsupportedRopeScaling(path: "bad/config.json", type: "yarn"))
        #expect(yarn.description.contains("default, linear, dynamic or llama3"))
        let heads = try Self.error("{\(Self.llama), \"num_attention_heads\": 4, \"num_key_value_heads\": 3}")
        #expect(heads == .keyValueHeadsDoNotDivideHeads(model: "bad", keyValueHeads: 3, heads: 4))
        let width = try Self.error("{\(Self.llama), \"num_attention_heads\": 5}")   // 32 / 5 with no head_dim
        #expect(width == .headsDoNotDivideWidth(model: "bad/config.json", heads: 5, width: 32))
        let neox = try Self.error(#"{"model_type": "gpt_neox", "vocab_size": 10, "hidden_size": 30, "num_hidden_layers": 1, "num_attention_heads": 4}"#)
        #expect(neox == .headsDoNotDivideWidth(model: "bad/config.json", heads: 4, width: 30))
        let partial = try Self.error(#"{"model_type": "gpt_neox", "vocab_size": 10, "hidden_size": 32, "num_hidden_layers": 1, "num_attention_heads": 4, "rotary_pct": 0.1}"#)
        #expect(partial == .invalidRotaryDimensions(path: "bad/config.json", dimensions: 0, headWidth: 8))
        let llama3 = try Self.error("{\(Self.llama), \"num_attention_heads\": 4, \"rope_parameters\": {\"rope_type\": \"llama3\", \"factor\": 8}}")
        #expect(llama3 == .missingKey(path: "bad/config.json", key: "low_freq_factor", modelType: "rope type llama3"))
        for error in [bert, yarn, heads, width, neox, partial, llama3] { #expect(!error.description.contains("\n")) }
    }

    /// A shard the index names but the folder lacks is named; nothing loads.
    @Test func missingShardIsNamed() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gptscope-shards-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: try ModelFixture.url("qwen2-sharded", folder: "families"), to: folder)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("model-00003-of-00005.safetensors"))
        #expect(throws: CheckpointError.missingShard(index: folder.appendingPathComponent(GPT.shardIndexName).path,
                                                     shard: "model-00003-of-00005.safetensors")) {
            try GPT.load(directory: folder)
        }
    }

    /// Zeroing a gated MLP's up projection zeroes its output (no biases in Llama: act(gate)·0 = 0).
    @Test func zeroingPreLinearSilencesTheGatedMLP() throws {
        let fixture = try ModelFixture(family: "llama-gqa")
        let (_, cache) = try fixture.model.run(fixture.ids, hooks: .all, interventions: [.zero(.mlpPreLinear(0))])
        let out = try #require(cache[.mlpOut(0)])
        #expect(out.scalars.allSatisfy { $0 == 0 })
        // Layer 0's attention ran before the edit: unchanged from transformers.
        #expect(try #require(cache[.attnOut(0)]).maxAbsoluteDifference(to: try fixture.expected.tensor(named: "blocks.0.hook_attn_out")) < 1e-4)
    }

    /// Zeroing kv head 0's rotated keys zeroes the scores of the query heads that read it
    /// (0 and 1 of 4 over 2 kv heads) and leaves heads 2 and 3 as transformers computes them.
    @Test func ablatingAKeyValueHeadReachesItsQueryGroup() throws {
        let fixture = try ModelFixture(family: "llama-gqa")
        let (_, cache) = try fixture.model.run(fixture.ids, hooks: .everything, interventions: [.zero(.rotK(1), .head(0))])
        let scores = try #require(cache[.attnScores(1)])
        let expected = try fixture.expected.tensor(named: "blocks.1.attn.hook_attn_scores")
        let t = fixture.ids.count
        for h in 0 ..< 4 {
            for i in 0 ..< t {
                for j in 0 ... i {
                    let index = (h * t + i) * t + j
                    if h < 2 { #expect(scores.scalars[index] == 0) }
                    else { #expect(abs(scores.scalars[index] - expected.scalars[index]) < 1e-4) }
                }
            }
        }
    }
}
