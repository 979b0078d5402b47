import TensorCore

/// One parameter tensor of a `Layer`: its checkpoint name, its shape (from the configuration),
/// its role, and where it sits inside a `Layer` value.
///
/// A model's weights, its gradients and its optimizer state are values of the same layer type
/// (as llm.c's `ParameterTensors` holds both parameters and gradients), so one list of these
/// reads or updates any of them in place. Each layer states its list once
/// (``ParameterLayer/parameters(_:)``, names relative to the layer: `c_attn.weight`); an
/// enclosing layer nests it under a prefix (`h.0.attn.c_attn.weight`).
public struct Parameter<Layer>: Sendable {
    /// The checkpoint name, relative to `Layer` (`c_fc.weight`; `h.3.mlp.c_fc.weight` from ``GPT``).
    public let name: String
    /// The shape the configuration implies.
    public let shape: [Int]
    /// What the tensor is for (initialization, weight decay).
    public let role: ParameterRole
    /// Calls its second argument with the tensor inside a layer value, in place.
    private let access: @Sendable (inout Layer, (inout Tensor) -> Void) -> Void
    /// The tensor inside a layer value.
    private let read: @Sendable (Layer) -> Tensor

    /// A parameter stored at `path`, a key path of stored properties (so updates stay in place).
    public init(_ name: String, shape: [Int], role: ParameterRole, at path: WritableKeyPath<Layer, Tensor> & Sendable) {
        self.init(name: name, shape: shape, role: role,
                  access: { layer, body in body(&layer[keyPath: path]) },
                  read: { $0[keyPath: path] })
    }

    private init(name: String, shape: [Int], role: ParameterRole,
                 access: @escaping @Sendable (inout Layer, (inout Tensor) -> Void) -> Void,
                 read: @escaping @Sendable (Layer) -> Tensor) {
        self.name = name
        self.shape = shape
        self.role = role
        self.access = access
        self.read = read
    }

    /// Number of scalars.
    public var count: Int { shape.reduce(1, *) }

    /// This parameter's tensor in `layer` (weights, gradients or moments alike).
    public func tensor(in layer: Layer) -> Tensor { read(layer) }

    /// Runs `body` on this parameter's tensor in `layer`, in place (no copy when the storage is unique).
    public func update(_ layer: inout Layer, _ body: (inout Tensor) -> Void) { access(&layer, body) }

    /// Puts `tensor` in this parameter's place in `layer`.
    public func set(_ tensor: Tensor, in layer: inout Layer) { access(&layer) { $0 = tensor } }

    /// The same parameter seen from a layer that stores this one's layer at `path`, named `prefix + name`.
    public func nested<Outer>(in path: WritableKeyPath<Outer, Layer> & Sendable, prefix: String) -> Parameter<Outer> {
        Parameter<Outer>(name: prefix + name, shape: shape, role: role,
                         access: { outer, body in access(&outer[keyPath: path], body) },
                         read: { read($0[keyPath: path]) })
    }

    /// The same parameter seen from a layer that stores this one's layer as element `index` of
    /// the array at `path`, named `prefix + name`.
    ///
    /// Not a key path through the array's subscript: a key path reaches a subscript through its
    /// getter and setter, so each update would copy the tensor; `array[index]` here is in place.
    public func nested<Outer>(in path: WritableKeyPath<Outer, [Layer]> & Sendable, index: Int, prefix: String) -> Parameter<Outer> {
        Parameter<Outer>(name: prefix + name, shape: shape, role: role,
                         access: { outer, body in access(&outer[keyPath: path][index], body) },
                         read: { read($0[keyPath: path][index]) })
    }
}

extension Array {
    /// Each parameter seen from a layer that stores this list's layer at `path`, named `prefix + name`.
    public func nested<Layer, Outer>(in path: WritableKeyPath<Outer, Layer> & Sendable, prefix: String) -> [Parameter<Outer>]
    where Element == Parameter<Layer> {
        map { $0.nested(in: path, prefix: prefix) }
    }

    /// Each parameter seen from a layer that stores this list's layer as element `index` of the array at `path`.
    public func nested<Layer, Outer>(in path: WritableKeyPath<Outer, [Layer]> & Sendable, index: Int, prefix: String) -> [Parameter<Outer>]
    where Element == Parameter<Layer> {
        map { $0.nested(in: path, index: index, prefix: prefix) }
    }
}
