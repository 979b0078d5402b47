import Foundation
import Experiments
import GPTModel
import TensorCore
import Testing

/// Cases worked out by hand: the normalisation, the loss, the parsing, and that attribution's parts add up.
@Suite struct HandWorkedTests {
    @Test func normalisationMapsCorruptToZeroAndCleanToOne() throws {
        let scale = try PatchingScale(clean: 3, corrupt: 1)
        #expect(scale(1) == 0)
        #expect(scale(3) == 1)
        #expect(scale(2) == 0.5)
        #expect(scale(0) == -0.5)       // worse than corrupt: negative
        #expect(scale(5) == 2)          // better than clean: above 1
        let flipped = try PatchingScale(clean: -2, corrupt: 2)   // a clean metric below the corrupt one still maps clean to 1
        #expect(flipped(-2) == 1)
        #expect(flipped(0) == 0.5)
    }

    @Test func normalisationRefusesEqualMetrics() {
        #expect(throws: ExperimentError.metricUndefined(clean: 1.5, corrupt: 1.5, identicalPrompts: false)) {
            try PatchingScale(clean: 1.5, corrupt: 1.5)
        }
        #expect(throws: ExperimentError.metricUndefined(clean: 1, corrupt: 2, identicalPrompts: true)) {
            try PatchingScale(clean: 1, corrupt: 2, identicalPrompts: true)
        }
    }

    /// A gap of 0.066 (the random fixture's induction pair): a patched metric only 0.1 below the
    /// corrupt one already scores −1.5, which is why such charts carry a caution.
    @Test func smallGapIsFlagged() throws {
        let small = try PatchingScale(clean: 1.066, corrupt: 1.0)
        #expect(small.isSmall)
        #expect(abs(small.gap - 0.066) < 1e-12)
        #expect(abs(small(0.9) - (-0.1 / 0.066)) < 1e-12)
        #expect(try !PatchingScale(clean: 3, corrupt: 1).isSmall)
        #expect(try !PatchingScale(clean: -0.25, corrupt: 0.25).isSmall)     // exactly half a logit: not small
        #expect(try PatchingScale(clean: -0.2, corrupt: 0.25).isSmall)
    }

    @Test func logitDifferenceAndLoss() throws {
        // Two positions, vocabulary 3.
        let logits = Tensor(shape: [2, 3], scalars: [0, 0, 0, 1, 2, -1])
        let metric = try LogitDifference(answer: 1, wrong: 2, vocabularySize: 3)
        #expect(metric(logits, row: 1) == 3)
        // Position 0 predicts token 2 from uniform logits: ln 3.
        #expect(abs(nextTokenLoss(logits, tokens: [0, 2, 1], positions: 0 ..< 1) - log(3.0)) < 1e-12)
        // Position 1 predicts token 1 (logit 2): log(e + e² + e⁻¹) − 2.
        let expected = log(exp(1.0) + exp(2.0) + exp(-1.0)) - 2
        #expect(abs(nextTokenLoss(logits, tokens: [0, 2, 1], positions: 1 ..< 2) - expected) < 1e-6)
        #expect(abs(nextTokenLoss(logits, tokens: [0, 2, 1]) - (log(3.0) + expected) / 2) < 1e-6)
        #expect(throws: ExperimentError.sameAnswerAndWrong(id: 1)) { try LogitDifference(answer: 1, wrong: 1, vocabularySize: 3) }
    }

    @Test func headsParseAsLayerDotHead() throws {
        #expect(try HeadIndex(parsing: "2.3") == HeadIndex(layer: 2, head: 3))
        #expect(throws: ExperimentError.malformedHead("2")) { try HeadIndex(parsing: "2") }
        #expect(throws: ExperimentError.malformedHead("a.b")) { try HeadIndex(parsing: "a.b") }
        let c = GPTConfiguration(name: "t", layerCount: 2, headCount: 4)
        #expect(throws: ExperimentError.unknownHead(layer: 1, head: 4, headCount: 4)) { try HeadIndex(layer: 1, head: 4).check(in: c) }
        #expect(throws: ExperimentError.unknownLayer(layer: 2, layerCount: 2)) { try HeadIndex(layer: 2, head: 0).check(in: c) }
    }

    @Test func attributionPartsSumToTheLogitDifference() throws {
        let f = try ReferenceFixture("tiny-gpt2")
        let ids = try f.ints("repeated")
        for position in [0, 5, ids.count - 1] {
            let a = try LogitAttribution(model: f.model, tokens: ids, metric: f.metric(), position: position)
            #expect(abs(a.residual) < 1e-4 * max(1, abs(a.total)))
            #expect(a.heads.count == 3 && a.heads.allSatisfy { $0.count == 4 })
        }
    }

    @Test func badInputIsRefused() throws {
        let f = try ReferenceFixture("tiny-gpt2")
        let clean = try f.ints("clean")
        #expect(throws: ExperimentError.lengthMismatch(clean: clean.count, corrupt: clean.count - 1)) {
            try ActivationPatching(model: f.model, clean: clean, corrupt: Array(clean.dropLast()), metric: f.metric())
        }
        #expect(throws: ExperimentError.self) { try ActivationPatching(model: f.model, clean: clean, corrupt: clean, metric: f.metric()) }
        #expect(throws: ExperimentError.positionOutOfRange(position: 99, tokens: clean.count)) {
            try LogitAttribution(model: f.model, tokens: clean, metric: f.metric(), position: 99)
        }
        let gpt1 = try ReferenceFixture("gpt1-tiny")
        #expect(throws: ExperimentError.attributionNeedsPreNorm(model: gpt1.model.configuration.name)) {
            try LogitAttribution(model: gpt1.model, tokens: gpt1.ints("clean"), metric: gpt1.metric())
        }
        #expect(throws: ExperimentError.unknownHead(layer: 0, head: 9, headCount: 4)) {
            try Ablation.interventions(heads: [HeadIndex(layer: 0, head: 9)], mode: .zero, model: f.model, tokens: clean)
        }
    }

    @Test func ablatingEveryHeadLeavesOnlyBiasesInAttention() throws {
        // With every head zeroed, each attn_out is exactly its c_proj bias at every position.
        let f = try ReferenceFixture("tiny-gpt2")
        let ids = try f.ints("clean")
        let heads = HeadIndex.all(in: f.model.configuration)
        let interventions = try Ablation.interventions(heads: heads, mode: .zero, model: f.model, tokens: ids)
        let (logits, cache) = try f.model.run(ids, hooks: HookFilter(patterns: ["blocks.*.hook_attn_out"]), interventions: interventions)
        #expect(logits.scalars.allSatisfy { $0.isFinite })
        for l in 0 ..< f.model.configuration.layerCount {
            let bias = f.model.blocks[l].attention.projBias.scalars
            let out = try #require(cache[.attnOut(l)])
            for p in ids.indices { #expect(out.row(p).scalars == bias) }
        }
    }
}
