import Foundation

/// LayerNorm over the last dimension: `(x - mean) / sqrt(var + eps) * weight + bias`.
///
/// `x: [N, C]`, `weight: [C]`, `bias: [C]` `-> [N, C]`. The variance is the biased one (divide
/// by C), as in PyTorch. Rows are spread over the cores when the tensor is large.
public func layerNorm(_ x: Tensor, weight: Tensor, bias: Tensor, epsilon: Float) -> Tensor {
    let width = x.shape.last ?? 0
    precondition(weight.shape == [width] && bias.shape == [width],
                 "layerNorm: weight \(weight.shape), bias \(bias.shape) for input \(x.shape)")
    let rows = width == 0 ? 0 : x.count / width
    return Tensor(shape: x.shape) { out in
        x.withUnsafeBufferPointer { px in
            weight.withUnsafeBufferPointer { pw in
                bias.withUnsafeBufferPointer { pb in
                    let src = UnsafeSendable(px.baseAddress), dst = UnsafeSendable(out.baseAddress)
                    let w = UnsafeSendable(pw.baseAddress), b = UnsafeSendable(pb.baseAddress)
                    Parallel.forEachRange(rows, costPerItem: 4 * width) { range in
                        guard let s = src.value, let d = dst.value, let w = w.value, let b = b.value else { return }
                        for r in range {
                            let row = s + r * width, o = d + r * width
                            var sum: Float = 0
                            for c in 0 ..< width { sum += row[c] }
                            let mean = sum / Float(width)
                            var squares: Float = 0
                            for c in 0 ..< width { let v = row[c] - mean; squares += v * v }
                            let rstd = 1 / (squares / Float(width) + epsilon).squareRoot()
                            for c in 0 ..< width { o[c] = (row[c] - mean) * rstd * w[c] + b[c] }
                        }
                    }
                }
            }
        }
    }
}

/// Backward of ``layerNorm(_:weight:bias:epsilon:)`` over the last dimension (llm.c's
/// `layernorm_backward`): returns `dL/dx` and adds `dL/dweight`, `dL/dbias` into the given tensors.
///
/// The mean and reciprocal standard deviation are recomputed from `x` (cheaper than storing
/// them). With `n = (x − mean)·rstd` and `g = dL/dy · weight`:
/// `dL/dx = rstd · (g − mean(g) − n · mean(g·n))`, `dL/dweight += Σ_rows dL/dy·n`, `dL/dbias += Σ_rows dL/dy`.
///
/// `x, outputGradient: [N, C]`, `weight: [C]` `-> [N, C]`.
public func layerNormBackward(
    _ x: Tensor, weight: Tensor, epsilon: Float, outputGradient: Tensor,
    weightGradient: inout Tensor, biasGradient: inout Tensor
) -> Tensor {
    let width = x.shape.last ?? 0
    precondition(outputGradient.shape == x.shape && weight.shape == [width]
                 && weightGradient.shape == [width] && biasGradient.shape == [width],
                 "layerNormBackward: x \(x.shape), dy \(outputGradient.shape), weight \(weight.shape)")
    let rows = width == 0 ? 0 : x.count / width
    let inverseWidth = 1 / Float(width)
    var dx = Tensor(shape: x.shape)
    x.withUnsafeBufferPointer { px in
        outputGradient.withUnsafeBufferPointer { pdy in
            weight.withUnsafeBufferPointer { pw in
                weightGradient.withUnsafeMutableBufferPointer { dw in
                    biasGradient.withUnsafeMutableBufferPointer { db in
                        dx.withUnsafeMutableBufferPointer { pdx in
                            for r in 0 ..< rows {
                                let row = px.baseAddress! + r * width, dy = pdy.baseAddress! + r * width
                                let out = pdx.baseAddress! + r * width
                                var sum: Float = 0
                                for c in 0 ..< width { sum += row[c] }
                                let mean = sum * inverseWidth
                                var squares: Float = 0
                                for c in 0 ..< width { let v = row[c] - mean; squares += v * v }
                                let rstd = 1 / (squares * inverseWidth + epsilon).squareRoot()
                                var meanG: Float = 0, meanGN: Float = 0
                                for c in 0 ..< width {
                                    let n = (row[c] - mean) * rstd, g = dy[c] * pw[c]
                                    meanG += g
                                    meanGN += g * n
                                    db[c] += dy[c]
                                    dw[c] += dy[c] * n
                                }
                                meanG *= inverseWidth
                                meanGN *= inverseWidth
                                for c in 0 ..< width {
                                    let n = (row[c] - mean) * rstd
                                    out[c] = rstd * (dy[c] * pw[c] - meanG - n * meanGN)
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    return dx
}
