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
}
