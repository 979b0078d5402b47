import Foundation

/// Summed cross-entropy `Σ_t (logsumexp(logits_t) − logits_t[target_t])` in nats, and
/// `gradientScale · (softmax(logits) − onehot(targets))`, `[T, V]`.
public func crossEntropy(_ logits: Tensor, targets: [Int], gradientScale: Float) -> (lossSum: Double, gradient: Tensor) {
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
