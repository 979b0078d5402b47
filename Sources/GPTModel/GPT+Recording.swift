import TensorCore

extension GPT {
    /// Default ceiling for a recorded cache: 2 GiB.
    public static let defaultMaxCacheBytes = 2 << 30

    /// Runs `tokens` from position 0 and returns the logits and the hooks `hooks` selects.
    ///
    /// Checks the input first (ids in the vocabulary, length within the context) and estimates
    /// the recording's size, refusing past `maxCacheBytes` before computing anything.
    public func run(_ tokens: [Int], hooks: HookFilter = .none, maxCacheBytes: Int = GPT.defaultMaxCacheBytes)
        throws(ModelInputError) -> (logits: Tensor, cache: ActivationCache)
    {
        try validate(tokens)
        let bytes = estimatedCacheBytes(hooks, tokens: tokens.count)
        guard bytes <= maxCacheBytes else {
            throw .cacheTooLarge(bytes: bytes, limit: maxCacheBytes, hooks: hookNames.filter(hooks.matches).count)
        }
        var recorder = HookRecorder(filter: hooks)
        let logits = forward(tokens, recorder: &recorder)
        return (logits, recorder.cache)
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

    /// The shape `name` is recorded with for `tokens` new positions after `past` cached ones.
    public func shape(of name: HookName, tokens: Int, past: Int = 0) -> [Int] {
        let c = configuration
        return name.shape(tokens: tokens, keys: past + tokens, width: c.embeddingWidth, heads: c.headCount,
                          mlpWidth: c.mlpWidth, vocabulary: c.vocabularySize)
    }

    /// Bytes the hooks `filter` selects would take for a `tokens`-long forward pass (`Int.max`
    /// past it: the `[NH, T, T]` patterns of a long context overflow `Int`, so they are summed
    /// as doubles).
    public func estimatedCacheBytes(_ filter: HookFilter, tokens: Int) -> Int {
        let bytes = hookNames.filter(filter.matches).reduce(0.0) { sum, name in
            sum + shape(of: name, tokens: tokens).reduce(4.0) { $0 * Double($1) }
        }
        return bytes < 0x1p63 ? Int(bytes) : Int.max
    }

    /// Parses one hook pattern (an exact name or a `*` glob), throwing with the closest real name when it matches nothing.
    public func checkHookPattern(_ pattern: String) throws(ModelInputError) {
        let names = hookNames
        guard !HookFilter.pattern(pattern, matchesAnyOf: names) else { return }
        let suggestion = names.map(\.description).min { editDistance($0, pattern) < editDistance($1, pattern) }
        throw .unknownHook(name: pattern, suggestion: suggestion)
    }

    /// The hook called `text` in this model.
    public func hookName(_ text: String) throws(ModelInputError) -> HookName {
        if let name = hookNames.first(where: { $0.description == text }) { return name }
        let suggestion = hookNames.map(\.description).min { editDistance($0, text) < editDistance($1, text) }
        throw .unknownHook(name: text, suggestion: suggestion)
    }
}

/// Levenshtein distance over UTF-8 bytes, for "did you mean" suggestions.
func editDistance(_ a: String, _ b: String) -> Int {
    let x = Array(a.utf8), y = Array(b.utf8)
    var previous = Array(0 ... y.count)
    var current = previous
    for i in 1 ... max(x.count, 1) where !x.isEmpty {
        current[0] = i
        for j in 1 ..< y.count + 1 {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
        }
        swap(&previous, &current)
    }
    return x.isEmpty ? y.count : previous[y.count]
}
