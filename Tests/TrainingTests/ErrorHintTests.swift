import Foundation
import TensorCore
import Testing
import Training

/// Training errors describe the fix in words and carry it as a hint naming the setting; only
/// the CLI names `gptscope train`'s options.
struct TrainingErrorHintTests {
    static let errors: [TrainingError] = TrainingSetting.allCases.map { .invalidOption($0, rule: "must be at least 1") } + [
        .emptyCorpus, .corpusTooShort(tokens: 8, needed: 9, context: 8), .unsupportedArchitecture(model: "m", reason: "RMSNorm"),
        .unwritableOutput(path: "out", reason: "read-only"), .checkpointExists(path: "out"), .nothingToResume(path: "out"),
        .inconsistentCheckpoint(path: "out", reason: "r"),
    ]

    @Test(arguments: errors) func descriptionsNameNoOption(_ error: TrainingError) {
        #expect(!error.description.contains("--"))
    }

    @Test func everyInvalidSettingIsNamedInItsHint() {
        var options = TrainingOptions(steps: 10)
        options.batchSize = 0
        #expect(throws: TrainingError.invalidOption(.batchSize, rule: "must be at least 1")) { try options.validate() }
        options.batchSize = 1
        options.beta2 = 1
        do {
            try options.validate()
            Issue.record("beta2 = 1 must be refused")
        } catch {
            #expect(error.hint == .change(.betas))
            #expect(error.description == "Adam's beta1 and beta2 must be in [0, 1)")
        }
    }

    @Test func hintsCarryTheirValues() {
        #expect(TrainingError.emptyCorpus.hint == .giveCorpusText)
        #expect(TrainingError.corpusTooShort(tokens: 8, needed: 9, context: 8).hint == .giveMoreTextOrShortenContext(context: 8))
        #expect(TrainingError.unwritableOutput(path: "o", reason: "r").hint == .chooseWritableFolder)
        #expect(TrainingError.checkpointExists(path: "o").hint == .resumeOrChooseAnotherFolder)
        #expect(TrainingError.nothingToResume(path: "o").hint == .startWithoutResuming)
        #expect(TrainingError.inconsistentCheckpoint(path: "o", reason: "r").hint == nil)
    }

    @Test func aCorpusWithWindowsLineEndingsReadsAsLF() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("corpus-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data("a\r\nb\r\n".utf8).write(to: url)
        #expect(try CorpusFile.read(url.path) == Array("a\nb\n".utf8))
        try Data([0x61, 0xFF]).write(to: url)
        let error = try #require(throws: CorpusFile.Problem.self) { try CorpusFile.read(url.path) }
        #expect(error.description.hasPrefix("corpus \(url.path) is not valid UTF-8"))
    }
}
