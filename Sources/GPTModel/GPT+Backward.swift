import Foundation
import TensorCore

extension GPT {
    /// Gradients of every parameter of a ``GPT``, summed over the sequences of a batch.
    ///
    /// With a tied output head, the head's gradient is added into the token table's.
    public struct Gradients: Sendable {
        /// `wte`, `wpe`.
        public var embedding: Embedding.Gradients
        /// One per block.
        public var blocks: [Block.Gradients]
        /// `ln_f` (nil for GPT-1).
        public var finalNorm: LayerNorm.Gradients?
        /// `lm_head.weight` `[V, C]` when untied; nil when tied to `wte`.
        public var outputHead: Tensor?

        /// Zero gradients shaped like `model`'s parameters.
        public init(zeroFor model: GPT) {
            embedding = Embedding.Gradients(zeroFor: model.embedding)
            blocks = model.blocks.map { Block.Gradients(zeroFor: $0) }
            finalNorm = model.finalNorm.map { LayerNorm.Gradients(zeroFor: $0) }
            outputHead = model.configuration.tiedOutputHead ? nil : Tensor(shape: model.outputHead.shape)
        }

        /// Adds `other` (another worker's gradients for the same model).
        public mutating func add(_ other: Gradients) {
            embedding.add(other.embedding)
            for i in blocks.indices { blocks[i].add(other.blocks[i]) }
            if let otherNorm = other.finalNorm { finalNorm?.add(otherNorm) }
            if let otherHead = other.outputHead, outputHead != nil { addInPlace(&outputHead!, otherHead) }
        }

        /// The gradients under their checkpoint parameter names (``CheckpointLayout/parameters``).
        public func named(for configuration: GPTConfiguration) -> [String: Tensor] {
            let layout = CheckpointLayout(configuration: configuration)
            var out = [layout.tokenEmbeddingName: embedding.tokenTable, layout.positionEmbeddingName: embedding.positionTable]
            for (i, block) in blocks.enumerated() {
                let p = "h.\(i)."
                out[p + "ln_1.weight"] = block.ln1.weight
                out[p + "ln_1.bias"] = block.ln1.bias
                out[p + "attn.c_attn.weight"] = block.attention.qkvWeight
                out[p + "attn.c_attn.bias"] = block.attention.qkvBias
                out[p + "attn.c_proj.weight"] = block.attention.projWeight
                out[p + "attn.c_proj.bias"] = block.attention.projBias
                out[p + "ln_2.weight"] = block.ln2.weight
                out[p + "ln_2.bias"] = block.ln2.bias
                out[p + "mlp.c_fc.weight"] = block.mlp.fcWeight
                out[p + "mlp.c_fc.bias"] = block.mlp.fcBias
                out[p + "mlp.c_proj.weight"] = block.mlp.projWeight
                out[p + "mlp.c_proj.bias"] = block.mlp.projBias
            }
            if let finalNorm {
                out["ln_f.weight"] = finalNorm.weight
                out["ln_f.bias"] = finalNorm.bias
            }
            if let outputHead { out[CheckpointLayout.outputHeadName] = outputHead }
            return out
        }
    }

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

    /// Backward from `dL/dlogits` `[T, V]` through the whole model, for a sequence from position 0
    /// whose forward pass recorded every hook (``HookFilter/all``).
    public func backward(_ tokens: [Int], activations a: ActivationCache, logitsGradient dLogits: Tensor, gradients: inout Gradients) {
        let layers = blocks.count
        // The input of ln_f (or of the head for GPT-1): the last residual stream.
        let last = layers > 0 ? a.required(.residPost(layers - 1)) : add(a.required(.embed), a.required(.posEmbed))
        let h = finalNorm == nil ? last : a.required(.lnFinalNormalized)        // [T, C]
        // logits = h @ W_headᵀ
        if gradients.outputHead != nil {
            matmul(dLogits, h, transposeA: true, addingInto: &gradients.outputHead!)          // [V, T] @ [T, C] -> [V, C]
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
