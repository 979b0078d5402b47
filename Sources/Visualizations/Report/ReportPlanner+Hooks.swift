import GPTModel

extension ReportPlanner {
    /// The hooks the prompt's forward pass records for a report on `model` with `options`: with
    /// ``ReportTensors/all`` every hook (the file saves them all), otherwise only those the
    /// figures read. At T = 1,024 on GPT-2 small that leaves out the attention scores (604 MB),
    /// the MLP's hidden activations (302 MB), q, z, the norms' outputs and `hook_resid_mid`.
    ///
    /// The figures read: the embeddings (`hook_embed`, `hook_pos_embed`); every layer's pattern
    /// (the attention chapter); the residual stream entering each block and leaving the last
    /// (norms, logit lens, the embedding sum); what each sublayer writes (`hook_attn_out`,
    /// `hook_mlp_out`); and, when the report generates, every layer's keys and values (they fill
    /// the KV cache, so the prompt is not run again). A prompt of `tokens` that fills the context
    /// leaves nothing to generate, so then no keys or values are recorded (72 MB at T = 1,024). The softmax-step figure runs its own few
    /// positions again instead (see ``softmaxStepAnalysis(_:layer:positions:)``): its layer is
    /// chosen from the patterns, after the run.
    public static func recordedHooks(model: GPT, options: ReportOptions, tokens: Int) -> HookFilter {
        guard options.tensors != .all else { return .everything }
        let layers = 0 ..< model.configuration.layerCount
        var hooks: [HookName] = [.embed, .posEmbed]
        hooks += layers.map { HookName.pattern($0) }
        hooks += ResidualNorms.stages(layerCount: layers.count)
        hooks += layers.flatMap { [HookName.attnOut($0), .mlpOut($0)] }
        if options.generateTokens > 0, tokens < model.configuration.contextLength {
            hooks += layers.flatMap { [model.cachedKeyHook($0), HookName.v($0)] }
        }
        return HookFilter(hooks)
    }

    /// What the softmax-step figure of `layer` is drawn from: `analysis` when it recorded the
    /// layer's scores, else `analysis` with a cache of its first `positions` tokens run again
    /// recording only the layer's scores, pattern and values. Attention is causal, so these
    /// are the whole prompt's first `positions` rows (up to the rounding of a shorter product),
    /// which is all the figure shows; the tokens stay the whole prompt's for the titles.
    static func softmaxStepAnalysis(_ analysis: PromptAnalysis, layer: Int, positions: Int) throws -> PromptAnalysis {
        if analysis.cache.shape(of: .attnScores(layer)) != nil { return analysis }   // checked without unpacking them
        let prefix = try PromptAnalysis.run(model: analysis.model, modelName: analysis.modelName,
                                            ids: Array(analysis.tokens.ids.prefix(positions)), tokenizer: nil,
                                            hooks: AttentionFigures.softmaxStepHooks(layer: layer))
        return analysis.replacingCache(prefix.cache)
    }
}
