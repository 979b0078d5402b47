import Foundation

/// Seed inputs, read from the other test targets' fixtures (not copied here).
enum FuzzSeeds {
    static let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()

    static func bytes(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: tests.appendingPathComponent(path)))
    }

    /// One config.json per supported family (gpt2, openai-gpt, llama, qwen2, mistral, gpt_neox),
    /// with the family's variants (rope scaling, grouped-query attention, parallel residual).
    static func configs() throws -> [[UInt8]] {
        try ["configs/gpt2", "configs/gpt2-n-inner", "configs/openai-gpt", "families/llama-gqa", "families/llama-dynamic",
             "families/llama3-scaled", "families/llama-linear-bf16", "configs/llama-head-dim", "families/qwen2-sharded",
             "families/mistral-window", "families/neox-parallel", "families/neox-sequential"]
            .map { try bytes("GPTModelTests/Fixtures/\($0)/config.json") }
    }
}
