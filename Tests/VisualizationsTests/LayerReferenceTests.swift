import Foundation
import GPTModel
import Testing
import Tokenization
import Visualizations

/// The numbers behind the layer figures against Hugging Face transformers
/// (Tests/Scripts/logit_lens_reference.py → Fixtures/logit_lens.json).
@Suite struct LayerReferenceTests {
    struct Reference: Decodable {
        struct Stage: Decodable {
            var hook: String
            var norm: [Double]
            var top_ids: [[Int]]
            var top_probs: [[Double]]
        }
        struct Next: Decodable {
            var position: Int
            var ids: [Int]
            var probs: [Double]
            var bytes: [[UInt8]]?
        }
        var model: String
        var has_final_norm: Bool
        var input_ids: [Int]
        var stages: [Stage]
        var next_token: Next
    }

    static let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()

    static func references() throws -> [Reference] {
        struct File: Decodable { var models: [Reference] }
        let data = try Data(contentsOf: tests.appendingPathComponent("VisualizationsTests/Fixtures/logit_lens.json"))
        return try JSONDecoder().decode(File.self, from: data).models
    }

    static func analysis(_ reference: Reference) throws -> PromptAnalysis {
        let model = try GPT.load(directory: tests.appendingPathComponent("GPTModelTests/Fixtures/models/\(reference.model)"))
        let tokenizer = model.configuration.vocabularySize == 50257 ? try Tokenizer.gpt2() : nil
        return try PromptAnalysis.run(model: model, modelName: reference.model, ids: reference.input_ids, tokenizer: tokenizer,
                                      hooks: LayerFigures.hooks(for: model))
    }

    @Test(arguments: ["gpt2-fullvocab", "gpt2-untied", "gpt1-tiny"])
    func residualNormsMatchTransformers(_ name: String) throws {
        let reference = try #require(try Self.references().first { $0.model == name })
        let norms = try ResidualNorms(try Self.analysis(reference))
        #expect(norms.stages.map(\.description) == reference.stages.map(\.hook))
        for (s, stage) in reference.stages.enumerated() {
            for (t, expected) in stage.norm.enumerated() {
                #expect(abs(norms.values[s][t] - expected) <= 1e-4 * max(1, expected), "\(name) \(stage.hook) position \(t)")
            }
        }
    }

    @Test(arguments: ["gpt2-fullvocab", "gpt2-untied", "gpt1-tiny"])
    func logitLensTopTokensMatchTransformers(_ name: String) throws {
        let reference = try #require(try Self.references().first { $0.model == name })
        let lens = try LogitLens(try Self.analysis(reference), topK: 3)
        #expect(lens.appliesFinalNorm == reference.has_final_norm)
        var exact = 0, total = 0
        for (s, stage) in reference.stages.enumerated() {
            for t in stage.top_ids.indices {
                let ours = lens.top[s][t], ids = stage.top_ids[t], probs = stage.top_probs[t]
                total += 1
                if ours[0].id == ids[0] {
                    exact += 1
                } else {
                    // Float32 rounding may only swap candidates HF scores within 1e-5 of each other.
                    let k = try #require(ids.firstIndex(of: ours[0].id), "\(name) \(stage.hook) position \(t): \(ours[0].id) not in HF's top 3 \(ids)")
                    #expect(probs[0] - probs[k] < 1e-5)
                }
                #expect(abs(ours[0].probability - probs[0]) < 1e-5 + 1e-3 * probs[0], "\(name) \(stage.hook) position \(t)")
                #expect(ours.allSatisfy { (0 ... 1).contains($0.probability) })
                #expect(ours.reduce(0) { $0 + $1.probability } <= 1 + 1e-9)
                #expect(zip(ours, ours.dropFirst()).allSatisfy { $0.probability >= $1.probability })
            }
        }
        #expect(exact >= total - 2, "\(name): \(exact) of \(total) top tokens equal HF's")
    }

