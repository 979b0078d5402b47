import TensorCore

/// The feed-forward sublayer, weights in the checkpoint's layout: `c_proj(act(c_fc(x)))`
/// (GPT-2, Conv1D `[in, out]`; GPT-NeoX's `dense_4h_to_h(act(dense_h_to_4h(x)))`, `[out, in]`),
/// or gated, `down_proj(act(gate_proj(x)) * up_proj(x))` (SwiGLU in Llama and Qwen2).
public struct MLP: Sendable {
    /// The up projection: `c_fc.weight` `[C, F]`; `up_proj.weight` / `dense_h_to_4h.weight` `[F, C]`.
    public internal(set) var fcWeight: Tensor
    /// Its bias `[F]` (unfilled when the MLP has no biases).
    public internal(set) var fcBias: Tensor
    /// The gate of a gated MLP, `gate_proj.weight` `[F, C]` (unfilled otherwise).
    public internal(set) var gateWeight = Tensor.unfilled
    /// The gate's bias `[F]` (only with `mlp_bias`).
    public internal(set) var gateBias = Tensor.unfilled
    /// The down projection: `c_proj.weight` `[F, C]`; `down_proj.weight` / `dense_4h_to_h.weight` `[C, F]`.
    public internal(set) var projWeight: Tensor
    /// Its bias `[C]`.
    public internal(set) var projBias: Tensor
    /// The nonlinearity (`gelu_new` for GPT-2, exact `gelu` for GPT-NeoX, `silu` for SwiGLU).
    public let activation: GPTConfiguration.Activation
    /// Plain or gated.
    public private(set) var kind: GPTConfiguration.MLPKind = .standard
    /// Whether the weights are `nn.Linear`'s `[out, in]` rather than Conv1D's `[in, out]`.
    public private(set) var outInLayout = false
    /// Whether the projections carry biases.
    public private(set) var hasBias = true

    /// A GPT-2 MLP from its parameters.
    public init(fcWeight: Tensor, fcBias: Tensor, projWeight: Tensor, projBias: Tensor, activation: GPTConfiguration.Activation) {
        self.fcWeight = fcWeight
        self.fcBias = fcBias
        self.projWeight = projWeight
        self.projBias = projBias
        self.activation = activation
    }

    /// An MLP of `configuration`'s kind and layout whose tensors the parameter walk fills in.
    init(unfilled c: GPTConfiguration) {
        self.init(fcWeight: .unfilled, fcBias: .unfilled, projWeight: .unfilled, projBias: .unfilled, activation: c.activation)
        kind = c.mlpKind
        outInLayout = c.checkpointFormat != .gpt2
        hasBias = c.mlpBias
    }

    /// `[T, C] -> [T, C]` through `mlp.hook_pre` (the gate's input to the nonlinearity when
    /// gated), `mlp.hook_pre_linear` (gated only: the up projection) and `mlp.hook_post` of block `layer`.
    public func callAsFunction<H: HookSite>(_ x: Tensor, layer: Int, hooks: inout H) -> Tensor {
        let post: Tensor
        switch kind {
        case .standard:
            let pre = hooks(.mlpPre(layer), project(x, fcWeight, fcBias))                  // [T, C] -> [T, F]
            post = hooks(.mlpPost(layer), activate(pre))                                   // [T, F]
        case .gated:
            let pre = hooks(.mlpPre(layer), project(x, gateWeight, gateBias))              // [T, C] -> [T, F]
            let preLinear = hooks(.mlpPreLinear(layer), project(x, fcWeight, fcBias))      // [T, C] -> [T, F]
            post = hooks(.mlpPost(layer), multiply(activate(pre), preLinear))              // [T, F]
        }
        return project(post, projWeight, projBias)                                         // [T, F] -> [T, C]
    }

    /// One of the MLP's linear layers in its layout.
    private func project(_ x: Tensor, _ weight: Tensor, _ bias: Tensor) -> Tensor {
        linear(x, weight: weight, bias: hasBias ? bias : nil, outInLayout: outInLayout)
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
