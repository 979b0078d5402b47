import Foundation

/// Softmax over the last dimension, numerically stable (the row maximum is subtracted first).
///
/// `-infinity` entries (masked positions) get probability exactly 0. A row of only
/// `-infinity` would be 0/0; callers never produce one (a query always sees itself).
public func softmax(_ x: Tensor) -> Tensor {
    let width = x.shape.last ?? 0
    let rows = width == 0 ? 0 : x.count / width
    return Tensor(shape: x.shape) { out in
        x.withUnsafeBufferPointer { px in
            let src = UnsafeSendable(px.baseAddress), dst = UnsafeSendable(out.baseAddress)
            Parallel.forEachRange(rows, costPerItem: 8 * width) { range in
                guard let s = src.value, let d = dst.value else { return }
                for r in range { softmaxRow(s + r * width, d + r * width, width) }
            }
        }
    }
}

/// Softmax of one row of `count` values from `input` into `output` (they may alias).
///
/// Sixteen lanes at a time with the vectorised ``VectorMath/exp(_:)``; the tail is padded with
/// `-infinity`, which contributes exactly 0 to the sum.
@inline(__always)
public func softmaxRow(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, _ count: Int) {
    typealias Vector = VectorMath.Vector
    let lanes = Vector.scalarCount
    @inline(__always) func load(_ start: Int) -> Vector {
        if start + lanes <= count { return UnsafeRawPointer(input + start).loadUnaligned(as: Vector.self) }
        var v = Vector(repeating: -.infinity)
        for lane in 0 ..< count - start { v[lane] = input[start + lane] }
        return v
    }
    @inline(__always) func store(_ v: Vector, _ start: Int) {
        if start + lanes <= count { UnsafeMutableRawPointer(output + start).storeBytes(of: v, as: Vector.self); return }
        for lane in 0 ..< count - start { output[start + lane] = v[lane] }
    }
    var maxima = Vector(repeating: -.infinity)
    // A compare-and-select, not `pointwiseMax`: the standard library's NaN-aware version goes lane
    // by lane through the stack, which made this loop most of the softmax's time at T = 1,024.
    for start in stride(from: 0, to: count, by: lanes) {
        let v = load(start)
        maxima.replace(with: v, where: v .> maxima)
    }
    let maximum = maxima.max()
    var sums = Vector()
    for start in stride(from: 0, to: count, by: lanes) {
        let e = VectorMath.exp(load(start) - maximum)     // masked (-inf) entries give exactly 0
        sums += e
        store(e, start)
    }
    let inverse = 1 / sums.sum()
    for start in stride(from: 0, to: count, by: lanes) {
        if start + lanes <= count {
            let v = UnsafeRawPointer(output + start).loadUnaligned(as: Vector.self)
            UnsafeMutableRawPointer(output + start).storeBytes(of: v * inverse, as: Vector.self)
        } else {
            for i in start ..< count { output[i] *= inverse }
        }
    }
}

/// `Σ exp(x[i] - shift)` over `x`, with the vectorised exp: the denominator of a softmax row
/// (pass the row's maximum as `shift`). Partial sums are kept in Float for 1,024 elements at a
/// time and added in Double, so a 50,257-token row stays accurate to about 1e-7 relative.
public func sumOfExponentials(_ x: UnsafeBufferPointer<Float>, shift: Float) -> Double {
    typealias Vector = VectorMath.Vector
    let lanes = Vector.scalarCount, count = x.count
    guard let base = x.baseAddress else { return 0 }
    var total = 0.0
    let block = 1024
    for blockStart in stride(from: 0, to: count, by: block) {
        let blockEnd = min(count, blockStart + block)
        var sums = Vector()
        var start = blockStart
        while start + lanes <= blockEnd {
            sums += VectorMath.exp(UnsafeRawPointer(base + start).loadUnaligned(as: Vector.self) - shift)
            start += lanes
        }
        if start < blockEnd {
            var tail = Vector(repeating: -.infinity)   // exp(-inf) = 0 pads the last vector
            for lane in 0 ..< blockEnd - start { tail[lane] = base[start + lane] - shift }
            sums += VectorMath.exp(tail)
        }
        total += Double(sums.sum())
    }
    return total
}

/// Backward of one softmax row: `dL/dx_j = p_j (dL/dp_j − Σ_k p_k dL/dp_k)`.
///
/// `probabilities` is the softmax output, `outputGradient` `dL/dp`; `count` entries are read and
/// `inputGradient` written (it may alias `outputGradient`). Masked entries (`p = 0`) get 0.
@inline(__always)
public func softmaxBackwardRow(
    probabilities p: UnsafePointer<Float>, outputGradient dp: UnsafePointer<Float>,
    inputGradient dx: UnsafeMutablePointer<Float>, count: Int
) {
    var dot: Float = 0
    for j in 0 ..< count { dot += p[j] * dp[j] }
    for j in 0 ..< count { dx[j] = p[j] * (dp[j] - dot) }
}
