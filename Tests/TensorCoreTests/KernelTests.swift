import Foundation
import Testing
@testable import TensorCore

/// Kernels checked against numbers worked out by hand.
struct KernelTests {
    @Test func matmulOfTwoByTwo() {
        let a = Tensor(shape: [2, 2], scalars: [1, 2, 3, 4])
        let b = Tensor(shape: [2, 2], scalars: [5, 6, 7, 8])
        #expect(matmul(a, b).scalars == [19, 22, 43, 50])
        // aᵀ b = [[1,3],[2,4]] @ b
        #expect(matmul(a, b, transposeA: true).scalars == [26, 30, 38, 44])
        // a bᵀ = a @ [[5,7],[6,8]]
        #expect(matmul(a, b, transposeB: true).scalars == [17, 23, 39, 53])
    }

    @Test func matmulOfNonSquare() {
        let a = Tensor(shape: [1, 3], scalars: [1, 2, 3])
        let b = Tensor(shape: [3, 2], scalars: [1, 0, 0, 1, 1, 1])
        let c = matmul(a, b)
        #expect(c.shape == [1, 2])
        #expect(c.scalars == [4, 5])
    }

    @Test func linearAddsBiasInCheckpointLayout() {
        // x: [2, 3], W: [3, 2] (in, out), b: [2]
        let x = Tensor(shape: [2, 3], scalars: [1, 2, 3, -1, 0, 1])
        let w = Tensor(shape: [3, 2], scalars: [1, 0, 0, 1, 1, 1])
        let b = Tensor(shape: [2], scalars: [10, 20])
        #expect(linear(x, weight: w, bias: b).scalars == [14, 25, 10, 21])
        #expect(linear(x, weight: w, bias: nil).scalars == [4, 5, 0, 1])
    }

    @Test func layerNormOfOneRow() {
        // mean 2.5, variance 1.25, so (x - 2.5) / sqrt(1.25 + 1e-5)
        let x = Tensor(shape: [1, 4], scalars: [1, 2, 3, 4])
        let y = layerNorm(x, weight: Tensor(shape: [4], repeating: 2),
                          bias: Tensor(shape: [4], repeating: 1), epsilon: 1e-5)
        let rstd = 1 / (1.25 + 1e-5 as Float).squareRoot()
        let expected: [Float] = [-1.5, -0.5, 0.5, 1.5].map { $0 * rstd * 2 + 1 }
        for (a, b) in zip(y.scalars, expected) { #expect(abs(a - b) < 1e-6) }
        #expect(abs(y.scalars[0] - (-1.6832708)) < 2e-6)
    }

    @Test func layerNormSplitAcrossCoresMatchesEachRow() {
        // 40 000 rows, each an affine copy of [1, 2, 3, 4]: every normalized row is the same.
        let rows = 40_000
        var scalars: [Float] = []
        for r in 0 ..< rows {
            let scale = Float(1 + r % 7)
            scalars += [1, 2, 3, 4].map { $0 * scale + Float(r % 13) }
        }
        let y = layerNorm(Tensor(shape: [rows, 4], scalars: scalars),
                          weight: Tensor(shape: [4], repeating: 1), bias: Tensor(shape: [4]), epsilon: 0)
        let expected: [Float] = [-1.3416408, -0.4472136, 0.4472136, 1.3416408]
        var worst: Float = 0
        for r in 0 ..< rows { for c in 0 ..< 4 { worst = max(worst, abs(y.scalars[r * 4 + c] - expected[c])) } }
        #expect(worst < 1e-5)
    }

    @Test func softmaxOfLogsAndMaskedEntries() {
        let x = Tensor(shape: [2, 3], scalars: [0, logf(2), logf(3), 1000, -.infinity, 1000])
        let y = softmax(x)
        let expected: [Float] = [1.0 / 6, 2.0 / 6, 3.0 / 6, 0.5, 0, 0.5]
        for (a, b) in zip(y.scalars, expected) { #expect(abs(a - b) < 1e-6) }
        #expect(y.scalars[4] == 0)
    }

    @Test func geluVariantsAtKnownPoints() {
        let x = Tensor(shape: [4], scalars: [-1, 0, 1, 3])
        // Exact: x Φ(x). Φ(1) = 0.8413447, Φ(3) = 0.9986501.
        let exact = gelu(x).scalars
        let expectedExact: [Float] = [-0.1586553, 0, 0.8413447, 2.9959502]
        for (a, b) in zip(exact, expectedExact) { #expect(abs(a - b) < 1e-6) }
        // tanh approximation: 0.5 (1 + tanh(0.7978846 · 1.044715)) = 0.8411920 at x = 1.
        let approx = geluNew(x).scalars
        let expectedApprox: [Float] = [-0.1588080, 0, 0.8411920, 2.9963627]
        for (a, b) in zip(approx, expectedApprox) { #expect(abs(a - b) < 1e-6) }
    }

    @Test func largeElementwiseUsesEveryElement() {
        let n = 300_000
        let x = Tensor(shape: [n], scalars: (0 ..< n).map { Float($0 % 5) - 2 })
        let y = relu(x)
        #expect(y.scalars.reduce(0, +) == Float(n / 5 * 3))
        #expect(add(x, x).scalars[4] == 4)
    }

    @Test func rowsAndReshape() {
        let x = Tensor(shape: [3, 2], scalars: [1, 2, 3, 4, 5, 6])
        #expect(x.rows(1 ..< 3).scalars == [3, 4, 5, 6])
        #expect(x.row(2).scalars == [5, 6])
        #expect(x.reshaped([2, 3]).shape == [2, 3])
    }
}

/// `Parallel.serially`: everything on the calling thread, restored afterwards, same results.
struct SerialModeTests {
    @Test func serialModeRunsOnTheCallingThreadAndRestores() {
        #expect(!Parallel.isSerial)
        final class Log: @unchecked Sendable { var order: [Int] = []; var threads = Set<String>() }
        let log = Log()
        Parallel.serially {
            #expect(Parallel.isSerial)
            Parallel.serially { #expect(Parallel.isSerial) }
            #expect(Parallel.isSerial)   // nested call restored the outer mode, not "off"
            // In serial mode the jobs run in order, so this unsynchronised log is safe.
            Parallel.forEach(6) { i in log.order.append(i); log.threads.insert("\(Thread.current)") }
        }
        #expect(!Parallel.isSerial)
        #expect(log.order == Array(0..<6))
        #expect(log.threads.count == 1)
    }

    @Test func serialProductsEqualParallelOnes() {
        // Shapes on both sides of BLAS.gemm's split rule (rows; columns for a wide B).
        for (m, k, n) in [(64, 96, 200), (8, 64, 5000), (300, 32, 40)] {
            let a = Tensor(shape: [m, k], scalars: (0..<m * k).map { Float(($0 * 37) % 101) / 50 - 1 })
            let b = Tensor(shape: [n, k], scalars: (0..<n * k).map { Float(($0 * 53) % 89) / 44 - 1 })
            let parallel = matmul(a, b, transposeB: true)
            let serial = Parallel.serially { matmul(a, b, transposeB: true) }
            #expect(serial.maxAbsoluteDifference(to: parallel) <= 1e-5 * Float(k))
        }
    }
}
