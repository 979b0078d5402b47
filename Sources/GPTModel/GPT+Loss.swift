import TensorCore

extension GPT {
    /// Next-token cross-entropy of one sequence and its gradients: forward with every hook
    /// recorded, then backward through the recorded activations.
    ///
    /// Position t predicts `targets[t]` from `tokens[...t]`. Returns the *sum* of the per-position
    /// losses in nats; the gradients added into `gradients` are those of `lossScale × sum`
    /// (pass `1 / (B·T)` for the mean over a batch).
    public func lossAndGradients(_ tokens: [Int], targets: [Int], lossScale: Float, gradients: inout Gradients) -> Double {
        var hooks = HookPoints(filter: .all)
        let logits = forward(tokens, hooks: &hooks)                      // [T, V]
        let (loss, dLogits) = crossEntropy(logits, targets: targets, gradientScale: lossScale)
        backward(tokens, activations: hooks.cache, logitsGradient: dLogits, gradients: &gradients)
        return loss
    }

    /// The summed next-token cross-entropy of one sequence, forward only (validation).
    public func loss(_ tokens: [Int], targets: [Int]) -> Double {
        var hooks = HookPoints.none
        let logits = forward(tokens, hooks: &hooks)
        return crossEntropy(logits, targets: targets, gradientScale: 0).lossSum
    }
}
