import GPTModel
import Testing

/// Library errors describe the fix in words and carry it as a hint; only the CLI names options.
struct ErrorHintTests {
    static let inputErrors: [ModelInputError] = [
        .emptyInput, .tooLong(tokens: 2000, context: 1024), .idOutOfVocabulary(id: 9, position: 0, vocabularySize: 5),
        .cacheTooLarge(bytes: 3 << 30, limit: 1 << 30, hooks: 12), .unknownHook(name: "x", suggestion: nil),
        .invalidIntervention(hook: "x", problem: "y"), .invalidSampling("top-k must be at least 1, got 0"),
        .noTokenizer(directory: "/m"), .noPrompt, .malformedIDs("a,b"),
    ]

    static let configurationErrors: [GPTConfigurationError] = [
        .fileNotFound(path: "a/b.json"), .noConfigInDirectory(path: "m"), .unreadable(path: "m", reason: "r"),
        .malformedJSON(path: "m", detail: "d"), .missingKey(path: "m", key: "n_embd", modelType: "gpt2"),
        .wrongType(path: "m", key: "k", expected: "a number"), .notWholeNumber(path: "m", key: "k", found: 1.5),
        .unsupportedModelType(path: "m", modelType: "t5"), .unsupportedActivation(path: "m", key: "k", value: "v"),
        .nonPositive(model: "m", field: "n_layer", value: 0), .headsDoNotDivideWidth(model: "m", heads: 5, width: 768),
        .keyValueHeadsDoNotDivideHeads(model: "m", keyValueHeads: 3, heads: 8), .invalidEpsilon(model: "m", value: 0),
        .tooLarge(model: "m", estimate: 1e20), .unknownPreset(name: "gtp2", suggestions: ["gpt2"]),
    ]

    @Test(arguments: inputErrors) func inputErrorsNameNoOption(_ error: ModelInputError) {
        #expect(!error.description.contains("--"))
    }

    @Test(arguments: configurationErrors) func configurationErrorsNameNoOption(_ error: GPTConfigurationError) {
        #expect(!error.description.contains("--"))
    }

    @Test func inputHintsCarryTheirValues() {
        #expect(ModelInputError.emptyInput.hint == .giveNonEmptyPrompt)
        #expect(ModelInputError.tooLong(tokens: 2000, context: 1024).hint == .truncate(keepLast: 1024))
        #expect(ModelInputError.tooLong(tokens: 2000, context: 1024).description.contains("keep only the last 1024 tokens"))
        #expect(ModelInputError.cacheTooLarge(bytes: 3 << 30, limit: 1 << 30, hooks: 12).hint == .recordFewerHooks(example: "blocks.*.attn.hook_pattern"))
        #expect(ModelInputError.noTokenizer(directory: "/m").hint == .giveTokenIDs)
        #expect(ModelInputError.noPrompt.hint == .givePrompt)
        #expect(ModelInputError.malformedIDs("a").hint == .writeCommaSeparatedIDs(example: [464, 2068, 7586]))
        // Nothing the user can change by an option: no hint.
        #expect(ModelInputError.idOutOfVocabulary(id: 9, position: 0, vocabularySize: 5).hint == nil)
        #expect(ModelInputError.invalidSampling("x").hint == nil)
    }

    @Test func configurationHintsPointAtThePresets() {
        #expect(GPTConfigurationError.fileNotFound(path: "a.json").hint == .givePresetConfigOrCheckpoint)
        let unknown = GPTConfigurationError.unknownPreset(name: "gtp2", suggestions: ["gpt2", "gpt1"])
        #expect(unknown.hint == .listPresets)
        #expect(unknown.description == "unknown preset \"gtp2\" (did you mean gpt2, gpt1?); see the list of presets")
        #expect(GPTConfigurationError.malformedJSON(path: "m", detail: "d").hint == nil)
    }
}
