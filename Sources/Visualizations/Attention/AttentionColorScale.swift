import Charts

/// How attention weights (0…1) become colours: the normalisation of every attention grid and
/// its colorbar (`gptscope attention --scale`).
///
/// Each row of a pattern sums to 1, so the weights shrink as the prompt grows: a head spread
/// evenly over 128 tokens gives each 1/128 ≈ 0.008, which a linear scale draws in the same
/// near-black as 0. The square root keeps 0 at the bottom and the order of the weights, but
/// lifts small ones (0.01 → 0.1 of the bar, 1/128 → 0.09, 0.25 → 0.5), so diagonals, stripes
/// and first-token columns stay visible at long contexts while strong weights keep their
/// bright colours; hence the default. The log scale shows every order of magnitude down to
/// its floor, 0.0001 (0.01 → the middle of the bar), at the price of making faint attention
/// look as prominent as strong.
public enum AttentionColorScale: String, CaseIterable, Sendable {
    /// Colour proportional to the weight: honest about sizes, dark at long contexts.
    case linear
    /// Colour proportional to the square root of the weight (matplotlib's `PowerNorm(0.5)`).
    case sqrt
    /// Colour proportional to log10 of the weight from `logFloor` (darkest) to 1.
    case log

    /// The default of every attention grid.
    public static let standard = AttentionColorScale.sqrt

    /// Weights at or below this take the darkest colour of the log scale.
    public static let logFloor = 1e-4

    /// The normalisation of weights 0…1 for this scale.
    public var normalize: Normalize {
        switch self {
        case .linear: return .linear(0, 1)
        case .sqrt: return .power(0.5, 0, 1)
        case .log: return .log(Self.logFloor, 1)
        }
    }

    /// The colorbar label: what the colours are proportional to.
    public func colorbarLabel(_ quantity: String) -> String {
        switch self {
        case .linear: return quantity
        case .sqrt: return "\(quantity) (square-root scale)"
        case .log: return "\(quantity) (log scale)"
        }
    }

    /// A footnote sentence saying how to read the colours (nil for linear).
    public var note: String? {
        switch self {
        case .linear: return nil
        case .sqrt: return "Colours follow the square root of the weight, so small weights stay visible (0.25 sits half-way up the bar)."
        case .log: return "Colours follow log10 of the weight from 0.0001 (darkest, and everything below it) to 1, so every order of magnitude shows."
        }
    }
}
