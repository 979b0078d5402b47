import Foundation
import GPTModel
import TensorCore

/// Softmax rows and their most probable entries, shared by the logit lens and the next-token
/// chart. Works on the logits directly, so a row of a 50,257-token vocabulary costs two passes
/// and no copy.
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

    /// The `k` most probable entries of softmax(row `row` of `[R, V]` logits), most probable
    /// first, as (index, probability); ties go to the lower index, as in ``Sampler/top(_:of:)``.
    static func top(_ k: Int, logits: Tensor, row: Int) -> [(index: Int, probability: Double)] {
        let v = logits.shape[logits.rank - 1]
        return logits.withUnsafeBufferPointer { all in
            let x = UnsafeBufferPointer(rebasing: all[row * v ..< (row + 1) * v])
            var maximum = -Float.infinity
            for value in x where value > maximum { maximum = value }
            let total = sumOfExponentials(x, shift: maximum)
            // Partial selection on the logits: softmax keeps their order.
            var best: [Int] = []
            best.reserveCapacity(k + 1)
            for i in 0 ..< x.count where best.count < k || x[i] > x[best[best.count - 1]] {
                let at = best.firstIndex { x[$0] < x[i] } ?? best.count
                best.insert(i, at: at)
                if best.count > k { best.removeLast() }
            }
            return best.map { ($0, Double(exp(x[$0] - maximum)) / total) }
        }
    }
}
