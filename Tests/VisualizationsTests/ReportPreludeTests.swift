import Charts
import Foundation
import GPTModel
import Testing
@testable import Visualizations

/// The prelude (model-only figures drawn during the forward pass) changes no byte of a report.
@Suite("Report prelude")
struct ReportPreludeTests {
    @Test("a report written with a prelude has exactly the files of one written without")
    func sameFiles() throws {
        let analysis = try ReportFixture.analysis()
        let options = ReportOptions(formats: [.png, .svg])
        let prelude = ReportPrelude(model: analysis.model, modelName: analysis.modelName, tokenizer: analysis.tokenizer, options: options)
        // It covers the position tables and the parameter figures, and only those.
        let stems = try ReportPlanner(analysis: analysis).recipes().map(\.item.stem).filter { try prelude.prepared($0) != nil }
        #expect(stems == ["embeddings.words", "positions.heatmap", "positions.curves", "positions.similarity",
                          "parameters.breakdown", "parameters.comparison"])

        let with = ReportFixture.temporaryFolder(), without = ReportFixture.temporaryFolder()
        defer {
            try? FileManager.default.removeItem(at: with)
            try? FileManager.default.removeItem(at: without)
        }
        _ = try ReportWriter(analysis: analysis, options: options, prelude: prelude).write(to: with)
        _ = try ReportWriter(analysis: analysis, options: options).write(to: without)
        let names = try FileManager.default.contentsOfDirectory(atPath: without.path).sorted()
        #expect(try FileManager.default.contentsOfDirectory(atPath: with.path).sorted() == names)
        for name in names where name.hasSuffix(".png") || name.hasSuffix(".svg") {
            let a = try Data(contentsOf: with.appendingPathComponent(name))
            let b = try Data(contentsOf: without.appendingPathComponent(name))
            #expect(a == b, "\(name) differs")
        }
    }

    @Test("a prelude for other options or another model is not used")
    func mismatchIgnored() throws {
        let analysis = try ReportFixture.analysis()
        let options = ReportOptions(formats: [.png])
        let otherScale = ReportPrelude(model: analysis.model, modelName: analysis.modelName, tokenizer: analysis.tokenizer,
                                       options: ReportOptions(formats: [.png], scale: 1))
        #expect(ReportWriter(analysis: analysis, options: options, prelude: otherScale).prelude == nil)
        let otherName = ReportPrelude(model: analysis.model, modelName: "another", tokenizer: analysis.tokenizer, options: options)
        #expect(ReportWriter(analysis: analysis, options: options, prelude: otherName).prelude == nil)
        let otherWords = ReportPrelude(model: analysis.model, modelName: analysis.modelName, tokenizer: analysis.tokenizer,
                                       options: ReportOptions(formats: [.png], words: ["cat", "dog", "mouse"]))
        #expect(ReportWriter(analysis: analysis, options: options, prelude: otherWords).prelude == nil)
        let same = ReportPrelude(model: analysis.model, modelName: analysis.modelName, tokenizer: analysis.tokenizer, options: options)
        #expect(ReportWriter(analysis: analysis, options: options, prelude: same).prelude != nil)
    }
}
