import Foundation

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

/// Exact GELU `x Φ(x) = 0.5 x (1 + erf(x / √2))`: what a GPT-2-format `config.json` means by
/// `activation_function: "gelu"`. (GPT-1's `afn: "gelu"` is the tanh form, ``geluNew(_:)``.)
public func gelu(_ x: Tensor) -> Tensor {
    map(x, cost: 20) { v in 0.5 * v * (1 + erff(v * 0.7071067811865476)) }
}

/// ReLU `max(x, 0)`.
public func relu(_ x: Tensor) -> Tensor {
    map(x, cost: 1) { v in max(v, 0) }
}

/// SiLU / swish `x σ(x) = x / (1 + e^(−x))`, with the vectorised `exp` (the scalar `expf` took
/// 5% of a SmolLM2-shaped forward pass at T = 128).
public func silu(_ x: Tensor) -> Tensor {
    mapVectors(x, cost: 4) { v in v / (1 + VectorMath.exp(-v)) }
}

// Derivatives of the nonlinearities above, for the backward pass:
// each takes the activation's input `x` (the recorded `mlp.hook_pre`) and `dL/dy`, and returns
// `dL/dx = dL/dy · f'(x)`, `[N...] -> [N...]`. Single-threaded: training parallelises over
// sequences, one per core.

/// Backward of ``geluNew(_:)``: `f'(x) = ½(1 + tanh u) + ½x(1 − tanh²u)·√(2/π)(1 + 3·0.044715x²)`,
/// `u = √(2/π)(x + 0.044715x³)`.
public func geluNewBackward(_ x: Tensor, outputGradient: Tensor) -> Tensor {
    zipMap(x, outputGradient) { v, g in
        let a: Float = 0.7978845608028654
        // tanh u = 1 − 2 / (e^{2u} + 1): one expf, cheaper than tanhf; saturates correctly at ±∞.
        let t = 1 - 2 / (expf(2 * a * (v + 0.044715 * v * v * v)) + 1)
        let derivative = 0.5 * (1 + t) + 0.5 * v * (1 - t * t) * a * (1 + 3 * 0.044715 * v * v)
        return g * derivative
    }
}

/// Backward of exact ``gelu(_:)``: `f'(x) = Φ(x) + x φ(x)`.
public func geluBackward(_ x: Tensor, outputGradient: Tensor) -> Tensor {
    zipMap(x, outputGradient) { v, g in
        let cdf = 0.5 * (1 + erff(v * 0.7071067811865476))
        let pdf = expf(-0.5 * v * v) * 0.3989422804014327
        return g * (cdf + v * pdf)
    }
}

/// Backward of ``relu(_:)``: the gradient passes where `x > 0`.
public func reluBackward(_ x: Tensor, outputGradient: Tensor) -> Tensor {
    zipMap(x, outputGradient) { v, g in v > 0 ? g : 0 }
}

/// Backward of ``silu(_:)``: `f'(x) = σ(x)(1 + x(1 − σ(x)))`.
public func siluBackward(_ x: Tensor, outputGradient: Tensor) -> Tensor {
    zipMap(x, outputGradient) { v, g in
        let s = 1 / (1 + expf(-v))
        return g * s * (1 + v * (1 - s))
    }
}

/// `f(a[i], b[i])` for tensors of equal shape.
@inline(__always)
func zipMap(_ a: Tensor, _ b: Tensor, _ f: (Float, Float) -> Float) -> Tensor {
    precondition(a.shape == b.shape, "backward: shapes differ \(a.shape) vs \(b.shape)")
    return Tensor(shape: a.shape) { out in
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                for i in 0 ..< out.count { out[i] = f(pa[i], pb[i]) }
            }
        }
    }
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
