import TensorCore

extension GPT {
    /// Generates up to `maxTokens` tokens after `prompt`, one at a time with a KV cache.
    ///
    /// The prompt is run once to fill the cache; each later step runs only the new token.
    /// `onStep` is called as each token is chosen (the CLI prints from it). Stops early when the
    /// context is full. With `recordAttention`, each step keeps the predicting position's
    /// attention pattern in every layer.
    public func generate(
        prompt: [Int], maxTokens: Int, options: SamplingOptions = .greedy, runnersUp: Int = 4,
        recordAttention: Bool = false, onStep: (GenerationStep) -> Void = { _ in }
    ) throws(ModelInputError) -> [GenerationStep] {
        try options.validate()
        try validate(prompt)
        let total = min(prompt.count + maxTokens, configuration.contextLength)
        var cache = KVCache(configuration: configuration, capacity: total)
        return continueGenerating(input: prompt, cache: &cache, total: total, maxTokens: maxTokens, options: options,
                                  runnersUp: runnersUp, recordAttention: recordAttention, onStep: onStep)
    }

    /// Generates up to `maxTokens` tokens after a prompt that has already been run: `keys` and
    /// `values` are its recorded cached keys (``cachedKeyHook(_:)``: `hook_k`, or `hook_rot_k`
    /// in a rotary model) and `hook_v` (`[T, n_kv, d_head]`, one per layer), and `lastLogits`
    /// its last position's logits `[V]`.
    ///
    /// The same tokens as ``generate(prompt:maxTokens:options:runnersUp:recordAttention:onStep:)``
    /// (greedy and seeded sampling alike), without running the prompt a second time: the cache is
    /// filled from the recording, and the first token is chosen from `lastLogits`.
    public func generate(
        after prompt: [Int], keys: [Tensor], values: [Tensor], lastLogits: Tensor, maxTokens: Int,
        options: SamplingOptions = .greedy, runnersUp: Int = 4
    ) throws(ModelInputError) -> [GenerationStep] {
        try options.validate()
        try validate(prompt)
        let c = configuration.keyValueHeadCount * configuration.headWidth, t = prompt.count
        precondition(keys.count == configuration.layerCount && values.count == keys.count, "one key and value tensor per layer")
        precondition(lastLogits.count == configuration.vocabularySize, "lastLogits must hold one row of \(configuration.vocabularySize)")
        // As in `generate(prompt:)`, the last token may sit just past the context: it is predicted
        // from position n_ctx - 1 and never read back, so a full prompt still gets one token.
        let total = min(t + maxTokens, configuration.contextLength)
        guard maxTokens > 0 else { return [] }
        var cache = KVCache(configuration: configuration, capacity: total)
        for layer in 0 ..< configuration.layerCount {
            precondition(keys[layer].count == t * c && values[layer].count == t * c, "layer \(layer): keys and values must be [T, KV·hs]")
            cache.layers[layer].append(keys: keys[layer].reshaped([t, c]), values: values[layer].reshaped([t, c]))   // [T, KV, hs] -> [T, KV·hs]
        }
        var sampler = Sampler(options: options)
        let (chosen, alternatives) = sampler.choose(lastLogits.scalars[...], runnersUp: runnersUp)
        let first = GenerationStep(position: t, chosen: chosen, alternatives: alternatives, attention: nil)
        guard maxTokens > 1, t + 1 <= total else { return [first] }
        return [first] + continueGenerating(input: [chosen.id], cache: &cache, total: total, maxTokens: maxTokens - 1,
                                            options: options, runnersUp: runnersUp, sampler: sampler)
    }

    /// The generation loop: runs `input` through the model with `cache`, picks a token, repeats
    /// with that token until `maxTokens` are chosen or `total` positions are filled.
    private func continueGenerating(
        input prompt: [Int], cache: inout KVCache, total: Int, maxTokens: Int, options: SamplingOptions, runnersUp: Int,
        recordAttention: Bool = false, sampler existing: Sampler? = nil, onStep: (GenerationStep) -> Void = { _ in }
    ) -> [GenerationStep] {
        var sampler = existing ?? Sampler(options: options)
        let filter = recordAttention ? HookFilter(patterns: ["blocks.*.attn.hook_pattern"]) : .none
        var steps: [GenerationStep] = []
        var input = prompt
        while cache.length + input.count <= total, steps.count < maxTokens {
            var hooks = HookPoints(filter: filter)
            let logits = forward(input, cache: &cache, hooks: &hooks)     // [T, V]
            let vocabulary = logits.shape[1], last = logits.shape[0] - 1
            let (chosen, alternatives) = sampler.choose(logits.scalars[last * vocabulary ..< (last + 1) * vocabulary],
                                                        runnersUp: runnersUp)
            let attention = recordAttention ? (0 ..< configuration.layerCount).compactMap { layer in
                hooks.cache[.pattern(layer)].map(Self.lastQueryRow)
            } : nil
            let step = GenerationStep(position: cache.length, chosen: chosen, alternatives: alternatives, attention: attention)
            steps.append(step)
            onStep(step)
            input = [chosen.id]
        }
        return steps
    }

    /// The hook whose values the KV cache holds as keys in block `layer`: the rotated keys
    /// (`hook_rot_k`) in a rotary model, `hook_k` otherwise.
    public func cachedKeyHook(_ layer: Int) -> HookName {
        configuration.positionEncoding == .rotary ? .rotK(layer) : .k(layer)
    }

    /// `[NH, T, S] -> [NH, S]`: the last query's row of every head.
    static func lastQueryRow(_ pattern: Tensor) -> Tensor {
        let (nh, t, s) = (pattern.shape[0], pattern.shape[1], pattern.shape[2])
        var rows: [Float] = []
        rows.reserveCapacity(nh * s)
        for h in 0 ..< nh { rows += pattern.scalars[(h * t + t - 1) * s ..< (h * t + t) * s] }
        return Tensor(shape: [nh, s], scalars: rows)
    }
}
