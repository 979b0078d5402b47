import Foundation
import GPTModel
import TensorCore
import Testing
@testable import Training

/// `--lazy-token-rows`: a step updates only the token-table rows of the tokens in its batch, as
/// `torch.optim.SparseAdam` does for the rows a sparse gradient holds.
struct LazyTokenRowsTests {
    /// A 3 × 2 table: the only parameter of the layer.
    struct Table: ParameterLayer {
        var rows: Tensor
        static func parameters(_: GPTConfiguration) -> [Parameter<Table>] {
            [Parameter("table", shape: [3, 2], role: .embedding, at: \.rows)]
        }
    }

    /// Hand-worked, β₁ = 0.9, β₂ = 0.999, ε = 1e-8, lr = 0.1, no decay. Step 1 selects rows 0 and 2:
    /// m = 0.1g, v = 0.001g², and with the bias corrections m̂ = g, v̂ = g², so each selected entry
    /// moves by −0.1·g/|g| = ∓0.1; row 1 keeps its values and zero moments. Step 2 selects row 1
    /// only, first time: m = 0.1g, v = 0.001g², m̂ = 0.1g/(1 − 0.9²) = 0.526316g,
    /// v̂ = 0.001g²/(1 − 0.999²) = 0.500250g², a move of 0.1 · 0.526316/0.707284 = 0.0744135 against g.
    @Test func unselectedRowsKeepValuesAndMomentsAndBiasCorrectionUsesTheGlobalStep() {
        let start: [Float] = [1, 2, 3, 4, 5, 6]
        var table = Table(rows: Tensor(shape: [3, 2], scalars: start))
        let parameters = Table.parameters(GPTConfiguration(name: "unused"))
        var optimizer = AdamW(zeroFor: table, parameters: parameters, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0)
        let gradient = Table(rows: Tensor(shape: [3, 2], scalars: [0.5, -0.25, 2, -4, 0.01, -3]))

        optimizer.update(&table, gradients: gradient, parameters: parameters, learningRate: 0.1,
                         onlyRows: .init(parameter: "table", rows: [true, false, true]))
        let after1: [Float] = [0.9, 2.1, 3, 4, 4.9, 6.1]
        for (a, b) in zip(table.rows.scalars, after1) { #expect(abs(a - b) < 1e-6) }
        #expect(table.rows.scalars[2] == 3 && table.rows.scalars[3] == 4)   // bit for bit
        #expect(optimizer.firstMoments.rows.scalars[2] == 0 && optimizer.secondMoments.rows.scalars[3] == 0)

        optimizer.update(&table, gradients: gradient, parameters: parameters, learningRate: 0.1,
                         onlyRows: .init(parameter: "table", rows: [false, true, false]))
        let move: Float = 0.1 * 0.526316 / 0.707284
        let after2: [Float] = [0.9, 2.1, 3 - move, 4 + move, 4.9, 6.1]
        for (a, b) in zip(table.rows.scalars, after2) { #expect(abs(a - b) < 1e-5) }
        #expect(optimizer.stepCount == 2)
    }

    /// A rows selection for another parameter leaves this one's update dense (every row moves).
    @Test func aSelectionForAnotherParameterChangesNothing() {
        var table = Table(rows: Tensor(shape: [3, 2], scalars: [1, 2, 3, 4, 5, 6]))
        let parameters = Table.parameters(GPTConfiguration(name: "unused"))
        var optimizer = AdamW(zeroFor: table, parameters: parameters, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0)
        optimizer.update(&table, gradients: Table(rows: Tensor(shape: [3, 2], repeating: 1)), parameters: parameters,
                         learningRate: 0.1, onlyRows: .init(parameter: "other", rows: [false, false, false]))
        for (a, b) in zip(table.rows.scalars, [0.9, 1.9, 2.9, 3.9, 4.9, 5.9] as [Float]) { #expect(abs(a - b) < 1e-6) }
    }

    /// One training step of a tied GPT: without the option every token's row moves (the tied
    /// head's softmax gives each a gradient); with it, exactly the rows of the batch's tokens do.
    @Test func aTrainingStepMovesOnlyTheBatchsRows() throws {
        let configuration = GPTConfiguration(name: "tiny", vocabularySize: 60, contextLength: 8, embeddingWidth: 16,
                                             layerCount: 1, headCount: 2)
        // Tokens 0 ..< 20 only: rows 20 ..< 60 never appear in a batch.
        let dataset = try TokenDataset(tokens: (0 ..< 3_000).map { ($0 * 7) % 20 }, contextLength: 8, validationFraction: 0.1)
        func stepped(lazy: Bool?) -> (before: Tensor, after: Tensor, batch: Set<Int>) {
            var options = TrainingOptions(steps: 3)
            (options.batchSize, options.contextLength, options.warmupSteps, options.lazyTokenRows) = (4, 8, 0, lazy)
            let model = GPT.initialized(configuration, seed: 3)
            var trainer = Trainer(model: model, options: options, dataset: dataset)
            let batch = Set(dataset.trainingBatch(step: 0, batchSize: 4, seed: options.seed).joined())
            _ = trainer.step()
            return (model.embedding.tokenTable, trainer.model.embedding.tokenTable, batch)
        }
        func movedRows(_ r: (before: Tensor, after: Tensor, batch: Set<Int>)) -> Set<Int> {
            let before = r.before.scalars, after = r.after.scalars
            var moved = Set<Int>()
            for row in 0 ..< 60 where before[row * 16 ..< (row + 1) * 16] != after[row * 16 ..< (row + 1) * 16] { moved.insert(row) }
            return moved
        }
        let dense = stepped(lazy: nil), lazy = stepped(lazy: true)
        #expect(movedRows(dense) == Set(0 ..< 60))
        #expect(!lazy.batch.isEmpty && movedRows(lazy) == lazy.batch)
    }
}
