import Foundation
import Testing
import TensorCore
@testable import GPTModel

/// The model compiled into the binary against Hugging Face transformers running the same
/// checkpoint folder (Tests/Scripts/default_model_reference.py): tokenizer, logits, top-5 and the
/// greedy continuation.
struct DefaultModelTests {
    struct Reference: Decodable {
        struct Case: Decodable {
            let prompt: String
            let ids: [Int]
            let last_logits: [Float]
            let top5: [Int]
            let greedy: [Int]
        }
        let parameters: Int
        let cases: [Case]
    }

    static func reference() throws -> Reference {
        let url = try #require(Bundle.module.url(forResource: "default_model_reference", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
    }

    @Test func builtInModelMatchesTransformers() throws {
        let model = try DefaultModel.load()
        let tokenizer = try DefaultModel.tokenizer()
        #expect(model.configuration.vocabularySize == 4096)
        #expect(tokenizer.vocabularySize == 4096)
        for test in try Self.reference().cases {
            #expect(tokenizer.encode(test.prompt) == test.ids, "tokens of \(test.prompt)")
            let (logits, _) = try model.run(test.ids)
            let last = logits.row(test.ids.count - 1).scalars
            #expect(last.count == test.last_logits.count)
            let difference = zip(last, test.last_logits).map { abs($0 - $1) }.max() ?? .infinity
            #expect(difference < 1e-4, "max |Δ| = \(difference)")
            let top = last.indices.sorted { last[$0] > last[$1] }.prefix(5)
            #expect(Array(top) == test.top5)
            let steps = try model.generate(prompt: test.ids, maxTokens: test.greedy.count, options: .greedy)
            #expect(steps.map(\.chosen.id) == test.greedy, "greedy continuation of \(test.prompt)")
        }
    }

    @Test func builtInFilesAreAnOrdinaryCheckpoint() throws {
        // Written out, the compiled-in files load through the normal directory path.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gptscope-default-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, data) in DefaultModel.files { try data.write(to: folder.appendingPathComponent(name)) }
        let loaded = try GPT.load(directory: folder)
        let builtIn = try DefaultModel.load()
        #expect(loaded.outputHead == builtIn.outputHead)
        #expect(ParameterBreakdown(loaded.configuration).total == (try Self.reference().parameters))
    }
}
