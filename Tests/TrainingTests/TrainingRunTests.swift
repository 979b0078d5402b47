import Foundation
import GPTModel
import TensorCore
import Testing
@testable import Training

/// Whole runs on a tiny model: determinism, resume = uninterrupted, and the checkpoint files.
struct TrainingRunTests {
    static let configuration = GPTConfiguration(name: "tiny", vocabularySize: 50, contextLength: 12, embeddingWidth: 16,
                                                layerCount: 2, headCount: 2)

    static func options(steps: Int = 4, seed: UInt64 = 5) -> TrainingOptions {
        var o = TrainingOptions(steps: steps)
        (o.batchSize, o.contextLength, o.warmupSteps, o.learningRate) = (6, 12, 2, 3e-3)
        (o.evalEvery, o.saveEvery, o.evalSequences, o.seed) = (2, 2, 4, seed)
        return o
    }

    /// A stream with structure to learn: counting up by 1 mod 50 with occasional jumps.
    static func dataset() throws -> TokenDataset {
        var generator = SplitMix64(seed: 11)
        var tokens: [Int] = [], current = 0
        for _ in 0 ..< 3000 {
            current = generator.next() % 10 == 0 ? Int(generator.next() % 50) : (current + 1) % 50
            tokens.append(current)
        }
        return try TokenDataset(tokens: tokens, contextLength: 12, validationFraction: 0.1)
    }

    static func run(in folder: URL, options: TrainingOptions, stopAt: Int? = nil) throws -> TrainingRun {
        let data = try dataset()
        let model = GPT.initialized(configuration, seed: options.seed)
        let probe = ProbePrompt(dataset: data, contextLength: 12, seed: options.seed) { $0.map(String.init) }
        let log = TrainingLog(configuration: configuration, parameterCount: model.parameterCount, options: options,
                              corpusFiles: ["synthetic"], dataset: data, probe: probe)
        try TrainingCheckpoint.prepare(folder)
        var run = TrainingRun(directory: folder, trainer: Trainer(model: model, options: options, dataset: data),
                              log: log, tokenizerFiles: [:], endOfTextID: nil)
        _ = try run.run(stopAt: stopAt)
        return run
    }

    static func temporaryFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("gptscope-train-\(UUID().uuidString)")
    }

    @Test func sameSeedSameLossesDifferentSeedDifferentLosses() throws {
        let (a, b, c) = (Self.temporaryFolder(), Self.temporaryFolder(), Self.temporaryFolder())
        defer { for f in [a, b, c] { try? FileManager.default.removeItem(at: f) } }
        let first = try Self.run(in: a, options: Self.options(steps: 3)).log.steps.map(\.loss)
        let second = try Self.run(in: b, options: Self.options(steps: 3)).log.steps.map(\.loss)
        let other = try Self.run(in: c, options: Self.options(steps: 3, seed: 6)).log.steps.map(\.loss)
        #expect(first.count == 3)
        #expect(first == second)
        #expect(first != other)
        // A fresh model predicts about uniformly: the first loss is near ln 50.
        #expect(abs(first[0] - log(50)) < 0.2)
    }

    @Test func resumingEqualsAnUninterruptedRun() throws {
        let (whole, split) = (Self.temporaryFolder(), Self.temporaryFolder())
        defer { for f in [whole, split] { try? FileManager.default.removeItem(at: f) } }
        let uninterrupted = try Self.run(in: whole, options: Self.options())
        let stopped = try Self.run(in: split, options: Self.options(), stopAt: 2)
        #expect(stopped.trainer.completedSteps == 2)
        let (trainer, log) = try TrainingCheckpoint.resume(from: split, options: Self.options(), dataset: Self.dataset())
        var resumed = TrainingRun(directory: split, trainer: trainer, log: log, tokenizerFiles: [:], endOfTextID: nil)
        #expect(try resumed.run())
        #expect(resumed.log.steps.map(\.loss) == uninterrupted.log.steps.map(\.loss))
        #expect(resumed.log.evaluations.map(\.validationLoss) == uninterrupted.log.evaluations.map(\.validationLoss))
        let parameters = uninterrupted.trainer.model.parameters
        #expect(parameters.map { $0.tensor(in: resumed.trainer.model) } == parameters.map { $0.tensor(in: uninterrupted.trainer.model) })
    }

    @Test func resumeNamesAMisshapedOptimizerMoment() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try Self.run(in: folder, options: Self.options(), stopAt: 2)
        let url = folder.appendingPathComponent(TrainingCheckpoint.stateFileName)
        let state = try SafetensorsFile(contentsOf: url)
        var tensors: [String: Tensor] = [:]
        for name in state.names { tensors[name] = try state.tensor(named: name) }
        tensors["exp_avg_sq.h.1.mlp.c_fc.bias"] = Tensor(shape: [3])
        try SafetensorsWriter.write(tensors, metadata: state.metadata, to: url)
        let error = try #require(throws: TrainingError.self) {
            try TrainingCheckpoint.resume(from: folder, options: Self.options(), dataset: Self.dataset())
        }
        guard case let .inconsistentCheckpoint(_, reason) = error else { Issue.record("\(error)"); return }
        #expect(reason.contains("exp_avg_sq.h.1.mlp.c_fc.bias [3]") && reason.contains("[64]"), "\(reason)")
        #expect(!error.description.contains("\n"))
    }

    @Test func checkpointIsAHuggingFaceFolderGPTLoadReads() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try Self.run(in: folder, options: Self.options())
        let loaded = try GPT.load(directory: folder)
        let tokens = [1, 2, 3, 4, 5]
        var r1 = HookPoints.none, r2 = HookPoints.none
        #expect(loaded.forward(tokens, hooks: &r1) == run.trainer.model.forward(tokens, hooks: &r2))
        let config = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("config.json"))) as? [String: Any]
        #expect(config?["model_type"] as? String == "gpt2")
        #expect(config?["n_positions"] as? Int == 12)
        let weights = try SafetensorsFile(contentsOf: folder.appendingPathComponent("model.safetensors"))
        #expect(weights.metadata["format"] == "pt")
        #expect(weights.names.contains("wte.weight") && !weights.names.contains { $0.hasPrefix("transformer.") })
        // Log and probes: evaluations at 0, 2, 4, each with its snapshot of every layer's pattern.
        let log = try TrainingLog.decode(Data(contentsOf: folder.appendingPathComponent("train-log.json")))
        #expect(log.evaluations.map(\.step) == [0, 2, 4])
        #expect(log.checkpoints == [2, 4])
        #expect(log.steps.map(\.step) == [1, 2, 3, 4])
        let probe = try SafetensorsFile(contentsOf: folder.appendingPathComponent("probes/step-000004.safetensors"))
        #expect(probe.names == ["blocks.0.attn.hook_pattern", "blocks.1.attn.hook_pattern"])
        #expect(probe.entries["blocks.0.attn.hook_pattern"]?.shape == [2, 12, 12])
        // Nothing left from staging.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty)
    }

    @Test func trainingLowersTheLoss() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var options = Self.options(steps: 60)
        (options.evalEvery, options.saveEvery, options.learningRate) = (60, 60, 1e-2)
        let run = try Self.run(in: folder, options: options)
        let evaluations = run.log.evaluations.map(\.validationLoss)
        // The stream is mostly "next number": context beats token frequencies (≈ ln 50 ≈ 3.9) by far.
        #expect(evaluations.last! < run.log.unigramEntropy - 1, "validation \(evaluations), unigram \(run.log.unigramEntropy)")
    }
}
