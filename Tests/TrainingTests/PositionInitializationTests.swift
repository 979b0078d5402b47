import Foundation
import GPTModel
import TensorCore
import Testing
@testable import Training

/// `--position-init sinusoidal`: the learned position table starts from the sin/cos table of
/// Vaswani et al. (2017), scaled to the token table's size, and nothing else changes.
struct PositionInitializationTests {
    static let configuration = GPTConfiguration(name: "tiny", vocabularySize: 50, contextLength: 12, embeddingWidth: 16,
                                                layerCount: 2, headCount: 2)

    /// Hand-worked rows: position 0 is (0, s, 0, s, …) with s = 0.02·√2; position 3's first pair
    /// is s·(sin 3, cos 3), its last pair s·(sin(3/10000^(14/16)), cos(…)).
    @Test func startsFromTheScaledSinusoidalTable() {
        let model = GPT.initialized(Self.configuration, seed: 7, positions: .sinusoidal)
        let table = model.embedding.positionTable, width = 16
        let s = 0.02 * 2.0.squareRoot()
        #expect(table.shape == [12, width])
        for d in 0 ..< width { #expect(abs(Double(table.scalars[d]) - (d % 2 == 0 ? 0 : s)) < 1e-7) }
        let row3 = Array(table.scalars[3 * width ..< 4 * width]).map(Double.init)
        #expect(abs(row3[0] - s * sin(3)) < 1e-7 && abs(row3[1] - s * cos(3)) < 1e-7)
        let slowest = 3 / pow(10_000, 14.0 / 16)
        #expect(abs(row3[14] - s * sin(slowest)) < 1e-7 && abs(row3[15] - s * cos(slowest)) < 1e-7)
        // Root mean square over the table close to 0.02 (exactly √(1/2)·s·√2 = 0.02 per sin/cos pair).
        let rms = (table.scalars.reduce(0.0) { $0 + Double($1 * $1) } / Double(table.count)).squareRoot()
        #expect(abs(rms - 0.02) < 1e-6)
    }

    /// Every other parameter is the same as with the default initialization (the skipped table's
    /// draws are still taken from the generator), so the option changes one table only.
    @Test func changesThePositionTableOnly() {
        let normal = GPT.initialized(Self.configuration, seed: 7)
        let sinusoidal = GPT.initialized(Self.configuration, seed: 7, positions: .sinusoidal)
        #expect(normal.embedding.tokenTable == sinusoidal.embedding.tokenTable)
        #expect(normal.embedding.positionTable != sinusoidal.embedding.positionTable)
        #expect(normal.outputHead == sinusoidal.outputHead)
        for (a, b) in zip(normal.blocks, sinusoidal.blocks) {
            #expect(a.attention.qkvWeight == b.attention.qkvWeight && a.mlp.projWeight == b.mlp.projWeight)
        }
    }
}

/// `--init-std S`: the weight matrices start at N(0, S), the residual projections at
/// N(0, S/√(2L)), and the token and position tables keep GPT-2's 0.02; the draws are the same
/// numbers, scaled.
struct MatrixStdInitializationTests {
    static let configuration = GPTConfiguration(name: "small", vocabularySize: 300, contextLength: 32, embeddingWidth: 64,
                                                layerCount: 2, headCount: 4)

    static func std(_ t: Tensor) -> Double {
        let mean = t.scalars.reduce(0.0) { $0 + Double($1) } / Double(t.count)
        return (t.scalars.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / Double(t.count)).squareRoot()
    }

    /// Hand-worked: with S = 0.05 and L = 2, c_attn (64 × 192 = 12,288 draws) has standard deviation
    /// 0.05 and c_proj 0.05/√4 = 0.025, within a few percent (sampling error about 1/√(2n));
    /// the token table stays at 0.02; every matrix is exactly 2.5 times the default one.
    @Test func scalesTheMatricesOnly() {
        let base = GPT.initialized(Self.configuration, seed: 11)
        let wide = GPT.initialized(Self.configuration, seed: 11, matrixStd: 0.05)
        let attention = wide.blocks[0].attention
        #expect(abs(Self.std(attention.qkvWeight) / 0.05 - 1) < 0.03)
        #expect(abs(Self.std(attention.projWeight) / 0.025 - 1) < 0.05)
        #expect(abs(Self.std(wide.blocks[1].mlp.fcWeight) / 0.05 - 1) < 0.03)
        #expect(abs(Self.std(wide.embedding.tokenTable) / 0.02 - 1) < 0.05)
        #expect(wide.embedding.tokenTable == base.embedding.tokenTable)
        #expect(wide.embedding.positionTable == base.embedding.positionTable)
        for (a, b) in zip(base.blocks[1].mlp.projWeight.scalars, wide.blocks[1].mlp.projWeight.scalars) {
            #expect(abs(Double(b) - 2.5 * Double(a)) <= 1e-6 * abs(Double(b)) + 1e-9)
        }
        #expect(wide.blocks[0].attention.qkvBias == base.blocks[0].attention.qkvBias)
    }

    /// A value out of (0, 1] is refused, naming the setting.
    @Test func refusesAStdOutOfRange() {
        for bad in [0, -0.02, 1.5, Double.nan] {
            var options = TrainingOptions(steps: 10)
            options.initStd = bad
            #expect(throws: TrainingError.invalidOption(.initStd, rule: "must be in (0, 1]")) { try options.validate() }
        }
    }

    /// The run's options record the value (a resumed or reread log knows how the weights
    /// started), and logs written before it existed still decode, as 0.02.
    @Test func isRecordedWithTheOptions() throws {
        var options = TrainingOptions(steps: 10)
        options.initStd = 0.05
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(options)) as? [String: Any]
        #expect(json?["initStd"] as? Double == 0.05)
        #expect(try JSONDecoder().decode(TrainingOptions.self, from: JSONEncoder().encode(options)) == options)
        options.initStd = nil
        let old = try JSONEncoder().encode(options)
        #expect(!String(decoding: old, as: UTF8.self).contains("initStd"))
        #expect(try JSONDecoder().decode(TrainingOptions.self, from: old).initStd == nil)
    }
}
