import GPTModel
import TensorCore

extension ReportPlanner {
    /// Tensors the figures were drawn from that are not recorded hooks, so the saved file alone
    /// redraws every figure: the learned position table `wpe` `[n_ctx, C]`, and the logit lens's
    /// readout (`logit_lens.top_id`, `logit_lens.top_probability`, `[stages, P]`, over the
    /// positions in `logit_lens.positions` `[P]`), which needs the unembedding the file leaves out,
    /// and the last position's logits `next_token_logits` `[V]` (the next-token chart's input);
    /// when the prompt's run did not record the softmax-step figure's scores (``ReportTensors/figures``),
    /// that figure's first P positions run again: `softmax_step.attn_scores` `[NH, P, P]` and
    /// `softmax_step.v` `[P, NH, d_head]` of the layer in the metadata's `softmax_step_layer`.
    /// `shared` holds ``tensorNeeds``.
    func derivedTensors(_ shared: ReportShared) -> [String: Tensor] {
        var tensors: [String: Tensor] = [:]
        let model = analysis.model
        let logits = analysis.logits
        if logits.rank == 2, logits.shape[0] > 0 {
            tensors["next_token_logits"] = logits.rows(logits.shape[0] - 1 ..< logits.shape[0])   // [T, V] -> [1, V]
                .reshaped([logits.shape[1]])                                                     // -> [V]
        }
        tensors.merge(pooledPatterns()) { own, _ in own }
        if model.configuration.positionEncoding == .learned, model.embedding.positionTable.rank == 2 {
            tensors["wpe"] = model.embedding.positionTable                        // [n_ctx, C]
        }
        if let lens = try? shared.lens() {
            let positions = lens.positions                                          // as the figure shows
            let rows = lens.top.count, columns = positions.count
            tensors["logit_lens.top_id"] = Tensor(shape: [rows, columns],          // [stages, P]
                                                  scalars: lens.top.flatMap { $0.map { Float($0[0].id) } })
            tensors["logit_lens.top_probability"] = Tensor(shape: [rows, columns],
                                                           scalars: lens.top.flatMap { $0.map { Float($0[0].probability) } })
            tensors["logit_lens.positions"] = Tensor(shape: [columns], scalars: positions.map(Float.init))
        }
        if let words {
            tensors["words.embeddings"] = Tensor(shape: [words.words.count, words.width],          // [W, C]
                                                 scalars: words.vectors.map(Float.init))
        }
        if let (layer, step) = softmaxStepSource() {
            tensors["softmax_step.attn_scores"] = step.cache[.attnScores(layer)]
            tensors["softmax_step.v"] = step.cache[.v(layer)]
        }
        if let record = generatedRecord(shared) {
            // Each step's candidates, the chosen token first: [steps, 1 + runners-up].
            let rows = record.steps.map { [$0.chosen] + $0.alternatives }
            let k = rows.map(\.count).max() ?? 0
            let padded = rows.map { $0 + Array(repeating: TokenProbability(id: -1, label: "", probability: 0), count: k - $0.count) }
            tensors["generation.ids"] = Tensor(shape: [rows.count, k], scalars: padded.flatMap { $0.map { Float($0.id) } })
            tensors["generation.probabilities"] = Tensor(shape: [rows.count, k],
                                                         scalars: padded.flatMap { $0.map { Float($0.probability) } })
        }
        return tensors
    }

    /// Text that goes with the derived tensors, as JSON strings for the file's metadata: the
    /// words of `words.embeddings` and the labels of `generation.ids` (same layout).
    func derivedMetadata(_ shared: ReportShared) -> [String: String] {
        var metadata: [String: String] = [:]
        if let words { metadata["words"] = ReportWriter.json(words.words) }
        if patternPooling > 1 { metadata["pattern_max_pool"] = String(patternPooling) }
        if let (layer, _) = softmaxStepSource() { metadata["softmax_step_layer"] = String(layer) }
        if let record = generatedRecord(shared) {
            metadata["generation_labels"] = ReportWriter.json(record.steps.map { ([$0.chosen] + $0.alternatives).map(\.label) })
        }
        return metadata
    }

    /// For a prompt longer than the per-layer figures draw cell by cell (factor f > 1, e.g. 4 at
    /// T = 1,024 with 12 heads): every layer's pattern as those figures draw it, max-pooled over
    /// f × f blocks of queries × keys, `blocks.{l}.attn.hook_pattern.max_pooled` `[NH, ⌈T/f⌉, ⌈T/f⌉]`,
    /// and the closer look's head, drawn cell by cell, `blocks.{l}.attn.hook_pattern.head_{h}`
    /// `[T, T]`. They replace the full `blocks.{l}.attn.hook_pattern` squares in the file (12
    /// layers of `[12, 1024, 1024]` are 302 MB even as float16); `--tensors all` keeps those.
    func pooledPatterns() -> [String: Tensor] {
        let t = analysis.tokens.count, c = analysis.model.configuration
        let factor = patternPooling
        guard factor > 1 else { return [:] }
        var tensors: [String: Tensor] = [:]
        let m = (t + factor - 1) / factor
        for layer in 0..<c.layerCount {
            guard let p = try? AttentionFigures.pattern(analysis, layer: layer) else { continue }
            let pooled = (0..<p.heads).flatMap { AttentionFigures.maxPooledHead(p, head: $0, factor: factor).map(Float.init) }
            tensors[Self.pooledPatternName(layer)] = Tensor(shape: [p.heads, m, m], scalars: pooled)   // [NH, T, T] -> [NH, T/f, T/f]
        }
        if let focus = focusHead(headScores),
           let p = try? AttentionFigures.pattern(analysis, layer: focus.layer) {
            tensors["blocks.\(focus.layer).attn.hook_pattern.head_\(focus.head)"] = Tensor(shape: [t, t], scalars: p.head(focus.head).map(Float.init))
        }
        return tensors
    }

    /// The pooling of the saved patterns: the per-layer figures' with ``ReportTensors/figures``, else 1.
    var patternPooling: Int {
        options.tensors == .figures
            ? AttentionFigures.layerPooling(tokens: analysis.tokens.count, heads: analysis.model.configuration.headCount) : 1
    }

    /// The name of layer `layer`'s max-pooled pattern in the tensors file.
    static func pooledPatternName(_ layer: Int) -> String { "blocks.\(layer).attn.hook_pattern.max_pooled" }

    /// The shared values the derived tensors are read from.
    var tensorNeeds: Set<ReportShared.Kind> { hasGeneration ? [.logitLens, .generation] : [.logitLens] }

    /// The softmax-step figure's layer and its positions run again, when the prompt's own run
    /// did not record that layer's scores.
    private func softmaxStepSource() -> (layer: Int, analysis: PromptAnalysis)? {
        let layer = focusHead(headScores)?.layer ?? 0
        guard analysis.cache.shape(of: .attnScores(layer)) == nil,
              let step = try? Self.softmaxStepAnalysis(analysis, layer: layer, positions: min(analysis.tokens.count, Self.softmaxStepPositions))
        else { return nil }
        return (layer, step)
    }

    /// The generated continuation, when the report has its figure.
    private func generatedRecord(_ shared: ReportShared) -> GenerationRecord? {
        guard hasGeneration else { return nil }
        return try? shared.generated()
    }
}
