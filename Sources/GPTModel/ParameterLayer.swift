import TensorCore

/// A layer that states its parameters once: checkpoint names, shapes from the configuration and
/// roles, in checkpoint order, each with its place in the layer (``Parameter``).
///
/// That one list serves loading (every key used, every parameter found), checkpoint writing,
/// parameter counting, gradients and the optimizer. The layer's own type holds its gradients.
public protocol ParameterLayer {
    /// Every parameter of this layer for `configuration`, in checkpoint order, named relative to the layer.
    static func parameters(_ configuration: GPTConfiguration) -> [Parameter<Self>]
}

extension ParameterLayer {
    /// Gradients have the layer's own type: a tensor of the same shape in each parameter's place.
    public typealias Gradients = Self

    /// A copy with a zero tensor in place of each of `parameters`: a fresh gradient (or moment) buffer.
    public func zeroed(_ parameters: [Parameter<Self>]) -> Self {
        var copy = self
        for parameter in parameters { parameter.set(Tensor(shape: parameter.shape), in: &copy) }
        return copy
    }

    /// Adds `other`'s tensors into this value's, parameter by parameter (summing gradient shards).
    public mutating func accumulate(_ other: Self, _ parameters: [Parameter<Self>]) {
        for parameter in parameters {
            let addend = parameter.tensor(in: other)
            parameter.update(&self) { addInPlace(&$0, addend) }
        }
    }
}

extension Tensor {
    /// The empty stand-in a layer holds until the parameter walk puts the real tensor in its place.
    static let unfilled = Tensor(shape: [0], scalars: [])
}
