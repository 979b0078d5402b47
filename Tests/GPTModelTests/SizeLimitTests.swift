import Foundation
import TensorCore
import Testing
@testable import GPTModel

/// Issue #17: sizes from config.json that overflow `Int` are refused as errors (they trapped),
/// a layer count the checkpoint cannot hold is refused before its names are listed, and NaN or
/// infinite weights are found with their tensor and first flat index.
@Suite struct SizeLimitTests {
    static let llama = #""model_type":"llama","vocab_size":10,"max_position_embeddings":8,"hidden_size":64,"intermediate_size":8,"num_hidden_layers":1,"#

    func decodeAndValidate(_ json: String) throws {
        try GPTConfiguration.decode(Data(json.utf8), name: "m", path: "m/config.json").validate()
    }

    /// head_dim × heads = 2^52 · 2^52 = 2^104 overflowed `Int` while decoding; the sizes give
    /// about 4 · 64 · 2^104 ≈ 5e33 parameters (attention alone), far past what can be counted.
    @Test func headWidthTimesHeadsOverflowIsRefusedAsTooLarge() {
        let json = "{\(Self.llama)\"num_attention_heads\":4503599627370496,\"head_dim\":4503599627370496}"
        #expect {
            try decodeAndValidate(json)
        } throws: { error in
            guard case .tooLarge(_, let estimate)? = error as? GPTConfigurationError else { return false }
            return estimate > 4 * 64 * 0x1p104
        }
    }

    /// Dynamic rope scaling by 1e300 stretches the context of 8 to 8e300 positions, which no
    /// `Int` holds (the conversion trapped).
    @Test func ropeFactorBeyondIntIsRefusedNamingTheKeys() {
        let json = "{\(Self.llama)\"num_attention_heads\":4,\"rope_scaling\":{\"type\":\"dynamic\",\"factor\":1e300}}"
        #expect(throws: GPTConfigurationError.notWholeNumber(path: "m/config.json", key: "rope_scaling.factor × max_position_embeddings", found: 8e300)) {
            try decodeAndValidate(json)
        }
    }

    /// rotary_pct 1e300 of a 16-wide head is no rotary width at all (the conversion trapped).
    @Test func hugePartialRotaryFactorIsRefused() {
        let json = #"{"model_type":"gpt_neox","vocab_size":10,"max_position_embeddings":8,"hidden_size":64,"intermediate_size":8,"num_hidden_layers":1,"num_attention_heads":4,"rotary_pct":1e300}"#
        #expect {
            try decodeAndValidate(json)
        } throws: { error in
            guard case .invalidRotaryDimensions(_, _, let headWidth)? = error as? GPTConfigurationError else { return false }
            return headWidth == 16
        }
    }

    static let gpt1Tiny = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/models/gpt1-tiny")

    /// gpt1-tiny holds 26 tensors (2 layers × 12, plus the token and position tables); a config
    /// saying n_layer = 2^31 − 1 is refused from the counts alone.
    @Test func layerCountBeyondTheFilesTensorsIsRefusedBeforeListingNames() throws {
        var configuration = try GPTConfiguration.load(checkpointDirectory: Self.gpt1Tiny)
        configuration.layerCount = 2_147_483_647
        let file = try SafetensorsFile(contentsOf: Self.gpt1Tiny.appendingPathComponent("model.safetensors"))
        #expect(throws: CheckpointError.tooManyTensors(path: file.url.path, implied: 2_147_483_647, stored: 26)) {
            try GPT(configuration: configuration, file: file)
        }
    }

    /// A model of zeros with one bad element at a known place.
    static func model(poisoning name: String, at index: Int, with value: Float) -> GPT {
        let configuration = GPTConfiguration(name: "tiny", vocabularySize: 10, contextLength: 4, embeddingWidth: 8, layerCount: 2, headCount: 2)
        return GPT(configuration: configuration) { parameter in
            var scalars = [Float](repeating: 0, count: parameter.count)
            if parameter.name == name { scalars[index] = value }
            return Tensor(shape: parameter.shape, scalars: scalars)
        }
    }

    @Test func firstNonFiniteWeightNamesTheTensorAndFlatIndex() throws {
        let nan = Self.model(poisoning: "h.1.mlp.c_fc.weight", at: 37, with: .nan).firstNonFiniteWeight()
        #expect(nan?.name == "h.1.mlp.c_fc.weight" && nan?.index == 37 && nan?.value.isNaN == true)
        let infinite = Self.model(poisoning: "ln_f.bias", at: 7, with: -.infinity).firstNonFiniteWeight()
        #expect(infinite?.name == "ln_f.bias" && infinite?.index == 7 && infinite?.value == -.infinity)
        // The largest finite float is finite.
        #expect(Self.model(poisoning: "wte.weight", at: 0, with: .greatestFiniteMagnitude).firstNonFiniteWeight() == nil)
        #expect(throws: CheckpointError.nonFiniteWeight(path: "p", tensor: "ln_f.bias", index: 7, value: -.infinity)) {
            try Self.model(poisoning: "ln_f.bias", at: 7, with: -.infinity).checkFiniteWeights(path: "p")
        }
    }
}
