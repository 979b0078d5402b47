import TensorCore

extension GPT {
    /// The first parameter (in checkpoint order) holding a NaN or an infinity: its checkpoint
    /// name, the flat index of the first bad element and that element; nil when every weight is finite.
    ///
    /// A diverged or corrupted checkpoint loads without error otherwise, and a NaN weight turns
    /// every later number — logits, probabilities, figure coordinates — into NaN.
    public func firstNonFiniteWeight() -> (name: String, index: Int, value: Float)? {
        for parameter in parameters {
            let found = parameter.tensor(in: self).withUnsafeBufferPointer { scalars -> (Int, Float)? in
                firstNonFiniteIndex(scalars).map { ($0, scalars[$0]) }
            }
            if let (index, value) = found { return (parameter.name, index, value) }
        }
        return nil
    }

    /// Throws ``CheckpointError/nonFiniteWeight(path:tensor:index:value:)`` for the first NaN or
    /// infinite weight; `path` names the checkpoint in the message.
    public func checkFiniteWeights(path: String) throws(CheckpointError) {
        if let (name, index, value) = firstNonFiniteWeight() {
            throw .nonFiniteWeight(path: path, tensor: name, index: index, value: value)
        }
    }
}
