import Foundation
import GPTModel
import Testing
@testable import Training

/// `train-log.json` and the checkpoint's `config.json` against JSON written out by hand.
struct TrainingLogFormatTests {
    /// A whole log of one step and one evaluation (the step's loss not a number, as JSON cannot hold NaN).
    static let log = """
    {
      "checkpoints" : [
        1
      ],
      "configuration" : {
        "activation" : "gelu_new",
        "attentionBias" : true,
        "contextLength" : 16,
        "embeddingWidth" : 16,
        "encoderLayerCount" : 0,
        "hasFinalNorm" : true,
        "headCount" : 2,
        "keyValueHeadCount" : 2,
        "layerCount" : 1,
        "layerNormEpsilon" : 1e-05,
        "mlpBias" : true,
        "mlpKind" : "standard",
        "mlpWidth" : 64,
        "name" : "tiny",
        "normPlacement" : "preNorm",
        "normalization" : "layerNorm",
        "positionEncoding" : "learned",
        "source" : "test",
        "tiedOutputHead" : true,
        "vocabularySize" : 300
      },
      "corpus_files" : [
        "c.txt"
      ],
      "evals" : [
        {
          "probe_file" : "probes/step-000001.safetensors",
          "step" : 1,
          "val_loss" : 5.5
        }
      ],
      "format" : "gptscope.train-log/1",
      "options" : {
        "batchSize" : 2,
        "beta1" : 0.9,
        "beta2" : 0.95,
        "contextLength" : 16,
        "epsilon" : 1e-08,
        "evalEvery" : 1,
        "evalSequences" : 2,
        "gradientClip" : 1,
        "learningRate" : 0.001,
        "minimumLearningRateFraction" : 0.1,
        "saveEvery" : 1,
        "seed" : 1337,
        "steps" : 1,
        "validationFraction" : 0.05,
        "warmupSteps" : 1,
        "weightDecay" : 0.1
      },
      "parameter_count" : 5568,
      "probe" : {
        "excerpt_length" : 2,
        "ids" : [
          7,
          8,
          9,
          9
        ],
        "labels" : [
          "·a",
          "b",
          "c",
          "c"
        ],
        "repeat_length" : 1
      },
      "steps" : [
        {
          "grad_norm" : 0.5,
          "loss" : "nan",
          "lr" : 0.001,
          "step" : 1,
          "tokens_per_second" : 1000
        }
      ],
      "train_tokens" : 900,
      "unigram_entropy_nats" : 2.75,
      "val_tokens" : 100
    }
    """

    @Test func aWholeLogReadsAndWritesBackUnchanged() throws {
        let log = try TrainingLog.decode(Data(Self.log.utf8))
        #expect(log.configuration.name == "tiny" && log.configuration.mlpWidth == 64)
        #expect(log.options?.batchSize == 2 && log.options?.seed == 1337)
        #expect(log.steps.count == 1 && log.steps[0].loss.isNaN && log.steps[0].learningRate == 0.001)
        #expect(log.evaluations == [TrainingLog.Evaluation(step: 1, validationLoss: 5.5, probeFile: "probes/step-000001.safetensors")])
        #expect(log.probe?.ids == [7, 8, 9, 9] && log.probe?.excerptLength == 2 && log.probe?.repeatLength == 1)
        #expect(log.parameterCount == 5568 && log.trainingTokens == 900 && log.validationTokens == 100 && log.checkpoints == [1])
        #expect(String(decoding: try log.encoded(), as: UTF8.self) == Self.log)
    }

    @Test func aPartialLogReadsWithTheShapeAlone() throws {
        let json = """
        {"configuration": {"layerCount": 2, "headCount": 3, "embeddingWidth": 12, "vocabularySize": 50, "contextLength": 8},
         "unigram_entropy_nats": 3.5, "steps": [{"step": 1, "loss": 4, "lr": 0.01}]}
        """
        let log = try TrainingLog.decode(Data(json.utf8))
        #expect(log.format == "gptscope.train-log/1" && log.configuration.name == "")
        #expect(log.configuration.layerCount == 2 && log.configuration.headCount == 3 && log.configuration.vocabularySize == 50)
        #expect(log.steps[0].loss == 4 && log.steps[0].gradientNorm.isNaN)
        #expect(log.options == nil && log.parameterCount == 0 && log.evaluations.isEmpty && log.checkpoints.isEmpty && log.probe == nil)
        #expect(throws: DecodingError.self) { try TrainingLog.decode(Data(#"{"configuration": {}}"#.utf8)) }
        #expect(throws: DecodingError.self) { try TrainingLog.decode(Data(#"{"configuration": {"layerCount": 1}, "steps": []}"#.utf8)) }
    }

    @Test func checkpointConfigHasTheKeysTransformersReads() throws {
        let configuration = GPTConfiguration(name: "tiny", vocabularySize: 300, contextLength: 16, embeddingWidth: 16, layerCount: 1, headCount: 2)
        // Epsilon as written in the configuration (1e-05, not the widened Float); dropout off;
        // the end-of-text token as both bos and eos.
        let expected = """
        {
          "activation_function" : "gelu_new",
          "architectures" : [
            "GPT2LMHeadModel"
          ],
          "attn_pdrop" : 0,
          "bos_token_id" : 299,
          "embd_pdrop" : 0,
          "eos_token_id" : 299,
          "layer_norm_epsilon" : 1e-05,
          "model_type" : "gpt2",
          "n_ctx" : 16,
          "n_embd" : 16,
          "n_head" : 2,
          "n_inner" : 64,
          "n_layer" : 1,
          "n_positions" : 16,
          "resid_pdrop" : 0,
          "torch_dtype" : "float32",
          "vocab_size" : 300
        }
        """
        #expect(String(decoding: try TrainingCheckpoint.configJSON(configuration, endOfTextID: 299), as: UTF8.self) == expected)
        let withoutToken = String(decoding: try TrainingCheckpoint.configJSON(configuration, endOfTextID: nil), as: UTF8.self)
        #expect(!withoutToken.contains("bos_token_id") && !withoutToken.contains("eos_token_id"))
    }
}
