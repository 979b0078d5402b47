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
}
