import Foundation

/// A tiny GPT-2 checkpoint (1 layer, 2 heads, width 8, 300 tokens) with a very long context, for
/// the memory refusals: its weights take a few MB, but a pass over tens of thousands of its
/// positions, or their position-by-position similarity, would take tens of GB.
enum LongContextCheckpoint {
    /// Writes `config.json` and `model.safetensors` (small deterministic values) into a new
    /// temporary folder and returns it.
    static func write(positions: Int) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gptscope-long-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let (v, c, f) = (300, 8, 32)
        let config: [String: Any] = [
            "model_type": "gpt2", "vocab_size": v, "n_positions": positions, "n_embd": c, "n_layer": 1, "n_head": 2,
            "n_inner": f, "activation_function": "gelu_new", "layer_norm_epsilon": 1e-5, "tie_word_embeddings": true,
        ]
        try JSONSerialization.data(withJSONObject: config).write(to: folder.appendingPathComponent("config.json"))
        let shapes: [(String, [Int])] = [
            ("wte.weight", [v, c]), ("wpe.weight", [positions, c]),
            ("h.0.ln_1.weight", [c]), ("h.0.ln_1.bias", [c]),
            ("h.0.attn.c_attn.weight", [c, 3 * c]), ("h.0.attn.c_attn.bias", [3 * c]),
            ("h.0.attn.c_proj.weight", [c, c]), ("h.0.attn.c_proj.bias", [c]),
            ("h.0.ln_2.weight", [c]), ("h.0.ln_2.bias", [c]),
            ("h.0.mlp.c_fc.weight", [c, f]), ("h.0.mlp.c_fc.bias", [f]),
            ("h.0.mlp.c_proj.weight", [f, c]), ("h.0.mlp.c_proj.bias", [c]),
            ("ln_f.weight", [c]), ("ln_f.bias", [c]),
        ]
        var header: [String: Any] = [:]
        var body = Data()
        var state: UInt64 = 1
        for (name, shape) in shapes {
            let count = shape.reduce(1, *)
            let start = body.count
            for _ in 0 ..< count {
                // Values in ±0.05 from a 64-bit LCG; norm weights are 1.
                state = state &* 6364136223846793005 &+ 1442695040888963407
                let value: Float = name.hasSuffix("ln_1.weight") || name.hasSuffix("ln_2.weight") || name.hasSuffix("ln_f.weight")
                    ? 1 : (Float(state >> 40) / Float(1 << 24) - 0.5) / 10
                withUnsafeBytes(of: value.bitPattern.littleEndian) { body.append(contentsOf: $0) }
            }
            header["transformer." + name] = ["dtype": "F32", "shape": shape, "data_offsets": [start, body.count]]
        }
        var json = try JSONSerialization.data(withJSONObject: header, options: .sortedKeys)
        while json.count % 8 != 0 { json.append(0x20) }
        var file = Data()
        withUnsafeBytes(of: UInt64(json.count).littleEndian) { file.append(contentsOf: $0) }
        file.append(json)
        file.append(body)
        try file.write(to: folder.appendingPathComponent("model.safetensors"))
        return folder
    }
}
