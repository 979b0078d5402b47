import Foundation

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
