/// What `gptscope bench forward --json` prints (`gptscope.bench.forward/1`).
struct BenchForwardDocument: Encodable {
    /// The timings at one sequence length, in milliseconds.
    struct Row: Encodable {
        var tokens: Int
        /// Median and fastest run with recording off.
        var offMilliseconds: Double, offMinimumMilliseconds: Double
        /// Median and fastest run recording every hook.
        var allHooksMilliseconds: Double, allHooksMinimumMilliseconds: Double
        /// Bytes recorded with every hook.
        var cacheBytes: Int

        enum CodingKeys: String, CodingKey {
            case tokens, offMilliseconds = "off_ms", offMinimumMilliseconds = "off_min_ms"
            case allHooksMilliseconds = "all_hooks_ms", allHooksMinimumMilliseconds = "all_hooks_min_ms"
            case cacheBytes = "cache_bytes"
        }
    }

    var schema = "gptscope.bench.forward/1"
    var checkpoint: String
    var loadSeconds: Double
    var forward: [Row]
    var generateTokens: Int
    /// nil (written as null) when no tokens were generated.
    var generateTokensPerSecond: Double?
    var promptSeconds: Double
    var peakResidentBytes: Int
    var threads: Int

    enum CodingKeys: String, CodingKey {
        case schema, checkpoint, loadSeconds = "load_seconds", forward, generateTokens = "generate_tokens"
        case generateTokensPerSecond = "generate_tokens_per_second", promptSeconds = "prompt_seconds"
        case peakResidentBytes = "peak_resident_bytes", threads
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schema, forKey: .schema)
        try c.encode(checkpoint, forKey: .checkpoint)
        try c.encode(loadSeconds, forKey: .loadSeconds)
        try c.encode(forward, forKey: .forward)
        try c.encode(generateTokens, forKey: .generateTokens)
        try c.encode(generateTokensPerSecond, forKey: .generateTokensPerSecond)  // null, not absent
        try c.encode(promptSeconds, forKey: .promptSeconds)
        try c.encode(peakResidentBytes, forKey: .peakResidentBytes)
        try c.encode(threads, forKey: .threads)
    }
}
