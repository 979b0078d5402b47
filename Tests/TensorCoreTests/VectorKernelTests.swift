import Foundation
import Testing
@testable import TensorCore

/// The vectorised kernels (16 lanes with a scalar-padded tail) against the textbook formulas
/// evaluated in Double with Foundation's `exp`/`tanh`.
struct VectorKernelTests {
    @Test func expMatchesDoublePrecisionAcrossTheFloatRange() {
        // -90 ... 89 in steps of 1/64, plus the special inputs of a masked softmax.
        var inputs = stride(from: -90.0, through: 89.0, by: 1.0 / 64).map { Float($0) }
        inputs += [-.infinity, 0, -0.0, 1e-8, -1e-8]
        var worst = 0.0
        for start in stride(from: 0, to: inputs.count, by: 16) {
            var v = VectorMath.Vector(repeating: 0)
            let lanes = min(16, inputs.count - start)
            for lane in 0 ..< lanes { v[lane] = inputs[start + lane] }
            let e = VectorMath.exp(v)
            for lane in 0 ..< lanes {
                let x = inputs[start + lane], got = Double(e[lane])
                if x < -87.3 {
                    #expect(got == 0, "exp(\(x)) should flush to 0, got \(got)")
                } else if x > 88.3 {
                    #expect(got == .infinity, "exp(\(x)) should overflow, got \(got)")
                } else {
                    let reference = Foundation.exp(Double(x))
                    worst = max(worst, abs(got - reference) / reference)
                }
            }
        }
        #expect(worst < 1e-6, "worst relative error \(worst)")
    }

