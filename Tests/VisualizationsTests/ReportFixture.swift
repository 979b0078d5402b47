import Foundation
import GPTModel
import Tokenization
@testable import Visualizations

/// The fixture GPT-2 (2 layers, 2 heads, GPT-2's 50,257-token vocabulary, random weights) run on
/// a short prompt, for report tests.
enum ReportFixture {
    static let modelFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("GPTModelTests/Fixtures/models/gpt2-fullvocab")

    /// "The cat sat. 你好" through the fixture model with every hook recorded.
    static func analysis(prompt: String = "The cat sat. 你好") throws -> PromptAnalysis {
        let model = try GPT.load(directory: modelFolder)
        let tokenizer = try Tokenizer.gpt2()
        return try PromptAnalysis.run(model: model, modelName: "gpt2-fullvocab", ids: tokenizer.encode(prompt), tokenizer: tokenizer)
    }

    /// A new, not yet existing folder path in the temporary directory.
    static func temporaryFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("gptscope-report-\(UUID().uuidString)")
    }

    /// The `src` of every `<img>` in `html`.
    static func imageSources(_ html: String) -> [String] {
        html.components(separatedBy: "<img ").dropFirst().compactMap { tag in
            guard let start = tag.range(of: "src=\"") else { return nil }
            let rest = tag[start.upperBound...]
            return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
        }
    }
}
