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

    /// Backward of ``callAsFunction(_:startPosition:hooks:)``: scatters `dL/dx` `[T, C]` into
    /// row `tokens[t]` of `wte` and row `start + t` of `wpe` (a token seen twice gets both rows' sum).
    public func backward(_ tokens: [Int], startPosition: Int, outputGradient dx: Tensor, gradients: inout Gradients) {
        scatterAddRows(dx, tokens, into: &gradients.tokenTable)                                     // [T, C] -> [V, C]
        scatterAddRows(dx, Array(startPosition ..< startPosition + tokens.count), into: &gradients.positionTable)  // [T, C] -> [P, C]
    }
}
