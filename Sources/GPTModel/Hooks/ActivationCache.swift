import TensorCore

/// The recorded activations of one forward pass: hook name → tensor, without a batch dimension.
///
/// A value: analyses read it, the CLI saves it; the model never holds one.
public struct ActivationCache: Sendable, Equatable {
    /// The recorded tensors.
    public private(set) var tensors: [HookName: Tensor] = [:]

    /// An empty cache.
    public init() {}

    /// The tensor recorded at `name`, if it was recorded.
    public subscript(_ name: HookName) -> Tensor? {
        get { tensors[name] }
        set { tensors[name] = newValue }
    }

    /// Recorded hook names in forward order (model hooks first, then block by block).
    public var names: [HookName] {
        tensors.keys.sorted { Self.order($0) < Self.order($1) }
    }

    /// Number of recorded tensors.
    public var count: Int { tensors.count }

    /// Total size in bytes of the recorded fp32 data.
    public var byteCount: Int { tensors.values.reduce(0) { $0 + $1.byteCount } }

    /// The tensors keyed by their TransformerLens names, for saving.
    public var namedTensors: [String: Tensor] {
        Dictionary(uniqueKeysWithValues: tensors.map { ($0.key.description, $0.value) })
    }

    private static func order(_ name: HookName) -> (Int, Int) {
        switch name {
        case .embed: return (-2, 0)
        case .posEmbed: return (-1, 0)
        case .lnFinalNormalized: return (Int.max - 1, 0)
        case .logits: return (Int.max, 0)
        default:
            let layer = name.layer ?? 0
            return (layer, HookName.allBlockHooks(layer).firstIndex(of: name) ?? 0)
        }
    }
}
