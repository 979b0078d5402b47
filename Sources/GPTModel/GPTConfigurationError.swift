import Foundation

/// Why a configuration could not be read, found or accepted; each description is one line
/// naming the problem and the fix.
public enum GPTConfigurationError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The config.json file does not exist.
    case fileNotFound(path: String)
    /// A checkpoint directory without a config.json.
    case noConfigInDirectory(path: String)
    /// The file exists but could not be read.
    case unreadable(path: String, reason: String)
    /// The file is not valid JSON, or not a JSON object.
    case malformedJSON(path: String, detail: String)
    /// A required key is absent.
    case missingKey(path: String, key: String, modelType: String)
    /// A key holds a value of the wrong JSON type.
    case wrongType(path: String, key: String, expected: String)
    /// A key that holds a size or count has a fractional or huge number (`"n_embd": 192.5`).
    case notWholeNumber(path: String, key: String, found: Double)
    /// `model_type` names an architecture GPTScope does not read.
    case unsupportedModelType(path: String, modelType: String)
    /// `rope_scaling` / `rope_parameters` names a rope type GPTScope does not implement.
    case unsupportedRopeScaling(path: String, type: String)
    /// The rotary width (head width × partial rotary factor) is not a positive even number within the head.
    case invalidRotaryDimensions(path: String, dimensions: Int, headWidth: Int)
    /// The rotary base (`rope_theta`) is not a finite number above 1: the angles position · base^(−2i/d)
    /// would be NaN (base ≤ 0) or the same for every pair (base 1).
    case invalidRopeTheta(path: String, value: Double)
    /// The activation function is not one GPTScope implements.
    case unsupportedActivation(path: String, key: String, value: String)
    /// A size that must be positive is zero or negative.
    case nonPositive(model: String, field: String, value: Int)
    /// The head count does not divide the model width.
    case headsDoNotDivideWidth(model: String, heads: Int, width: Int)
    /// The key/value head count does not divide the query head count.
    case keyValueHeadsDoNotDivideHeads(model: String, keyValueHeads: Int, heads: Int)
    /// The normalization epsilon is not a positive finite number.
    case invalidEpsilon(model: String, value: Float)
    /// The sizes multiply to more parameters than can be counted sensibly.
    case tooLarge(model: String, estimate: Double)
    /// No preset has this name.
    case unknownPreset(name: String, suggestions: [String])

    /// What the user can do about the error, for a front end to phrase with its own options.
    public enum Hint: Equatable, Sendable {
        /// Give a preset name, a config.json file or a checkpoint directory.
        case givePresetConfigOrCheckpoint
        /// Look at the list of presets.
        case listPresets
    }

    /// The fix, when it is one a front end can phrase with its options.
    public var hint: Hint? {
        switch self {
        case .fileNotFound: return .givePresetConfigOrCheckpoint
        case .unknownPreset: return .listPresets
        default: return nil
        }
    }

    /// One line: what is wrong and how to fix it.
    public var description: String {
        switch self {
        case .fileNotFound(let path):
            return "no such file: \(path); give a preset name, a config.json file or a checkpoint directory"
        case .noConfigInDirectory(let path):
            return "\(path) has no config.json; a Hugging Face checkpoint directory holds config.json and model.safetensors"
        case .unreadable(let path, let reason):
            return "cannot read \(path): \(reason)"
        case .malformedJSON(let path, let detail):
            return "\(path) is not valid JSON (\(detail)); fix the file or download it again"
        case .missingKey(let path, let key, let modelType):
            return "\(path) has no \"\(key)\", which a \(modelType) config.json needs; add it or use the file saved with the checkpoint"
        case .wrongType(let path, let key, let expected):
            return "\(path): key \(key) must be \(expected); fix its value"
        case .invalidRopeTheta(let path, let value):
            return "\(path): rope_theta is \(value), but the rotary base must be a finite number above 1 (10000 in most models); fix its value"
        case .notWholeNumber(let path, let key, let found):
            let kind = found == found.rounded() ? "a whole number below 2^53" : "a whole number"
            return "\(path): key \(key) must be \(kind), found \(found); fix its value"
        case .unsupportedModelType(let path, let modelType):
            return "\(path) has model_type \"\(modelType)\", which GPTScope does not read; supported model types: "
                + GPTConfiguration.supportedModelTypes.joined(separator: ", ")
        case .unsupportedRopeScaling(let path, let type):
            return "\(path): rope type \"\(type)\" is not supported; use default, linear, dynamic or llama3"
        case .invalidRotaryDimensions(let path, let dimensions, let headWidth):
            return "\(path): the rotary width is \(dimensions) of a \(headWidth)-wide head, but it must be a positive even number no larger than the head; fix partial_rotary_factor or rotary_pct"
        case .unsupportedActivation(let path, let key, let value):
            return "\"\(key)\": \"\(value)\" in \(path) is not supported; use gelu_new, gelu, relu or silu"
        case .nonPositive(let model, let field, let value):
            return "\(model): \(field) is \(value), but it must be a positive integer"
        case .headsDoNotDivideWidth(let model, let heads, let width):
            return "\(model): n_head = \(heads) does not divide n_embd = \(width); choose a head count that divides the width (e.g. \(Self.divisorNear(heads, of: width)))"
        case .keyValueHeadsDoNotDivideHeads(let model, let kv, let heads):
            return "\(model): \(kv) key/value heads do not divide \(heads) query heads; each key/value head must serve the same number of query heads"
        case .invalidEpsilon(let model, let value):
            return "\(model): layer_norm_epsilon is \(value), but it must be a small positive number such as 1e-5"
        case .tooLarge(let model, let estimate):
            return "\(model): these sizes give about \(String(format: "%.1e", estimate)) parameters, too many to count; check the sizes"
        case .unknownPreset(let name, let suggestions):
            return "unknown preset \"\(name)\"\(Self.didYouMean(suggestions)); see the list of presets"
        }
    }

    /// ` (did you mean a, b?)`, or nothing without suggestions.
    public static func didYouMean(_ suggestions: [String]) -> String {
        suggestions.isEmpty ? "" : " (did you mean \(suggestions.joined(separator: ", "))?)"
    }

    /// The divisor of `width` closest to `heads`, for a helpful suggestion.
    static func divisorNear(_ heads: Int, of width: Int) -> Int {
        guard width > 0 else { return 1 }
        let divisors = (1...min(width, 4096)).filter { width % $0 == 0 }
        // On a tie prefer more heads: 5 heads of a 768-wide model → 6, not 4.
        return divisors.min { (abs($0 - heads), -$0) < (abs($1 - heads), -$1) } ?? 1
    }
}
