import TensorCore

extension GPT {
    /// Default ceiling for a recorded cache: 2 GiB.
    public static let defaultMaxCacheBytes = 2 << 30

    /// Runs `tokens` from position 0 with `interventions` applied, and returns the logits and
    /// the hooks `hooks` selects (as the interventions left them).
    ///
    /// Checks the input first (ids in the vocabulary, length within the context, interventions
    /// that fit the model and the prompt) and estimates the recording's size, refusing past
    /// `maxCacheBytes` before computing anything.
    public func run(_ tokens: [Int], hooks: HookFilter = .none, interventions: [Intervention] = [],
                    maxCacheBytes: Int = GPT.defaultMaxCacheBytes) throws(ModelInputError) -> (logits: Tensor, cache: ActivationCache)
    {
        try validate(tokens)
        for intervention in interventions { try validate(intervention, tokens: tokens.count) }
        let bytes = estimatedCacheBytes(hooks, tokens: tokens.count)
        guard bytes <= maxCacheBytes else {
            throw .cacheTooLarge(bytes: bytes, limit: maxCacheBytes, hooks: hookNames.filter(hooks.matches).count)
        }
        var points = HookPoints(filter: hooks, interventions: interventions)
        let logits = forward(tokens, hooks: &points)
        return (logits, points.cache)
    }

    /// Throws unless every id is in the vocabulary and `past + tokens.count` fits the context.
    public func validate(_ tokens: [Int], past: Int = 0) throws(ModelInputError) {
        guard !tokens.isEmpty else { throw .emptyInput }
        guard past + tokens.count <= configuration.contextLength else {
            throw .tooLong(tokens: past + tokens.count, context: configuration.contextLength)
        }
        for (position, id) in tokens.enumerated() where id < 0 || id >= configuration.vocabularySize {
            throw .idOutOfVocabulary(id: id, position: position, vocabularySize: configuration.vocabularySize)
        }
    }

    /// Throws unless `intervention` names a hook of this model, selects a head and a position
    /// that exist in a `tokens`-long run from position 0, and replaces with a fitting number of values.
    public func validate(_ intervention: Intervention, tokens: Int) throws(ModelInputError) {
        let hook = intervention.hook, slice = intervention.slice
        func refuse(_ problem: String) -> ModelInputError { .invalidIntervention(hook: hook.description, problem: problem) }
        guard hookNames.contains(hook) else { throw refuse("this model has no such hook (see gptscope inspect)") }
        if let head = slice.head {
            guard let axis = hook.headAxis else { throw refuse("it has no heads; select a position or the whole value") }
            let heads = shape(of: hook, tokens: tokens)[axis]
            guard head >= 0 && head < heads else { throw refuse("head \(head) is outside 0..<\(heads)") }
        }
        if let position = slice.position, position < 0 || position >= tokens {
            throw refuse("position \(position) is outside the prompt's 0..<\(tokens)")
        }
        if case .replace(let values) = intervention.edit {
            let (count, row) = intervention.sliceSize(shape: shape(of: hook, tokens: tokens))
            guard values.count == count || values.count == row else {
                throw refuse("\(values.count) replacement values for a slice\(slice) of \(count) (or one row of \(row))")
            }
        }
    }

    /// The shape `name` is recorded with for `tokens` new positions after `past` cached ones.
    public func shape(of name: HookName, tokens: Int, past: Int = 0) -> [Int] {
        let c = configuration
        return name.shape(tokens: tokens, keys: past + tokens, width: c.embeddingWidth, heads: c.headCount,
                          keyValueHeads: c.keyValueHeadCount, headWidth: c.headWidth,
                          mlpWidth: c.mlpWidth, vocabulary: c.vocabularySize)
    }

    /// Bytes the hooks `filter` selects would take for a `tokens`-long forward pass (`Int.max`
    /// past it: the `[NH, T, T]` patterns of a long context overflow `Int`, so they are summed
    /// as doubles).
    public func estimatedCacheBytes(_ filter: HookFilter, tokens: Int) -> Int {
        let bytes = recordedBytes(hookNames.filter(filter.matches), tokens: tokens)
        return bytes < 0x1p63 ? Int(bytes) : Int.max
    }

    /// Bytes the float32 hooks `names` take for `tokens` new positions after `past` cached ones,
    /// summed in Double (each shape's product too, so no size can overflow). Scores and patterns
    /// count their packed lower triangle (see ``CausalScores``).
    func recordedBytes(_ names: [HookName], tokens: Int, past: Int = 0) -> Double {
        names.reduce(0.0) { sum, name in
            switch name {
            case .attnScores, .pattern:
                return sum + 4 * Double(configuration.headCount) * causalElements(tokens: tokens, past: past)
            default:
                return sum + shape(of: name, tokens: tokens, past: past).reduce(4.0) { $0 * Double($1) }
            }
        }
    }

    /// Elements of one head's packed scores: tiles of ``attentionQueryBlock`` queries, each as wide
    /// as its last query sees; in Double so no length overflows.
    func causalElements(tokens t: Int, past: Int) -> Double {
        stride(from: 0, to: t, by: attentionQueryBlock).reduce(0.0) { sum, first in
            let rows = Double(min(attentionQueryBlock, t - first))
            return sum + rows * (Double(past + first) + rows)
        }
    }
}
