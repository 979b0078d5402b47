import Foundation

/// What would make a refused piece of work fit in memory; the command line turns each case into
/// the option that does it (library code never names options).
public enum MemoryHint: Sendable, Equatable {
    /// Fewer tokens in one pass: at most `maximum` would fit (nil when not even one would).
    case fewerTokens(maximum: Int?)
    /// Record fewer activations.
    case fewerHooks
    /// Fewer positions drawn at once: at most `maximum` would fit.
    case fewerPositions(maximum: Int?)
    /// Fewer sequences per training step: at most `maximum` would fit.
    case smallerBatch(maximum: Int?)
    /// A shorter context: at most `maximum` positions would fit.
    case shorterContext(maximum: Int?)
    /// A model with fewer parameters.
    case smallerModel
    /// Less input at once.
    case smallerInput

    /// The hint in plain words, without option names.
    public var description: String {
        switch self {
        case .fewerTokens(let n): return "use fewer tokens" + Self.limit(n)
        case .fewerHooks: return "record fewer hooks"
        case .fewerPositions(let n): return "look at fewer positions" + Self.limit(n)
        case .smallerBatch(let n): return "use a smaller batch" + Self.limit(n)
        case .shorterContext(let n): return "use a shorter context" + Self.limit(n)
        case .smallerModel: return "use a smaller model"
        case .smallerInput: return "give less input at once"
        }
    }

    /// " (at most 1,234)" for a known maximum, "" otherwise.
    public static func limit(_ maximum: Int?) -> String {
        guard let maximum else { return "" }
        return " (at most \(grouped(maximum)))"
    }

    /// `1234567` → `1,234,567`, whatever the user's locale (refusals read the same everywhere).
    public static func grouped(_ value: Int) -> String {
        value.formatted(.number.locale(Locale(identifier: "en_US")))
    }
}
