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

/// GPT-2's `gelu_new`: the tanh approximation `0.5 x (1 + tanh(√(2/π) (x + 0.044715 x³)))`.
///
/// Computed as `x σ(2u) = x / (1 + e^(−2u))`, the same function (`0.5 (1 + tanh u) = σ(2u)`),
/// because that needs one vectorised `exp` instead of a scalar `tanhf` per element.
public func geluNew(_ x: Tensor) -> Tensor {
    mapVectors(x, cost: 4) { v in
        let u = 0.797_884_56 * (v + 0.044_715 * v * v * v)   // √(2/π) (x + 0.044715 x³)
        return v / (1 + VectorMath.exp(-2 * u))
    }
}

/// Exact GELU `x Φ(x) = 0.5 x (1 + erf(x / √2))` (GPT-1 checkpoints say `gelu`).
public func gelu(_ x: Tensor) -> Tensor {
    map(x, cost: 20) { v in 0.5 * v * (1 + erff(v * 0.7071067811865476)) }
}

/// ReLU `max(x, 0)`.
public func relu(_ x: Tensor) -> Tensor {
    map(x, cost: 1) { v in max(v, 0) }
}

/// SiLU / swish `x σ(x)`.
public func silu(_ x: Tensor) -> Tensor {
    map(x, cost: 20) { v in v / (1 + expf(-v)) }
}

/// Applies a scalar function to every element, spread over the cores for large tensors.
@inline(__always)
func map(_ x: Tensor, cost: Int, _ f: @escaping @Sendable (Float) -> Float) -> Tensor {
    Tensor(shape: x.shape) { out in
        x.withUnsafeBufferPointer { input in
            let src = UnsafeSendable(input.baseAddress), dst = UnsafeSendable(out.baseAddress)
            Parallel.forEachRange(input.count, costPerItem: cost) { range in
                guard let s = src.value, let d = dst.value else { return }
                for i in range { d[i] = f(s[i]) }
            }
        }
    }
}

/// Applies a function to 16 elements at a time (the tail zero-padded), spread over the cores.
@inline(__always)
func mapVectors(_ x: Tensor, cost: Int, _ f: @escaping @Sendable (VectorMath.Vector) -> VectorMath.Vector) -> Tensor {
    typealias Vector = VectorMath.Vector
    return Tensor(shape: x.shape) { out in
        x.withUnsafeBufferPointer { input in
            let src = UnsafeSendable(input.baseAddress), dst = UnsafeSendable(out.baseAddress)
            let count = input.count
            let vectors = (count + Vector.scalarCount - 1) / Vector.scalarCount
            Parallel.forEachRange(vectors, costPerItem: cost * Vector.scalarCount) { range in
                guard let s = src.value, let d = dst.value else { return }
                for vectorIndex in range {
                    let start = vectorIndex * Vector.scalarCount
                    let width = min(Vector.scalarCount, count - start)
                    if width == Vector.scalarCount {
                        let v = UnsafeRawPointer(s + start).loadUnaligned(as: Vector.self)
                        UnsafeMutableRawPointer(d + start).storeBytes(of: f(v), as: Vector.self)
                    } else {
                        var v = Vector()
                        for lane in 0 ..< width { v[lane] = s[start + lane] }
                        let result = f(v)
                        for lane in 0 ..< width { d[start + lane] = result[lane] }
                    }
                }
            }
        }
    }
}
