import Foundation

/// Writes the `--json` documents of run, generate, inspect and bench (sorted keys, non-ASCII kept).
enum ModelJSON {
    /// Pretty-printed JSON text of a document.
    static func text(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // A model loaded with --allow-nonfinite gives NaN probabilities: written as the string "NaN".
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "+Inf", negativeInfinity: "-Inf", nan: "NaN")
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
