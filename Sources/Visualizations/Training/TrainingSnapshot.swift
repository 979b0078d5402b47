import Foundation
import GPTModel

/// One probe snapshot (`probes/step-NNNNNN.safetensors`): every layer's attention pattern on
/// the probe prompt at one step of training.
public struct TrainingSnapshot: Sendable, Equatable {
    /// Steps completed when it was taken.
    public var step: Int
    /// One pattern per layer, `[NH, T, T]`.
    public var patterns: [AttentionPattern]

    /// A snapshot from its parts.
    public init(step: Int, patterns: [AttentionPattern]) {
        self.step = step
        self.patterns = patterns
    }

    /// Reads a snapshot written by the trainer (`blocks.{i}.attn.hook_pattern` tensors `[NH, T, T]`).
    public static func load(_ url: URL, step: Int, layers: Int) throws -> TrainingSnapshot {
        do {
            let file = try SafetensorsFile(contentsOf: url)
            var patterns: [AttentionPattern] = []
            for layer in 0..<layers {
                let name = "blocks.\(layer).attn.hook_pattern"
                guard file.entries[name] != nil else {
                    throw TrainingReportError.unreadableProbe(path: url.path, reason: "no tensor \(name)")
                }
                let tensor = try file.tensor(named: name)
                guard tensor.shape.count == 3, tensor.shape[1] == tensor.shape[2] else {
                    throw TrainingReportError.unreadableProbe(path: url.path, reason: "\(name) has shape \(tensor.shape), expected [NH, T, T]")
                }
                patterns.append(try AttentionPattern(heads: tensor.shape[0], tokens: tensor.shape[1], weights: tensor.scalars))
            }
            return TrainingSnapshot(step: step, patterns: patterns)
        } catch let error as TrainingReportError {
            throw error
        } catch {
            throw TrainingReportError.unreadableProbe(path: url.path, reason: "\(error)")
        }
    }
}
