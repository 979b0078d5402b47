import Foundation
import Testing
@testable import TensorCore

/// The kernels the model layers call (attention, cross-entropy, embedding lookup), on cases
/// small enough to work out by hand.
struct ModelKernelTests {
    // Two heads of size 1 (C = 2), two positions: q, keys and values with heads as columns.
    static let q = Tensor(shape: [2, 2, 1], scalars: [1, 2, 3, 4])   // [T, NH, hs]
    static let keys: [Float] = [1, 0, 2, 1]                           // [S, C]
    static let values: [Float] = [10, 20, 30, 40]                     // [S, C]

    @Test func causalAttentionByHand() {
        // Head 0 scores q·k / √1: row 0 sees key 0 only (1·1); row 1: 3·1, 3·2. Head 1: 2·0; 4·0, 4·1.
        let scores = causalAttentionScores(Self.q, keys: Self.keys, heads: 2, past: 0)
        #expect(scores.shape == [2, 2, 2])
        #expect(scores.unpacked().scalars == [1, -.infinity, 3, 6, 0, -.infinity, 0, 4])
        let pattern = causalSoftmax(scores).unpacked()
        let p = 1 / (1 + exp(3.0)), r = 1 / (1 + exp(4.0))       // weight on key 0 in row 1
        let expectedPattern = [1, 0, p, 1 - p, 1, 0, r, 1 - r]
        #expect(zip(pattern.scalars, expectedPattern).allSatisfy { abs(Double($0) - $1) < 1e-6 })
        let z = causalWeightedSum(causalSoftmax(scores), values: Self.values, width: 2)
        #expect(z.shape == [2, 2, 1])
        let expectedZ = [10, 20, 10 * p + 30 * (1 - p), 20 * r + 40 * (1 - r)]
        #expect(zip(z.scalars, expectedZ).allSatisfy { abs(Double($0) - $1) < 1e-4 })
    }

    @Test func aQueryAfterCachedKeysSeesThemAll() {
        // Only position 1's query, after one cached position: no mask, the same row 1 as above.
        let q = Tensor(shape: [1, 2, 1], scalars: [3, 4])
        let scores = causalAttentionScores(q, keys: Self.keys, heads: 2, past: 1)
        #expect(scores.shape == [2, 1, 2] && scores.unpacked().scalars == [3, 6, 0, 4] && scores.storage == [3, 6, 0, 4])
        let z = causalWeightedSum(causalSoftmax(scores), values: Self.values, width: 2)
        let p = 1 / (1 + exp(3.0)), r = 1 / (1 + exp(4.0))
        #expect(abs(Double(z.scalars[0]) - (10 * p + 30 * (1 - p))) < 1e-4 && abs(Double(z.scalars[1]) - (20 * r + 40 * (1 - r))) < 1e-4)
    }

    @Test func crossEntropyByHand() {
        // Row 0: uniform over 4, target 1 → ln 4. Row 1: logits ln(1..4), target 3 → p = 0.4.
        let logits = Tensor(shape: [2, 4], scalars: [0, 0, 0, 0] + [1, 2, 3, 4].map { Float(log(Double($0))) })
        let (loss, gradient) = crossEntropy(logits, targets: [1, 3], gradientScale: 0.5)
        #expect(abs(loss - (log(4.0) - log(0.4))) < 1e-6)
        let expected: [Float] = [0.125, -0.375, 0.125, 0.125, 0.05, 0.1, 0.15, -0.3]   // 0.5 (softmax − onehot)
        #expect(zip(gradient.scalars, expected).allSatisfy { abs($0 - $1) < 1e-6 })
    }

    @Test func gatherAndItsBackwardByHand() {
        let table = Tensor(shape: [3, 2], scalars: [1, 2, 3, 4, 5, 6])
        #expect(gatherRows(table, [2, 0, 2]).scalars == [5, 6, 1, 2, 5, 6])
        var gradient = Tensor(shape: [3, 2])
        scatterAddRows(Tensor(shape: [3, 2], scalars: [1, 1, 2, 2, 3, 3]), [2, 0, 2], into: &gradient)
        #expect(gradient.scalars == [2, 2, 0, 0, 4, 4])   // id 2 seen twice: 1 + 3
    }

    @Test func columnsAndTheAdditionOperator() {
        let x = Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        #expect(x.columns(1 ..< 3) == Tensor(shape: [2, 2], scalars: [2, 3, 5, 6]))
        #expect((x + x).scalars == [2, 4, 6, 8, 10, 12])
    }
}
