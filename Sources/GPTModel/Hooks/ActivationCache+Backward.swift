import TensorCore

extension ActivationCache {
    /// The tensor recorded at `name`; a backward pass calls this only for hooks its forward recorded.
    func required(_ name: HookName) -> Tensor {
        guard let tensor = self[name] else { preconditionFailure("backward needs hook \(name), which the forward pass did not record") }
        return tensor
    }
}
