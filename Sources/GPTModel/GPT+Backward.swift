import Foundation
import TensorCore

extension GPT {
    /// Backward from `dL/dlogits` `[T, V]` through the whole model, for a sequence from position 0
    /// whose forward pass recorded every hook (``HookFilter/all``).
    public func backward(_ tokens: [Int], activations a: ActivationCache, logitsGradient dLogits: Tensor, gradients: inout Gradients) {
        let layers = blocks.count
        // The input of ln_f (or of the head for GPT-1): the last residual stream.
        let last = layers > 0 ? a.required(.residPost(layers - 1)) : add(a.required(.embed), a.required(.posEmbed))
        let h = finalNorm == nil ? last : a.required(.lnFinalNormalized)        // [T, C]
        // logits = h @ W_headᵀ
        if gradients.lmHead != nil {
            matmul(dLogits, h, transposeA: true, addingInto: &gradients.lmHead!)              // [V, T] @ [T, C] -> [V, C]
        } else {
            matmul(dLogits, h, transposeA: true, addingInto: &gradients.embedding.tokenTable) // tied: into wte
        }
        var dx = Tensor(shape: h.shape)
        matmul(dLogits, outputHead, addingInto: &dx)                            // [T, V] @ [V, C] -> [T, C]
        if let finalNorm {
            dx = finalNorm.backward(last, outputGradient: dx, gradients: &gradients.finalNorm!)
        }
        for i in stride(from: layers - 1, through: 0, by: -1) {
            dx = blocks[i].backward(activations: a, layer: i, outputGradient: dx, gradients: &gradients.blocks[i])
        }
        embedding.backward(tokens, startPosition: 0, outputGradient: dx, gradients: &gradients.embedding)
    }

    /// Summed cross-entropy `Σ_t (logsumexp(logits_t) − logits_t[target_t])` in nats, and
    /// `gradientScale · (softmax(logits) − onehot(targets))`, `[T, V]`.
    public static func crossEntropy(_ logits: Tensor, targets: [Int], gradientScale: Float) -> (lossSum: Double, gradient: Tensor) {
        let (t, v) = (logits.shape[0], logits.shape[1])
        precondition(targets.count == t, "crossEntropy: \(targets.count) targets for \(t) positions")
        var loss = 0.0
        let gradient = Tensor(shape: [t, v]) { out in
            logits.withUnsafeBufferPointer { pl in
                for row in 0 ..< t {
                    let input = pl.baseAddress! + row * v, output = out.baseAddress! + row * v
                    var maximum = -Float.infinity
                    for j in 0 ..< v { maximum = max(maximum, input[j]) }
                    var sum: Float = 0
                    for j in 0 ..< v {
                        let e = expf(input[j] - maximum)
                        output[j] = e
                        sum += e
                    }
                    // loss_t = logsumexp − logit[target]; dlogits = scale · (softmax − onehot).
                    loss += Double(maximum) + log(Double(sum)) - Double(input[targets[row]])
                    let factor = gradientScale / sum
                    for j in 0 ..< v { output[j] *= factor }
                    output[targets[row]] -= gradientScale
                }
            }
        }
        return (loss, gradient)
    }
}
