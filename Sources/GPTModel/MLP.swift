import TensorCore

/// The feed-forward sublayer: `c_proj(act(c_fc(x)))`, weights in the checkpoint's `[in, out]` layout.
public struct MLP: Sendable {
    /// `c_fc.weight`, `[C, F]`.
    public internal(set) var fcWeight: Tensor
    /// `c_fc.bias`, `[F]`.
    public internal(set) var fcBias: Tensor
    /// `c_proj.weight`, `[F, C]`.
    public internal(set) var projWeight: Tensor
    /// `c_proj.bias`, `[C]`.
    public internal(set) var projBias: Tensor
    /// The nonlinearity (`gelu_new` for GPT-2, exact `gelu` for GPT-1).
    public let activation: GPTConfiguration.Activation

    /// An MLP from its parameters.
    public init(fcWeight: Tensor, fcBias: Tensor, projWeight: Tensor, projBias: Tensor, activation: GPTConfiguration.Activation) {
        self.fcWeight = fcWeight
        self.fcBias = fcBias
        self.projWeight = projWeight
        self.projBias = projBias
        self.activation = activation
    }

    /// `[T, C] -> [T, C]` through `mlp.hook_pre` and `mlp.hook_post` of block `layer`.
    public func callAsFunction(_ x: Tensor, layer: Int, hooks: inout HookPoints) -> Tensor {
        let pre = hooks(.mlpPre(layer), linear(x, weight: fcWeight, bias: fcBias))   // [T, C] -> [T, F]
        let post = hooks(.mlpPost(layer), activate(pre))                            // [T, F]
        return linear(post, weight: projWeight, bias: projBias)                     // [T, F] -> [T, C]
    }

    /// The configured nonlinearity, element-wise.
    public func activate(_ x: Tensor) -> Tensor {
        switch activation {
        case .geluNew: return geluNew(x)
        case .gelu: return gelu(x)
        case .relu: return relu(x)
        case .silu: return silu(x)
        }
    }
}
