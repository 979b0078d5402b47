/// A per-layer summary of all heads' attention.
public enum AttentionAggregate: String, Sendable, CaseIterable, CustomStringConvertible {
    /// The mean over heads: where the layer as a whole looks.
    case mean
    /// The maximum over heads: where any head looks strongly.
    case max
    /// Attention rollout (Abnar & Zuidema 2020): head means with the residual identity added,
    /// rows renormalised, multiplied through the layers so far.
    case rollout

    public var description: String { rawValue }

    /// A phrase for titles.
    public var title: String {
        switch self {
        case .mean: return "mean over heads"
        case .max: return "max over heads"
        case .rollout: return "attention rollout"
        }
    }

    /// What the panels show, for subtitles.
    var explanation: String {
        switch self {
        case .mean: return "Each panel averages one layer's heads: where the layer as a whole attends."
        case .max: return "Each panel takes, per cell, the largest weight of any head in the layer: where some head attends strongly."
        case .rollout: return "Panel L: how much of each position's state after layer L traces back to each input token (rows sum to 1)."
        }
    }
}
