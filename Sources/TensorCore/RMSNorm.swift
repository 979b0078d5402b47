import Foundation

/// RMSNorm over the last dimension: `x / sqrt(mean(x²) + eps) * weight` (Llama, Qwen2).
///
/// `x: [N, C]`, `weight: [C]` `-> [N, C]`. No mean is subtracted and there is no shift. The
/// mean square is accumulated in Double (transformers computes it in float32; the difference is
/// far below float32 rounding of the result).
public func rmsNorm(_ x: Tensor, weight: Tensor, epsilon: Float) -> Tensor {
    let width = x.shape.last ?? 0
    precondition(weight.shape == [width], "rmsNorm: weight \(weight.shape) for input \(x.shape)")
    let rows = width == 0 ? 0 : x.count / width
    return Tensor(shape: x.shape) { out in
        x.withUnsafeBufferPointer { px in
            weight.withUnsafeBufferPointer { pw in
                let src = UnsafeSendable(px.baseAddress), dst = UnsafeSendable(out.baseAddress), w = UnsafeSendable(pw.baseAddress)
                Parallel.forEachRange(rows, costPerItem: 3 * width) { range in
                    guard let s = src.value, let d = dst.value, let w = w.value else { return }
                    for r in range {
                        let row = s + r * width, o = d + r * width
                        var squares: Double = 0
                        for c in 0 ..< width { squares += Double(row[c]) * Double(row[c]) }
                        let scale = 1 / (Float(squares / Double(width)) + epsilon).squareRoot()
                        for c in 0 ..< width { o[c] = w[c] * (row[c] * scale) }
                    }
                }
            }
        }
    }
}
