import Foundation
import Testing
@testable import GPTModel

/// The `config.json` GPTScope writes, against JSON written out by hand.
struct GPT2ConfigFileTests {
    static let tiny = GPTConfiguration(name: "tiny", vocabularySize: 300, contextLength: 16, embeddingWidth: 16, layerCount: 1, headCount: 2)

    @Test func randomCheckpointWritesTheseKeys() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gptscope-config-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try RandomCheckpoint.write(Self.tiny, to: folder)
        // Epsilon is the Float 1e-5 widened to Double; n_inner is 4 × n_embd.
        let expected = """
        {
          "activation_function" : "gelu_new",
          "architectures" : [
            "GPT2LMHeadModel"
          ],
          "layer_norm_epsilon" : 9.999999747378752e-06,
          "model_type" : "gpt2",
          "n_embd" : 16,
          "n_head" : 2,
          "n_inner" : 64,
          "n_layer" : 1,
          "n_positions" : 16,
          "tie_word_embeddings" : true,
          "torch_dtype" : "float32",
          "vocab_size" : 300
        }
        """
        #expect(String(decoding: try Data(contentsOf: folder.appendingPathComponent("config.json")), as: UTF8.self) == expected)
        // And it reads back as the same shape.
        let read = try GPTConfiguration.load(checkpointDirectory: folder)
        #expect(read.vocabularySize == 300 && read.contextLength == 16 && read.mlpWidth == 64 && read.tiedOutputHead)
    }

    @Test func topLevelKeysAndNumbersOfAConfigFile() throws {
        let json = #"{"afn": "gelu", "n_embd": 192.5, "n_layer": 4, "name": "x", "flag": true, "list": [1]}"#
        let top = try JSONDecoder().decode(HuggingFaceConfigFile.TopLevel.self, from: Data(json.utf8))
        #expect(top.keys == ["afn", "n_embd", "n_layer", "name", "flag", "list"])
        #expect(top.numbers == ["n_embd": 192.5, "n_layer": 4])
    }

    /// transformers' own config.json files (Tests/Scripts/model_fixtures.py) with GPT-2's two
    /// attention-scaling options: read, the scale each block uses (transformers' `scaling`:
    /// head_dim^-0.5, divided by layer_idx + 1; or 1), and written back under the same keys.
    @Test(arguments: [("gpt2-inverse-layer-scale", true, true), ("gpt2-unscaled-attention", false, false), ("gpt2-untied", true, false)])
    func attentionScalingOptionsAreReadAndWrittenBack(fixture: String, byHeadWidth: Bool, byInverseLayer: Bool) throws {
        let configuration = try GPTConfiguration.load(checkpointDirectory: try ModelFixture.url(fixture))
        #expect(configuration.scalesScoresByHeadWidth == byHeadWidth)
        #expect(configuration.scalesScoresByInverseLayer == byInverseLayer)
        let headWidth = 16.0   // n_embd 48 / n_head 3
        for layer in 0 ..< configuration.layerCount {
            var expected = byHeadWidth ? 1 / headWidth.squareRoot() : 1
            if byInverseLayer { expected /= Double(layer + 1) }
            #expect(configuration.attentionScoreScale(layer: layer) == Float(expected))
        }
        let file = GPT2ConfigFile(configuration)
        #expect(file.scaleAttnWeights == (byHeadWidth ? nil : false))
        #expect(file.scaleAttnByInverseLayerIdx == (byInverseLayer ? true : nil))
        let json = String(decoding: try file.encoded(), as: UTF8.self)
        #expect(json.contains("\"scale_attn_weights\" : false") == !byHeadWidth)
        #expect(json.contains("\"scale_attn_by_inverse_layer_idx\" : true") == byInverseLayer)
        // A checkpoint written from it (as `gptscope train` writes one) reads back with the same options.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gptscope-scale-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try RandomCheckpoint.write(configuration, to: folder)
        let read = try GPTConfiguration.load(checkpointDirectory: folder)
        #expect(read.scalesScoresByHeadWidth == byHeadWidth && read.scalesScoresByInverseLayer == byInverseLayer)
    }
}
