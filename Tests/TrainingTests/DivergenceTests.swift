import Foundation
import GPTModel
import TensorCore
import Testing
@testable import Training

/// Issue #17: a run whose loss turns NaN stops with the step and keeps its last finite
/// checkpoint; the memory estimate of a very deep model is computed without listing its layers.
struct DivergenceTests {
    /// A learning rate of 10⁶ blows the weights up within a few steps (the loss reaches ~10¹⁸
    /// and then NaN): the run throws `diverged` naming a step after the last saved one, and the
    /// checkpoint on disk holds only finite weights.
    @Test func aDivergingRunStopsAndKeepsTheLastFiniteCheckpoint() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gptscope-diverge-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        var options = TrainingRunTests.options(steps: 40)
        (options.learningRate, options.warmupSteps) = (1e6, 0)
        var caught: TrainingError?
        do { _ = try TrainingRunTests.run(in: folder, options: options) } catch let error as TrainingError { caught = error }
        guard case let .diverged(step, _, value, lastCheckpoint, _)? = caught else {
            Issue.record("expected diverged, got \(String(describing: caught))")
            return
        }
        #expect(!value.isFinite)
        let saved = try #require(lastCheckpoint)
        #expect(saved < step && saved % options.saveEvery == 0)
        let file = try SafetensorsFile(contentsOf: folder.appendingPathComponent("model.safetensors"))
        for name in file.names {
            #expect(try file.tensor(named: name).scalars.allSatisfy(\.isFinite), "\(name)")
        }
    }

    /// P for n_layer = 2^31 − 1 at V 300, T 16, C 16 (F 64): embeddings 300·16 + 16·16 = 5,056,
    /// final norm 32, and 12C² + 13C = 3,280 per layer.
    @Test func parameterCountOfAVeryDeepModelIsExactWithoutListingLayers() {
        let deep = GPTConfiguration(name: "deep", vocabularySize: 300, contextLength: 16, embeddingWidth: 16,
                                    layerCount: 2_147_483_647, headCount: 2)
        #expect(TrainingMemoryEstimate.parameterCount(deep) == 5056 + 32 + 2_147_483_647 * 3280)
        // GPT-2 small (12 layers): transformers counts 124,439,808 parameters.
        #expect(TrainingMemoryEstimate.parameterCount(GPTConfiguration(name: "gpt2")) == 124_439_808)
    }
}
