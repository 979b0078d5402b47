import Foundation
import GPTModel
import TensorCore
import Testing
import Visualizations

/// A synthetic training run folder, written by the tests: a `train-log.json` with a falling loss
/// and probe snapshots in which head L0 H1 turns, step by step, from uniform attention into a
/// previous-token head and head L1 H2 into an induction head; every other head stays uniform.
enum SyntheticTrainingRun {
    static let layers = 2, heads = 3
    static let excerpt = 8, repeatLength = 8
    static var tokens: Int { excerpt + 2 * repeatLength }
    static let snapshotSteps = [0, 10, 20, 30, 40, 50]
    static let unigram = 4.0
    static let vocabulary = 100
    static var ids: [Int] {
        let random = [41, 17, 88, 23, 64, 15, 92, 30]
        return [1, 2, 3, 4, 5, 6, 7, 8] + random + random
    }

    /// How far a forming head has formed at `step`: 0 at the first snapshot, 1 at the last.
    static func progress(_ step: Int) -> Double { Double(step) / Double(snapshotSteps.last ?? 1) }

    /// Row-major `[T, T]` pattern of (layer, head) at `step`.
    static func pattern(layer: Int, head: Int, step: Int) -> [Double] {
        let t = tokens, a = progress(step)
        var m = [Double](repeating: 0, count: t * t)
        for q in 0..<t {
            for k in 0...q { m[q * t + k] = 1 / Double(q + 1) }  // uniform over the visible keys
            var target: Int?
            if layer == 0 && head == 1 && q > 0 { target = q - 1 }
            if layer == 1 && head == 2 && q >= excerpt + repeatLength { target = q - repeatLength + 1 }
            if let target {
                for k in 0...q { m[q * t + k] *= 1 - a }
                m[q * t + target] += a
            }
        }
        return m
    }

    /// Writes the log and the snapshots into a new temporary folder (`probes` false: none).
    static func write(steps: Int = 50, probes: Bool = true) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gptscope-trainviz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("probes"), withIntermediateDirectories: true)
        let stepRecords: [[String: Any]] = (1...steps).map { s in
            let x = Double(s)
            let loss: Double = 3 + 1.6 * exp(-x / 10) + 0.05 * sin(x)
            let lr: Double = 1e-3 * min(1, x / 5)
            return ["step": s, "loss": loss, "lr": lr, "grad_norm": 1.0, "tokens_per_second": 1000.0]
        }
        var evals: [[String: Any]] = []
        for step in snapshotSteps where step <= steps {
            let name = String(format: "probes/step-%06d.safetensors", step)
            let validation: Double = 3.1 + 1.5 * exp(-Double(step) / 10)
            evals.append(["step": step, "val_loss": validation, "probe_file": name])
            guard probes else { continue }
            var tensors: [String: Tensor] = [:]
            for layer in 0..<layers {
                let scalars = (0..<heads).flatMap { pattern(layer: layer, head: $0, step: step).map(Float.init) }
                tensors["blocks.\(layer).attn.hook_pattern"] = Tensor(shape: [heads, tokens, tokens], scalars: scalars)
            }
            try SafetensorsWriter.write(tensors, metadata: ["step": String(step)], to: folder.appendingPathComponent(name))
        }
        let log: [String: Any] = [
            "format": "gptscope.train-log/1",
            "configuration": ["name": "synthetic", "layerCount": layers, "headCount": heads, "embeddingWidth": 12,
                              "vocabularySize": vocabulary, "contextLength": tokens],
            "parameter_count": 12_345, "unigram_entropy_nats": unigram, "train_tokens": 1000, "val_tokens": 100,
            "steps": stepRecords, "evals": evals, "checkpoints": [steps],
            "probe": ["ids": ids, "labels": ids.map { "t\($0)" }, "excerpt_length": excerpt, "repeat_length": repeatLength],
        ]
        try JSONSerialization.data(withJSONObject: log).write(to: folder.appendingPathComponent("train-log.json"))
        return folder
    }
}
