import TensorCore

extension Embedding {
    /// Backward of ``callAsFunction(_:startPosition:hooks:)``: scatters `dL/dx` `[T, C]` into
    /// row `tokens[t]` of `wte` and row `start + t` of `wpe` (a token seen twice gets both rows' sum).
    public func backward(_ tokens: [Int], startPosition: Int, outputGradient dx: Tensor, gradients: inout Gradients) {
        scatterAddRows(dx, tokens, into: &gradients.tokenTable)                                     // [T, C] -> [V, C]
        scatterAddRows(dx, Array(startPosition ..< startPosition + tokens.count), into: &gradients.positionTable)  // [T, C] -> [P, C]
    }
}
