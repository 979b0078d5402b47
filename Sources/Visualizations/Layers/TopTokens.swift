import GPTModel
import TensorCore

/// Softmax rows and their most probable entries, shared by the logit lens, the next-token chart
/// and the residual-norm statistics.
enum TopTokens {
    /// The indices of the `k` largest probabilities, largest first (ties: lower index first).
    static func indices(_ k: Int, of probabilities: [Double]) -> [Int] {
        Sampler.top(min(k, probabilities.count), of: probabilities)
    }

    /// Softmax in double precision of row `row` of a `[R, V]` tensor.
    static func probabilities(_ logits: Tensor, row: Int) -> [Double] {
        let v = logits.shape[logits.rank - 1]
        return Sampler.probabilities(logits.scalars[row * v ..< (row + 1) * v])
    }
}
