import Experiments
import Foundation
import GPTModel
import Testing

/// The eigenvalue routine on hand-worked matrices, and the circuits against numpy on the fixture.
@Suite struct CircuitTests {
    /// Sorted (re, im) pairs for comparison.
    func sorted(_ values: [(re: Double, im: Double)]) -> [(Double, Double)] {
        values.map { ($0.re, $0.im) }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
    }

    @Test func eigenvaluesOfHandWorkedMatrices() throws {
        // A rotation by 90°: ±i.
        let rotation = try #require(eigenvalues([0, -1, 1, 0], n: 2))
        #expect(sorted(rotation).map { abs($0.0) } == [0, 0])
        #expect(Set(rotation.map { $0.im }) == [-1, 1])
        // Upper triangular: the diagonal.
        let triangular = try #require(eigenvalues([2, 5, 7, 0, -3, 1, 0, 0, 4], n: 3))
        #expect(sorted(triangular).map(\.0) == [-3, 2, 4])
        // The companion matrix of (x − 1)(x − 2)(x + 3)(x² + 1): (x − 1)(x − 2)(x + 3) = x³ − 7x + 6,
        // times (x² + 1) = x⁵ − 6x³ + 6x² − 7x + 6; its eigenvalues are the roots 1, 2, −3, ±i.
        let coefficients: [Double] = [1, 0, -6, 6, -7, 6]   // x⁵ … x⁰
        var companion = [Double](repeating: 0, count: 25)
        for j in 0 ..< 5 { companion[j] = -coefficients[j + 1] }
        for i in 1 ..< 5 { companion[i * 5 + i - 1] = 1 }
        let roots = try #require(eigenvalues(companion, n: 5))
        let expected: [(Double, Double)] = [(-3, 0), (0, -1), (0, 1), (1, 0), (2, 0)]
        for (got, want) in zip(sorted(roots), expected) {
            #expect(abs(got.0 - want.0) < 1e-9 && abs(got.1 - want.1) < 1e-9)
        }
    }

    /// GPT-2 (fused Conv1D), Llama with grouped-query attention, Qwen2 and GPT-NeoX (fused per-head rows).
    @Test(arguments: ["tiny-gpt2", "llama-gqa", "qwen2-sharded", "neox-parallel", "mistral-window"])
    func copyingScoresAndQKMatchNumpy(model name: String) throws {
        let f = try ReferenceFixture(name)
        let circuits = try Circuits(model: f.model)
        let scores = circuits.copyingScores()
        #expect(maxDifference(scores, try f.grid("circuits", "copying")) < 1e-4)
        #expect(scores.joined().allSatisfy { $0 >= -1 && $0 <= 1 })
        let head = try HeadIndex(parsing: try #require(try f.any(["circuits", "qk_head"]) as? String))
        let tokens = try #require(try f.any(["circuits", "qk_tokens"]) as? [Int])
        let qk = try circuits.qk(layer: head.layer, head: head.head, rows: tokens, table: f.model.embedding.tokenTable)
        #expect(maxDifference(qk, try f.grid("circuits", "qk").flatMap { $0 }) < 1e-4)
        #expect(throws: ExperimentError.self) { try circuits.qk(layer: 0, head: 0, rows: [999], table: f.model.embedding.tokenTable) }
    }
}
