import TensorCore

extension GPT: ParameterLayer {
    /// Every parameter under its checkpoint name, in checkpoint order: the embeddings, `h.{i}.`
    /// for each block, `ln_f` when the family has a final norm, `lm_head` when the head is untied
    /// (Llama: `model.layers.{i}.`, `model.norm`; GPT-NeoX: `gpt_neox.layers.{i}.`,
    /// `gpt_neox.final_layer_norm`, `embed_out`).
    ///
    /// Names carry no `transformer.` prefix (``CheckpointLayout/canonicalName(_:)`` strips it from file keys).
    public static func parameters(_ c: GPTConfiguration) -> [Parameter<GPT>] {
        let names = CheckpointLayout.ModelNames(c.checkpointFormat)
        var list = Embedding.parameters(c).nested(in: \GPT.embedding, prefix: "")
        let block = Block.parameters(c)
        for i in 0 ..< c.layerCount {
            list += block.nested(in: \GPT.blocks, index: i, prefix: names.block(i))
        }
        if c.hasFinalNorm {
            list += LayerNorm.parameters(c).nested(in: \GPT.finalNorm!, prefix: names.finalNorm)
        }
        if !c.tiedOutputHead {
            list.append(Parameter(names.outputHead, shape: [c.vocabularySize, c.embeddingWidth],
                                  role: .weight, at: \GPT.lmHead!))
        }
        return list
    }

    /// This model's parameters: ``parameters(_:)`` for its configuration.
    public var parameters: [Parameter<GPT>] { GPT.parameters(configuration) }

    /// Number of trainable scalars (a tied head counted once, as part of `wte`).
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.count } }

    /// The unembedding `[V, C]`: `lm_head.weight`, or `wte` when tied (so a tied head follows
    /// every update of `wte`, and in a ``Gradients`` value it is `wte`'s gradient, head included).
    public var outputHead: Tensor { lmHead ?? embedding.tokenTable }

    /// A model for `configuration` with each parameter's tensor from `tensor`, which must have
    /// the parameter's shape (callers reading files check shapes first, naming what is wrong).
    public init(configuration: GPTConfiguration, tensor: (Parameter<GPT>) throws -> Tensor) rethrows {
        self.init(unfilled: configuration)
        for parameter in GPT.parameters(configuration) {
            let value = try tensor(parameter)
            precondition(value.shape == parameter.shape, "\(parameter.name) is \(value.shape), the configuration implies \(parameter.shape)")
            parameter.set(value, in: &self)
        }
    }

    /// A model of `configuration`'s shape whose tensors the parameter walk fills in.
    init(unfilled c: GPTConfiguration) {
        self.init(configuration: c, embedding: Embedding(unfilled: c),
                  blocks: (0 ..< c.layerCount).map { Block(unfilled: c, layer: $0) },
                  finalNorm: c.hasFinalNorm ? LayerNorm(unfilled: c) : nil,
                  lmHead: c.tiedOutputHead ? nil : .unfilled)
    }
}
