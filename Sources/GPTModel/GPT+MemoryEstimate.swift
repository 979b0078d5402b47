import TensorCore

extension GPT {
    /// The peak memory of one forward pass over `tokens` new positions after `past` cached ones,
    /// recording the hooks `hooks` selects — from the sizes alone, before anything is allocated.
    ///
    /// Letters: T tokens, S = past + T keys, L layers, NH heads, C width, F MLP width, V vocabulary;
    /// every element is a 4-byte float. Parts alive together at the peak (the last layer):
    /// - the recorded hooks, each its ``shape(of:tokens:past:)``;
    /// - one layer's attention scores and pattern, `[2, NH, T, S]` packed to their lower triangles
    ///   (freed before the next layer);
    /// - the keys and values of every layer, `[2, L, S, KV·hs]` (the pass keeps them to the end);
    /// - one layer's other activations, `[T, 10C + 2F]`: residual, norm, q k v, z, projection,
    ///   residual, norm, MLP hidden and GELU, MLP out, with `[T, 3C]` for the fused qkv;
    /// - the logits, `[T, V]`.
    public func forwardMemory(tokens t: Int, hooks: HookFilter = .none, past: Int = 0) -> MemoryEstimate {
        let c = configuration
        let recorded = hookNames.filter(hooks.matches)
        let s = Double(past) + Double(t)
        var subject = "\(MemoryHint.grouped(t)) token\(t == 1 ? "" : "s")"
        if past > 0 { subject += " after \(MemoryHint.grouped(past)) cached" }
        if !recorded.isEmpty {
            subject += recorded.count == hookNames.count ? ", every hook recorded" : ", \(recorded.count) hook\(recorded.count == 1 ? "" : "s") recorded"
        }
        var estimate = MemoryEstimate(subject: subject)
        if !recorded.isEmpty {
            estimate.add("recorded activations", bytes: recordedBytes(recorded, tokens: t, past: past))
        }
        // Packed lower triangles; the softmax reuses the scores' storage unless they are recorded.
        estimate.add("attention scores and pattern [2, NH, T, S], lower triangle", bytes: 4 * 2 * Double(c.headCount) * causalElements(tokens: t, past: past))
        // The cache holds the key/value heads only: KV·hs per position (C without grouped-query attention).
        estimate.add("keys and values [2, L, S, KV·hs]", bytes: 4 * 2 * Double(c.layerCount) * s * Double(c.keyValueHeadCount * c.headWidth))
        estimate.add("layer activations [T, 10C + 2F]", t, 10 * c.embeddingWidth + 2 * c.mlpWidth, bytesPerElement: 4)
        estimate.add("logits [T, V]", t, c.vocabularySize, bytesPerElement: 4)
        return estimate
    }

    /// Throws unless a forward pass over `tokens` (after `past` cached positions) recording
    /// `hooks`, plus `extra` bytes the caller keeps beside it, fits `budget`; the error carries
    /// the estimate with the largest token count that would fit and, when hooks are recorded,
    /// the hint to record fewer.
    public func checkForwardMemory(tokens: Int, hooks: HookFilter = .none, past: Int = 0,
                                   extra: MemoryEstimate? = nil, budget: MemoryBudget) throws(MemoryError) {
        func estimate(_ t: Int) -> MemoryEstimate {
            var e = forwardMemory(tokens: t, hooks: hooks, past: past)
            if let extra { e.add(extra) }
            return e
        }
        var full = estimate(tokens)
        guard !budget.fits(full) else { return }
        full.hints = [.fewerTokens(maximum: budget.largest(upTo: max(1, tokens - 1), estimate))]
        if hookNames.contains(where: hooks.matches) { full.hints.append(.fewerHooks) }
        throw .exceedsAvailable(estimate: full, availableBytes: budget.availableBytes)
    }
}
