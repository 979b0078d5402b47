/// What `gptscope run --json` prints (`gptscope.run/1`).
struct RunDocument: Encodable {
    /// A prompt token.
    struct Token: Encodable {
        var id: Int
        var text: String
    }

    /// A next-token prediction.
    struct Prediction: Encodable {
        var id: Int
        var text: String
        var probability: Double
    }

    /// A recorded hook and the shape of its tensor.
    struct Hook: Encodable {
        var name: String
        var shape: [Int]
    }

    var schema = "gptscope.run/1"
    var model: String
    /// The tokenizer whose ids `tokens` and `predictions` are (`gpt2`, `gptscope-default`, a
    /// checkpoint folder's name; absent when the checkpoint has none).
    var tokenizer: String?
    var tokens: [Token]
    var predictions: [Prediction]
    var hooks: [Hook]
    /// Where `--save-cache` wrote the activations (absent without it).
    var savedCache: String?

    enum CodingKeys: String, CodingKey { case schema, model, tokenizer, tokens, predictions, hooks, savedCache = "saved_cache" }
}
