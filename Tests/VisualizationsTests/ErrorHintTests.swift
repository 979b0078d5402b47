import Testing
import Visualizations

/// The figure libraries' errors describe the fix in words and carry it as a hint; only the CLI
/// names options (`--range`, `--words`, `--heads`, `--formats`, ...).
struct VisualizationErrorHintTests {
    static let descriptions: [String] = [
        PositionalEncodingError.invalidModelWidth(7), .invalidPositionCount(0), .rangeOutside(lower: 5, upper: 500, positions: 100),
        .dimensionOutside(9, dimensions: 4), .widthMismatch(4, 8), .malformedRange("5-9"),
    ].map(\.description) + [
        EmbeddingError.emptyWord(index: 1), .unknownWord("x", tokenID: 9, vocabularySize: 5), .duplicateWord("king"),
        .tooFewWords(2, needed: 3), .noTokenizer(model: "m"), .rangeOutside(lower: 0, upper: 9, tokens: 4), .invalidDimensionCount(0),
    ].map(\.description) + [
        LayersError.positionOutOfRange(position: 9, count: 4), .rangeOutOfBounds(lower: 0, upper: 9, count: 4), .invalidTopK(0),
        .topKTooLarge(99, limit: 40), .missingActivation("ln_final.hook_normalized"), .noSteps, .invalidGenerationFile("no steps key"),
    ].map(\.description) + [
        TrainingReportError.missingLog(path: "run"), .unreadableLog(path: "run", reason: "r"), .noSteps(path: "run"),
        .unreadableProbe(path: "p", reason: "r"), .noProbes(path: "run"), .headOutOfRange(layer: 4, head: 0, layers: 2, heads: 4),
    ].map(\.description) + [
        ReportError.layerOutOfRange(layer: 5, layerCount: 2), .noRasterFormat, .figureFailed(stem: "s", reason: "r"), .missingHook("h"),
    ].map(\.description)

    @Test(arguments: descriptions) func descriptionsNameNoOption(_ description: String) {
        #expect(!description.contains("--"))
    }

    @Test func positionalEncodingHintsCarryTheirValues() {
        #expect(PositionalEncodingError.invalidModelWidth(7).hint == .chooseModelWidth(example: 512))
        #expect(PositionalEncodingError.invalidPositionCount(0).hint == .choosePositionCount(example: 100))
        #expect(PositionalEncodingError.rangeOutside(lower: 5, upper: 500, positions: 100).hint == .chooseRange(upperBound: 100))
        #expect(PositionalEncodingError.malformedRange("5-9").hint == .writeRange)
        #expect(PositionalEncodingError.widthMismatch(4, 8).hint == nil)
    }

    @Test func embeddingHintsCarryTheirValues() {
        let words = ["king", "queen", "man", "woman"]
        #expect(EmbeddingError.emptyWord(index: 1).hint == .listWords(example: words))
        #expect(EmbeddingError.duplicateWord("king").hint == .giveEachWordOnce)
        #expect(EmbeddingError.tooFewWords(2, needed: 3).hint == .giveMoreWords(needed: 3, example: words))
        #expect(EmbeddingError.rangeOutside(lower: 0, upper: 9, tokens: 4).hint == .chooseRange(upperBound: 4))
        #expect(EmbeddingError.invalidDimensionCount(0).hint == .chooseDimensionCount)
        #expect(EmbeddingError.noTokenizer(model: "m").hint == nil)
    }

    @Test func layerTrainingReportAndReportHints() {
        #expect(LayersError.invalidGenerationFile("r").hint == .recordGenerationJSON)
        #expect(LayersError.noSteps.hint == nil)
        #expect(TrainingReportError.missingLog(path: "run").hint == .giveTrainingRunFolder)
        #expect(TrainingReportError.noProbes(path: "run").hint == .trainWithEvaluations)
        #expect(TrainingReportError.headOutOfRange(layer: 4, head: 0, layers: 2, heads: 4).hint == .chooseExistingHeads)
        #expect(TrainingReportError.noSteps(path: "run").hint == nil)
        #expect(ReportError.noRasterFormat.hint == .includePNG)
        #expect(ReportError.missingHook("h").hint == nil)
    }
}
