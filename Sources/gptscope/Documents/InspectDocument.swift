/// What `gptscope inspect --json` prints (`gptscope.inspect/1`).
struct InspectDocument: Encodable {
    /// A hook and its shape for the chosen T.
    struct Hook: Encodable {
        var name: String
        var shape: [Int]
    }

    /// A checkpoint tensor.
    struct CheckpointTensor: Encodable {
        var name: String
        var shape: [Int]
        var dtype: String
        var count: Int
        /// Whether it is a parameter (false: a buffer such as GPT-2's attention mask).
        var parameter: Bool
    }

    var schema = "gptscope.inspect/1"
    var model: String
    var tokens: Int
    var hooks: [Hook]
    var allHooksBytes: Int
    var tensors: [CheckpointTensor]
    var checkpointParameters: Int
    var accountingParameters: Int
    var accountingMatches: Bool

    enum CodingKeys: String, CodingKey {
        case schema, model, tokens, hooks, allHooksBytes = "all_hooks_bytes", tensors
        case checkpointParameters = "checkpoint_parameters", accountingParameters = "accounting_parameters"
        case accountingMatches = "accounting_matches"
    }
}
