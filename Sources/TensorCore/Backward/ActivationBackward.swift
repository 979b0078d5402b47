import Foundation

// Derivatives of the element-wise nonlinearities in Elementwise.swift, for the backward pass:
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
