import TensorCore

extension GPT {
    /// Logits from the residual stream entering block `layer`: runs blocks `layer ..< L`, the
    /// final norm and the output head, through `hooks` (so interventions on `blocks.{layer}.hook_resid_pre`
    /// and later hooks apply), starting at position 0.
    ///
    /// Why: activation patching and ablation change one block and leave every earlier one as it
    /// was, so they resume from a recorded `resid_pre` instead of paying for layers `0 ..< layer`
    /// again. `logitRows` restricts the final norm and the output head to those positions (the
    /// `[V]`-wide head dominates a small model's cost); the `ln_final.hook_normalized` and `logits`
    /// hooks then see only those rows.
    ///
    /// `[T, C] -> [R, V]` where R is `logitRows.count` (T when nil). `layer` may be L (only the head runs).
    public func forward(fromLayer layer: Int, residPre: Tensor, hooks: inout HookPoints, logitRows: Range<Int>? = nil) -> Tensor {
        forward(fromLayer: layer, residPre: residPre, start: 0, keys: [], values: [], hooks: &hooks, logitRows: logitRows)
    }

    /// ``forward(fromLayer:residPre:hooks:logitRows:)`` for positions `start ..< T` only: the
    /// earlier positions are those of the run that recorded `keys` and `values` (every layer's
    /// ``cachedKeyHook(_:)`` and `hook_v`, `[T, …]`), so their keys and values are read from it
    /// instead of computed again.
    ///
    /// Exact because attention is causal: a change at position p never reaches an earlier
    /// position, so a patch at p computes only rows p ..< T (about half the work of a sweep over
    /// positions). Interventions and `logitRows` name absolute positions; logits come back for
    /// the rows of `logitRows` at or after `start`. With `start` 0 nothing is read from `keys` and
    /// `values` (pass `[]`). `[T, C] -> [R, V]`.
    public func forward(fromLayer layer: Int, residPre: Tensor, start: Int, keys: [Tensor], values: [Tensor],
                        hooks: inout HookPoints, logitRows: Range<Int>? = nil) -> Tensor {
        let t = residPre.shape[0]
        precondition(layer >= 0 && layer <= blocks.count, "layer \(layer) outside 0...\(blocks.count)")
        precondition(start >= 0 && start < t, "start \(start) outside 0..<\(t)")
        var cache = KVCache(configuration: configuration, capacity: t)
        if start > 0 {
            precondition(keys.count == blocks.count && values.count == blocks.count, "keys and values of every layer are needed")
            // Every layer, also those before `layer`: the cache's length is the first layer's.
            for i in 0 ..< blocks.count { cache.layers[i].append(keys: keys[i].rows(0 ..< start), values: values[i].rows(0 ..< start)) }
        }
        hooks.startPosition = start
        var x = runBlocks(start == 0 ? residPre : residPre.rows(start ..< t), from: layer, cache: &cache, hooks: &hooks)  // [T - start, C]
        let wanted = (logitRows ?? 0 ..< t).clamped(to: start ..< t)
        if wanted != start ..< t { x = x.rows((wanted.lowerBound - start) ..< (wanted.upperBound - start)) }  // -> [R, C]
        return outputLogits(x, hooks: &hooks)                                                      // [R, C] -> [R, V]
    }
}
