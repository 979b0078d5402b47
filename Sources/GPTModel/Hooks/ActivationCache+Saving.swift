import Foundation
import TensorCore

extension ActivationCache {
    /// Writes the recorded tensors as safetensors under their TransformerLens names (no batch
    /// dimension), with the token ids and token strings as JSON arrays in the metadata
    /// (`token_ids`, `token_strings`) plus any `extra` entries. Atomic: a failure leaves no file.
    ///
    /// Attention scores and patterns are written as full `[NH, T, S]` tensors (masked entries
    /// `-inf` and 0, as TransformerLens records them), unpacked one at a time as they are
    /// written; `dtype` `.f16` halves the file (values rounded to float16, masked scores `-inf`).
    ///
    /// Python: `safetensors.numpy.load_file(path)`; metadata via `safe_open(path, "np").metadata()`.
    public func save(to url: URL, tokenIDs: [Int], tokenStrings: [String], extra: [String: String] = [:],
                     dtype: SafetensorsDType = .f32) throws(SafetensorsError) {
        var metadata = extra
        metadata["token_ids"] = Self.json(tokenIDs)
        metadata["token_strings"] = Self.json(tokenStrings)
        metadata["format"] = "gptscope.activations/1"
        var byName: [String: HookName] = [:], shapes: [String: [Int]] = [:]
        for name in names {
            byName[name.description] = name
            shapes[name.description] = shape(of: name)
        }
        try SafetensorsWriter.write(shapes: shapes, dtype: dtype, metadata: metadata, to: url) { self[byName[$0]!]! }
    }

    private static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }
}
