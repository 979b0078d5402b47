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
        precondition(layer >= 0 && layer <= blocks.count, "layer \(layer) outside 0...\(blocks.count)")
        let t = residPre.shape[0]
        var cache = KVCache(configuration: configuration, capacity: t)
        hooks.startPosition = 0
        var x = runBlocks(residPre, from: layer, cache: &cache, hooks: &hooks)        // [T, C]
        if let logitRows, logitRows != 0 ..< t { x = x.rows(logitRows) }            // [T, C] -> [R, C]
        return outputLogits(x, hooks: &hooks)                                               // [R, C] -> [R, V]
    }
}
