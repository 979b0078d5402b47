import TensorCore

extension Embedding {
    /// Backward of ``callAsFunction(_:startPosition:recorder:)``: scatters `dL/dx` `[T, C]` into
    /// row `tokens[t]` of `wte` and row `start + t` of `wpe` (a token seen twice gets both rows' sum).
    public func backward(_ tokens: [Int], startPosition: Int, outputGradient dx: Tensor, gradients: inout Gradients) {
        let width = tokenTable.shape[1]
        precondition(dx.shape == [tokens.count, width], "Embedding.backward: \(dx.shape) for \(tokens.count) tokens")
        dx.withUnsafeBufferPointer { pdx in
            gradients.tokenTable.withUnsafeMutableBufferPointer { dwte in
                gradients.positionTable.withUnsafeMutableBufferPointer { dwpe in
                    for (t, id) in tokens.enumerated() {
                        let source = pdx.baseAddress! + t * width
                        let tokenRow = dwte.baseAddress! + id * width
                        let positionRow = dwpe.baseAddress! + (startPosition + t) * width
                        for c in 0 ..< width {
                            tokenRow[c] += source[c]
                            positionRow[c] += source[c]
                        }
                    }
                }
            }
        }
    }
}
