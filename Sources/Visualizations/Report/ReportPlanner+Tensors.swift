import GPTModel
import TensorCore

extension ReportPlanner {
    /// Tensors the figures were drawn from that are not recorded hooks, so the saved file alone
    /// redraws every figure: the learned position table `wpe` `[n_ctx, C]`, and the logit lens's
    /// readout (`logit_lens.top_id`, `logit_lens.top_probability`, `[stages, P]`, over the
    /// positions in `logit_lens.positions` `[P]`), which needs the unembedding the file leaves out,
    /// and the last position's logits `next_token_logits` `[V]` (the next-token chart's input).
    func derivedTensors() -> [String: Tensor] {
        var tensors: [String: Tensor] = [:]
        let model = analysis.model
        let logits = analysis.logits
        if logits.rank == 2, logits.shape[0] > 0 {
            tensors["next_token_logits"] = logits.rows(logits.shape[0] - 1 ..< logits.shape[0])   // [T, V] -> [1, V]
                .reshaped([logits.shape[1]])                                                     // -> [V]
        }
        if model.configuration.positionEncoding == .learned, model.embedding.positionTable.rank == 2 {
            tensors["wpe"] = model.embedding.positionTable                        // [n_ctx, C]
        }
        if let lens = try? logitLens.value.get() {
            let positions = lens.positions                                          // as the figure shows
            let rows = lens.top.count, columns = positions.count
            tensors["logit_lens.top_id"] = Tensor(shape: [rows, columns],          // [stages, P]
                                                  scalars: lens.top.flatMap { $0.map { Float($0[0].id) } })
            tensors["logit_lens.top_probability"] = Tensor(shape: [rows, columns],
                                                           scalars: lens.top.flatMap { $0.map { Float($0[0].probability) } })
            tensors["logit_lens.positions"] = Tensor(shape: [columns], scalars: positions.map(Float.init))
        }
        return tensors
    }
}
