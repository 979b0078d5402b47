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