    @Test func softmaxRowMatchesDoublePrecisionForEveryTailLength() {
        // Lengths 1 ... 40 cover rows shorter than a vector, exact multiples and ragged tails.
        for count in 1 ... 40 {
            let row: [Float] = (0 ..< count).map { i in Float((i * 37) % 11) * 0.7 - 3 }
            var out = [Float](repeating: .nan, count: count)
            row.withUnsafeBufferPointer { input in
                out.withUnsafeMutableBufferPointer { output in
                    softmaxRow(input.baseAddress!, output.baseAddress!, count)
                }
            }
            let maximum = Double(row.max()!)
            let exps = row.map { Foundation.exp(Double($0) - maximum) }
            let sum = exps.reduce(0, +)
            for i in 0 ..< count { #expect(abs(Double(out[i]) - exps[i] / sum) < 1e-6, "count \(count), entry \(i)") }
        }
    }

    @Test func firstNonFiniteIndexFindsTheFirstBadElementWhereverItSits() {
        // 2^19 + 21 elements: two full 2^18-element chunks, a short third one with a ragged tail.
        let count = (1 << 19) + 21
        var values = (0 ..< count).map { Float($0 % 1000) * 1e30 }   // up to 1e33, all finite
        values[5] = .greatestFiniteMagnitude
        func first(_ v: [Float]) -> Int? { v.withUnsafeBufferPointer(firstNonFiniteIndex) }
        #expect(first(values) == nil)
        #expect(first([]) == nil)
        // Each case: the bad positions and the expected answer (the lowest one), checked against a scalar scan.
        let cases: [[Int]] = [[0], [15], [16], [(1 << 18) - 1], [1 << 18], [count - 1], [count - 5, 40], [(1 << 18) + 3, (1 << 19) + 2]]
        for (k, positions) in cases.enumerated() {
            var poisoned = values
            for (j, p) in positions.enumerated() { poisoned[p] = [Float.nan, .infinity, -.infinity][(k + j) % 3] }
            #expect(first(poisoned) == poisoned.firstIndex { !$0.isFinite }, "bad at \(positions)")
            #expect(first(poisoned) == positions.min())
        }
        #expect(first([1, 2, -.infinity]) == 2)
    }

    @Test func sumOfExponentialsMatchesDoublePrecision() {
        // Lengths around the 16-lane vector and the 1,024-element block, and a vocabulary-sized
        // row of logits with a -inf (masked) entry.
        for count in [1, 15, 16, 17, 1023, 1024, 1025, 50_257] {
            var row: [Float] = (0 ..< count).map { i in Float((i * 7919) % 2003) / 100 - 12 }
            if count > 2 { row[1] = -.infinity }
            let shift = row.max()!
            let reference = row.reduce(0.0) { $0 + Foundation.exp(Double($1) - Double(shift)) }
            let ours = row.withUnsafeBufferPointer { sumOfExponentials($0, shift: shift) }
            #expect(abs(ours - reference) / reference < 1e-6, "count \(count): \(ours) vs \(reference)")
        }
    }

    @Test func geluNewMatchesTheTanhFormula() {
        // 1 000 points in [-10, 10]: 62 full vectors and a ragged tail of 8.
        let xs: [Float] = (0 ..< 1000).map { Float($0) / 50 - 10 }
        let ours = geluNew(Tensor(shape: [xs.count], scalars: xs)).scalars
        for (x, y) in zip(xs, ours) {
            let d = Double(x)
            let reference = 0.5 * d * (1 + Foundation.tanh(0.7978845608028654 * (d + 0.044715 * d * d * d)))
            #expect(abs(Double(y) - reference) < 1e-6 * max(1, abs(d)), "gelu_new(\(x))")
        }
    }

    @Test func siluMatchesTheLogisticFormula() {
        // 1 000 points in [-20, 20] (a ragged tail of 8) plus the extremes where e^(-x) overflows or vanishes.
        let xs: [Float] = (0 ..< 1000).map { Float($0) / 25 - 20 } + [-100, -89, 89, 100]
        let ours = silu(Tensor(shape: [xs.count], scalars: xs)).scalars
        for (x, y) in zip(xs, ours) {
            let d = Double(x)
            let reference = d / (1 + Foundation.exp(-d))
            #expect(abs(Double(y) - reference) < 1e-6 * max(1, abs(reference)), "silu(\(x)) = \(y), expected \(reference)")
        }
    }

    @Test func singleRowProductsUseEveryLayout() {
        // One row times a matrix, in each layout the model uses for a generation step.
        // a = [1, 2, 3]; B = [[1, 0], [0, 1], [1, 1]] (k = 3, n = 2); a @ B = [4, 5].
        let a = Tensor(shape: [1, 3], scalars: [1, 2, 3])
        let b = Tensor(shape: [3, 2], scalars: [1, 0, 0, 1, 1, 1])
        let bT = Tensor(shape: [2, 3], scalars: [1, 0, 1, 0, 1, 1])   // Bᵀ stored [n, k]
        let aT = Tensor(shape: [3, 1], scalars: [1, 2, 3])            // a stored as a column
        #expect(matmul(a, b).scalars == [4, 5])
        #expect(matmul(a, bT, transposeB: true).scalars == [4, 5])
        #expect(matmul(aT, b, transposeA: true).scalars == [4, 5])
        #expect(matmul(aT, bT, transposeA: true, transposeB: true).scalars == [4, 5])
        #expect(linear(a, weight: b, bias: Tensor(shape: [2], scalars: [10, 20])).scalars == [14, 25])
    }

    @Test func wideSingleRowProductSplitAcrossCoresMatchesDoublePrecision() {
        // The output head for one token: [1, C] @ [V, C]ᵀ, large enough to be split by columns.
        let (k, n) = (256, 8_192)
        let a = Tensor(shape: [1, k], scalars: (0 ..< k).map { Float($0 % 7) - 3 })
        let table = Tensor(shape: [n, k], scalars: (0 ..< n * k).map { Float(($0 * 13) % 17) / 16 - 0.5 })
        let logits = matmul(a, table, transposeB: true).scalars
        for j in stride(from: 0, to: n, by: 97) {
            var reference = 0.0
            for i in 0 ..< k { reference += Double(a.scalars[i]) * Double(table.scalars[j * k + i]) }
            #expect(abs(Double(logits[j]) - reference) < 1e-3, "column \(j)")
        }
    }
}
