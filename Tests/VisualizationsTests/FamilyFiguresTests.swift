import Charts
import Foundation
import GPTModel
import Testing
@testable import Visualizations

/// Figures of a grouped-query Llama (Tests/Scripts/family_fixtures.py's llama-gqa: 4 query
/// heads over 2 kv heads) say which kv head each query head reads.
struct FamilyFiguresTests {
    static func analysis() throws -> PromptAnalysis {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("GPTModelTests/Fixtures/families/llama-gqa")
        return try PromptAnalysis.run(model: try GPT.load(directory: url), modelName: "llama-gqa", ids: [5, 17, 33, 2], tokenizer: nil)
    }

    @Test func layerPanelsNameTheirKeyValueHead() throws {
        let figure = try AttentionFigures.layer(try Self.analysis(), layer: 1)
        let svg = try LayerFiguresTests.svg(figure, sample: "family-gqa-layer")
        for (head, kv) in [(0, 0), (1, 0), (2, 1), (3, 1)] { #expect(svg.contains("head \(head) · kv \(kv)"), "head \(head)") }
        #expect(figure.subtitle?.contains("4 query heads share 2 key/value heads (head h reads kv head h / 2)") == true)
    }

    @Test func headFigureNamesTheHeadsSharingItsKeys() throws {
        let figure = try AttentionFigures.head(try Self.analysis(), layer: 0, head: 3)
        #expect(figure.subtitle?.contains("its keys and values are kv head 1, shared by heads 2–3") == true)
    }

    @Test func logitLensNamesTheRMSNorm() throws {
        let figure = try LayerFigures.logitLens(try Self.analysis())
        #expect(figure.subtitle?.contains("through the final RMSNorm (model.norm)") == true)
    }
}
