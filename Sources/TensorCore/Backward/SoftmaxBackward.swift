/// Backward of one softmax row: `dL/dx_j = p_j (dL/dp_j − Σ_k p_k dL/dp_k)`.
///
/// `probabilities` is the softmax output, `outputGradient` `dL/dp`; `count` entries are read and
/// `inputGradient` written (it may alias `outputGradient`). Masked entries (`p = 0`) get 0.
@inline(__always)
public func softmaxBackwardRow(
    probabilities p: UnsafePointer<Float>, outputGradient dp: UnsafePointer<Float>,
    inputGradient dx: UnsafeMutablePointer<Float>, count: Int
) {
    var dot: Float = 0
    for j in 0 ..< count { dot += p[j] * dp[j] }
    for j in 0 ..< count { dx[j] = p[j] * (dp[j] - dot) }
}
