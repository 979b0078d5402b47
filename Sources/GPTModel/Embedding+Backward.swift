import TensorCore

extension Embedding {
    /// Gradients of the two embedding tables, summed over calls.
    public struct Gradients: Sendable {
        /// `[V, C]`: only the rows of tokens seen are non-zero.
        public var tokenTable: Tensor
        /// `[P, C]`.
        public var positionTable: Tensor

        /// Zero gradients shaped like `embedding`'s tables.
        public init(zeroFor embedding: Embedding) {
            tokenTable = Tensor(shape: embedding.tokenTable.shape)
            positionTable = Tensor(shape: embedding.positionTable.shape)
        }

        /// Adds `other` (the same tables' gradients from another worker).
        public mutating func add(_ other: Gradients) {
            addInPlace(&tokenTable, other.tokenTable)
            addInPlace(&positionTable, other.positionTable)
        }
    }

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
