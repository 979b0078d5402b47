/// Problems with the inputs of the layer-by-layer figures (residual norms, logit lens,
/// next-token probabilities, generation).
public enum LayersError: Error, Equatable, CustomStringConvertible {
    /// A position outside the prompt.
    case positionOutOfRange(position: Int, count: Int)
    /// A range of positions that is empty or reaches past the prompt.
    case rangeOutOfBounds(lower: Int, upper: Int, count: Int)
    /// `top-k` below 1.
    case invalidTopK(Int)
    /// More bars than the next-token figure can draw.
    case topKTooLarge(Int, limit: Int)
    /// The analysis was recorded without a hook the figure reads.
    case missingActivation(String)
    /// A generation with no steps.
    case noSteps
    /// A generation file that is not a recorded generation (`gptscope.generate/1` JSON).
    case invalidGenerationFile(String)

    /// What the user can do about the error, for a front end to phrase with its own commands.
    public enum Hint: Equatable, Sendable {
        /// Record a generation as JSON (the generate command's JSON output) and give that file.
        case recordGenerationJSON
    }

    /// The fix, when there is one a front end can phrase with its commands.
    public var hint: Hint? {
        if case .invalidGenerationFile = self { return .recordGenerationJSON }
        return nil
    }

    public var description: String {
        switch self {
        case let .positionOutOfRange(position, count):
            return "position \(position) is outside the prompt's \(count) positions; pass 0…\(max(0, count - 1)) (or -1 for the last)"
        case let .rangeOutOfBounds(lower, upper, count):
            return "positions \(lower)..<\(upper) are not a non-empty part of the prompt's \(count) positions; pass A:B with 0 ≤ A < B ≤ \(count)"
        case let .invalidTopK(k):
            return "top-k must be at least 1, got \(k)"
        case let .topKTooLarge(k, limit):
            return "top-k \(k) is more bars than the next-token figure can draw; use at most \(limit)"
        case let .missingActivation(name):
            return "the analysis has no recorded \(name); run the prompt with that hook recorded (PromptAnalysis.run with LayerFigures.hooks(for:))"
        case .noSteps:
            return "the generation has no steps; generate at least one token"
        case let .invalidGenerationFile(reason):
            return "not a gptscope generation: \(reason); record one as JSON with the generate command"
        }
    }
}