    @Test(arguments: ["gpt2-fullvocab", "gpt2-untied", "gpt1-tiny"])
    func nextTokenDistributionMatchesTransformers(_ name: String) throws {
        let reference = try #require(try Self.references().first { $0.model == name })
        let analysis = try Self.analysis(reference)
        let d = try NextTokenDistribution(analysis, topK: 10)
        #expect(d.position == reference.next_token.position)
        #expect(d.actualNext == nil)
        for (ours, (id, p)) in zip(d.top, zip(reference.next_token.ids, reference.next_token.probs)) {
            #expect(ours.id == id || abs(ours.probability - p) < 1e-5)
            #expect(abs(ours.probability - p) < 1e-5 + 1e-3 * p)
        }
        #expect(abs(d.remainder - (1 - reference.next_token.probs.reduce(0, +))) < 1e-4)
        if let bytes = reference.next_token.bytes {
            // Labels are the tokens' bytes with visible spaces (GPT-2 ranks file, not our tokenizer).
            let expected = bytes.map { String(decoding: $0, as: UTF8.self).replacingOccurrences(of: " ", with: "·") }
            #expect(d.top.prefix(3).map(\.label) == Array(expected.prefix(3)))
        }
        // The lens of the last stage is the model's own prediction.
        let lens = try LogitLens(analysis, positions: d.position ..< d.position + 1)
        #expect(lens.best(stage: lens.stages.count - 1, position: d.position).id == d.top[0].id)
    }

    /// A report keeps the logits of the last positions only: what it draws from them is unchanged.
    @Test(arguments: ["gpt2-fullvocab", "gpt2-untied", "gpt1-tiny"])
    func compactedLogitsGiveTheSameFigures(_ name: String) throws {
        let reference = try #require(try Self.references().first { $0.model == name })
        let full = try Self.analysis(reference)
        let count = reference.input_ids.count, kept = 3
        let compact = full.keepingLogits(last: kept)
        #expect(compact.logits.shape == [kept, full.logits.shape[1]] && compact.logitsStart == count - kept)
        #expect(compact.surprisals() == full.surprisals())
        #expect(full.surprisals().count == count - 1)
        // The next token and the lens over the kept positions, against transformers.
        let d = try NextTokenDistribution(compact, topK: 10)
        #expect(d.position == reference.next_token.position)
        for (ours, (id, p)) in zip(d.top, zip(reference.next_token.ids, reference.next_token.probs)) {
            #expect(ours.id == id || abs(ours.probability - p) < 1e-5)
            #expect(abs(ours.probability - p) < 1e-5 + 1e-3 * p)
        }
        let positions = count - kept ..< count
        let (lens, fullLens) = (try LogitLens(compact, positions: positions, topK: 3), try LogitLens(full, positions: positions, topK: 3))
        let last = reference.stages.count - 1
        for (i, t) in positions.enumerated() {
            #expect(lens.top[last][i].map(\.id) == fullLens.top[last][i].map(\.id))
            #expect(abs(lens.top[last][i][0].probability - reference.stages[last].top_probs[t][0]) < 1e-5 + 1e-3 * reference.stages[last].top_probs[t][0])
        }
        #expect(compact.keepingLogits(last: count + 5).logits.shape == compact.logits.shape)
    }

    @Test func badPositionsAndTopKAreOneLineErrors() throws {
        let reference = try #require(try Self.references().first { $0.model == "gpt1-tiny" })
        let analysis = try Self.analysis(reference)
        let count = reference.input_ids.count
        #expect(throws: LayersError.rangeOutOfBounds(lower: 0, upper: count + 1, count: count)) { try LogitLens(analysis, positions: 0 ..< count + 1) }
        #expect(throws: LayersError.rangeOutOfBounds(lower: 3, upper: 3, count: count)) { try ResidualNorms(analysis, positions: 3 ..< 3) }
        #expect(throws: LayersError.positionOutOfRange(position: count, count: count)) { try NextTokenDistribution(analysis, position: count) }
        #expect(throws: LayersError.invalidTopK(0)) { try NextTokenDistribution(analysis, topK: 0) }
        #expect(try NextTokenDistribution(analysis, position: -2).position == count - 2)
        #expect(!LayersError.positionOutOfRange(position: 40, count: 30).description.contains("\n"))
        // Recorded without the residual stream: the error names the missing hook.
        let bare = try PromptAnalysis.run(model: analysis.model, modelName: "x", ids: [1, 2], tokenizer: nil, hooks: .none)
        #expect(throws: LayersError.missingActivation("blocks.0.hook_resid_pre")) { try LogitLens(bare) }
    }
}
