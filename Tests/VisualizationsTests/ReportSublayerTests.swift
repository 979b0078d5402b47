import Charts
import Foundation
import GPTModel
import TensorCore
import Testing
import Tokenization
@testable import Visualizations

/// The report's "what attention and the MLP add" figure on hand-made sublayer outputs.
@Suite("Report: sublayer writes")
struct ReportSublayerTests {
    /// Fixture GPT-2 (2 layers, width 16) with hand-written attn_out / mlp_out for 3 positions.
    static func analysis() throws -> PromptAnalysis {
        let model = try GPT.load(directory: ReportFixture.modelFolder)
        var cache = ActivationCache()
        func rows(_ vectors: [[Float]]) -> Tensor {
            Tensor(shape: [vectors.count, 16], scalars: vectors.flatMap { $0 + [Float](repeating: 0, count: 16 - $0.count) })
        }
        // Position 0 is huge and must be left out; positions 1 and 2 have norms 5 and 13 → mean 9.
        cache[.attnOut(0)] = rows([[100, 0], [3, 4], [5, 12]])
        cache[.mlpOut(0)] = rows([[100], [1], [0, 0, 2]])           // norms 1, 2 → 1.5
        cache[.attnOut(1)] = rows([[0], [0, 6, 8], [0]])            // 10, 0 → 5
        cache[.mlpOut(1)] = rows([[7], [2, 2, 1], [6, 3, 2]])       // 3, 7 → 5
        let tokens = TokenizedText(ids: [1, 2, 3], tokenBytes: [[65], [66], [67]], isSpecial: [false, false, false])
        return PromptAnalysis(model: model, modelName: "hand", tokens: tokens, cache: cache,
                              logits: Tensor(shape: [3, 1]), tokenizer: nil)
    }

    @Test("mean norms per layer, position 0 left out, match hand-worked values")
    func norms() throws {
        let (attention, mlp) = try SublayerWritesFigure.norms(try Self.analysis())
        #expect(attention.count == 2 && mlp.count == 2)
        #expect(abs(attention[0] - 9) < 1e-6 && abs(attention[1] - 5) < 1e-6)
        #expect(abs(mlp[0] - 1.5) < 1e-6 && abs(mlp[1] - 5) < 1e-6)
    }

    @Test("figure: title names model and prompt, SVG has both series and every layer")
    func figure() throws {
        let figure = try SublayerWritesFigure.figure(try Self.analysis())
        #expect(figure.title?.contains("hand") == true)
        #expect(figure.subtitle?.contains("“ABC”") == true)
        let svg = try figure.svg()
        for text in ["attention output (hook_attn_out)", "MLP output (hook_mlp_out)", ">L0<", ">L1<"] {
            #expect(svg.contains(text), "\(text)")
        }
    }

    @Test("a missing activation is a one-line error naming the hook")
    func missing() throws {
        let full = try Self.analysis()
        let empty = PromptAnalysis(model: full.model, modelName: "hand", tokens: full.tokens, cache: ActivationCache(),
                                   logits: full.logits, tokenizer: nil)
        #expect(throws: ReportError.missingHook("blocks.0.hook_attn_out")) { try SublayerWritesFigure.figure(empty) }
    }
}
