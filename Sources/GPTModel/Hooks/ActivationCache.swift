import TensorCore

/// The recorded activations of one forward pass: hook name → tensor, without a batch dimension.
///
/// A value: analyses read it, the CLI saves it; the model never holds one.
public struct ActivationCache: Sendable, Equatable {
    /// The recorded tensors other than causal scores and patterns.
    private var dense: [HookName: Tensor] = [:]
    /// Recorded attention scores and patterns, lower triangle only (half the memory of `[NH, T, S]`).
    private var causal: [HookName: CausalScores] = [:]

    /// An empty cache.
    public init() {}

    /// Every recorded tensor, causal scores and patterns unpacked to `[NH, T, S]`.
    ///
    /// Unpacking allocates the full squares: read one hook at a time with the subscript (or
    /// ``causalScores(_:)``) where memory matters.
    public var tensors: [HookName: Tensor] {
        dense.merging(causal.mapValues { $0.unpacked() }) { a, _ in a }
    }

    /// The tensor recorded at `name`, if it was recorded; scores and patterns come unpacked to
    /// `[NH, T, S]` (masked entries `-infinity` and 0, as the forward pass computed them).
    public subscript(_ name: HookName) -> Tensor? {
        get { dense[name] ?? causal[name]?.unpacked() }
        set {
            causal[name] = nil
            dense[name] = newValue
        }
    }

    /// The packed scores or pattern recorded at `name` (nil if not recorded or recorded dense).
    public func causalScores(_ name: HookName) -> CausalScores? { causal[name] }

    /// Records packed scores or a pattern at `name`, sharing their storage.
    public mutating func record(_ name: HookName, _ value: CausalScores) {
        dense[name] = nil
        causal[name] = value
    }

    /// The `[T, S]` matrix of head `head` of the scores or pattern at `name`, unpacking that head only.
    public func head(_ head: Int, of name: HookName) -> Tensor? {
        if let packed = causal[name] { return packed.head(head) }
        guard let t = dense[name], t.rank == 3, head >= 0, head < t.shape[0] else { return nil }
        let plane = t.shape[1] * t.shape[2]
        return Tensor(shape: [t.shape[1], t.shape[2]], scalars: t.withUnsafeBufferPointer { Array($0[head * plane ..< (head + 1) * plane]) })
    }

    /// The shape of the tensor recorded at `name` (`[NH, T, S]` for packed scores), without unpacking.
    public func shape(of name: HookName) -> [Int]? { dense[name]?.shape ?? causal[name]?.shape }

    /// Recorded hook names in forward order (model hooks first, then block by block).
    public var names: [HookName] {
        (Array(dense.keys) + Array(causal.keys)).sorted { Self.order($0) < Self.order($1) }
    }

    /// Number of recorded tensors.
    public var count: Int { dense.count + causal.count }

    /// Total size in bytes of the recorded fp32 data as held (scores and patterns packed).
    public var byteCount: Int {
        dense.values.reduce(0) { $0 + $1.byteCount } + causal.values.reduce(0) { $0 + $1.byteCount }
    }

    /// The tensors keyed by their TransformerLens names, for saving (scores and patterns unpacked).
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
