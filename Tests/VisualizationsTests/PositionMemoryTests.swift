import Testing
import TensorCore
@testable import Visualizations

/// The positional figures' memory estimate and the tables built for a part of the positions.
struct PositionMemoryTests {
    @Test func similarityOfALongContextIsEstimatedBeforeItIsBuilt() {
        // 100,000 positions × 8 dimensions: tables 8·P·D = 6,400,000; the similarity matrix and
        // its image 12·P² = 120,000,000,000 (the largest of the three figures).
        let all = PositionalEncodingFigure.memory(PositionalFigureKind.allCases, positions: 100_000, dimensions: 8)
        #expect(all.bytes == 120_006_400_000)
        #expect(all.subject == "100,000 positions × 8 dimensions, a 100,000 × 100,000 similarity")
        // A heatmap alone: tables plus 20 bytes per cell, side by side: N = 2.
        let heatmaps = PositionalEncodingFigure.memory([.heatmap], positions: 1024, dimensions: 768, panels: 2)
        #expect(heatmaps.bytes == 8 * 2 * 1024 * 768 + 20 * 2 * 1024 * 768)
        // 12p² + 64p ≤ 2³⁰ up to p = 9,456.
        let most = MemoryBudget(availableBytes: 0x1p30).largest(upTo: 100_000) {
            PositionalEncodingFigure.memory(PositionalFigureKind.allCases, positions: $0, dimensions: 8)
        }
        #expect(most == 9456)
    }

    @Test func sinusoidalRowsOfARangeEqualTheRestrictedTable() throws {
        let part = try PositionTable.sinusoidal(range: 900..<1024, dModel: 64)
        let restricted = try PositionTable.sinusoidal(positions: 1024, dModel: 64).restricted(to: 900..<1024)
        #expect(part == restricted)
        #expect(try PositionTable.sinusoidal(range: 0..<50, dModel: 8) == PositionTable.sinusoidal(positions: 50, dModel: 8))
    }

    @Test func learnedRowsOfARangeEqualTheRestrictedTable() throws {
        let model = try ReportFixture.analysis().model
        let part = try PositionTable.learned(model, modelName: "m", positions: 3..<9)
        #expect(part == (try PositionTable.learned(model, modelName: "m").restricted(to: 3..<9)))
        #expect(throws: PositionalEncodingError.self) { try PositionTable.learned(model, modelName: "m", positions: 0..<1_000_000) }
    }
}
