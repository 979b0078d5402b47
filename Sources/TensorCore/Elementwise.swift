import Foundation

/// `a + b` element by element (shapes must match): the residual connection.
public func add(_ a: Tensor, _ b: Tensor) -> Tensor {
    precondition(a.shape == b.shape, "add: shapes differ \(a.shape) vs \(b.shape)")
    return Tensor(shape: a.shape) { out in
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                for i in 0 ..< out.count { out[i] = pa[i] + pb[i] }
            }
        }
    }
}

extension Tensor {
    /// `a + b` element by element (shapes must match): ``add(_:_:)`` as an operator, for residual
    /// connections that read like the paper (`x + attn(ln_1(x))`).
    public static func + (a: Tensor, b: Tensor) -> Tensor { add(a, b) }
}

/// `a * b` element by element (shapes must match): the gate of a gated MLP, `act(gate) * up`.
public func multiply(_ a: Tensor, _ b: Tensor) -> Tensor {
    precondition(a.shape == b.shape, "multiply: shapes differ \(a.shape) vs \(b.shape)")
    return Tensor(shape: a.shape) { out in
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                for i in 0 ..< out.count { out[i] = pa[i] * pb[i] }
            }
        }
    }
}
