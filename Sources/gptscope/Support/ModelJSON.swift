import Foundation

/// Writes the `--json` documents of run, generate, inspect and bench (sorted keys, non-ASCII kept).
enum ModelJSON {
    /// Pretty-printed JSON text of a document.
    static func text(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
