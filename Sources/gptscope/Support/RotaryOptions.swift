import ArgumentParser
import Foundation
import GPTModel

/// The rotary embedding drawn by `posenc --kind rotary-…` and the third panel of
/// `posenc --compare`: from a Llama-type folder's config.json, or from the flags.
struct RotaryOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A Llama/Qwen2/GPT-NeoX folder whose config.json gives the rotary settings (rope_theta, head_dim, rope_scaling).", valueName: "DIR"))
    var rotaryModel: String?

    @Option(help: "Rotary base θ (rope_theta); default 10,000 as in Llama 2.")
    var ropeTheta: Double?

    @Option(help: "Rotating dimensions per head d (even); default 128 as in Llama 2.")
    var headDim: Int?

    @Option(help: "Rotary frequency scaling: none, linear or llama3.")
    var ropeScaling: String = "none"

    @Option(help: "Scaling factor for --rope-scaling (default 8, as Llama 3.1).")
    var factor: Double = 8

    @Option(help: "llama3 scaling's original context length (default 8,192, as Llama 3.1).")
    var originalContext: Int = 8192

    /// Whether any flag describes the rotary embedding by hand.
    var givesSettings: Bool { ropeTheta != nil || headDim != nil || ropeScaling != "none" }

    func validate() throws {
        if let ropeTheta, !(ropeTheta > 1 && ropeTheta.isFinite) { throw ValidationError("--rope-theta must be greater than 1, got \(ropeTheta); try --rope-theta 10000") }
        if let headDim, headDim < 2 || headDim % 2 != 0 || headDim > 1024 {
            throw ValidationError("--head-dim must be an even number from 2 to 1,024 (dimensions rotate in pairs), got \(headDim); try --head-dim 64")
        }
        guard ["none", "linear", "llama3"].contains(ropeScaling) else {
            throw ValidationError("--rope-scaling must be none, linear or llama3, got '\(ropeScaling)'")
        }
        if !(factor >= 1) { throw ValidationError("--factor must be at least 1, got \(factor); try --factor 8") }
        if originalContext < 1 { throw ValidationError("--original-context must be at least 1, got \(originalContext); try --original-context 8192") }
        if rotaryModel != nil, givesSettings {
            throw ValidationError("--rotary-model takes the rotary settings from its config.json; leave out --rope-theta, --head-dim and --rope-scaling")
        }
    }

    /// The rotary embedding of `folder` (a checkpoint directory), or nil when its model uses
    /// learned or sinusoidal positions.
    static func rotary(ofModel folder: String) throws -> RotaryEmbedding? {
        let configuration = try GPTConfiguration.load(checkpointDirectory: URL(fileURLWithPath: folder))
        return configuration.positionEncoding == .rotary ? configuration.rotaryEmbedding : nil
    }

    /// The rotary embedding these options describe (`--rotary-model`, else the flags).
    func rotary() throws -> RotaryEmbedding {
        if let rotaryModel {
            guard let found = try Self.rotary(ofModel: rotaryModel) else {
                throw ValidationError("\(rotaryModel) has learned positions (wpe), not rotary ones; give a Llama, Qwen2 or GPT-NeoX folder to --rotary-model")
            }
            return found
        }
        let scaling: RotaryEmbedding.Scaling = switch ropeScaling {
        case "linear": .linear(factor: factor)
        case "llama3": .llama3(factor: factor, lowFrequencyFactor: 1, highFrequencyFactor: 4, originalContext: originalContext)
        default: .none
        }
        return RotaryEmbedding(base: ropeTheta ?? 10_000, dimensions: headDim ?? 128, scaling: scaling)
    }
}
