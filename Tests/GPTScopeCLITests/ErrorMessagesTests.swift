import Foundation
import GPTModel
import Testing
import Training
import Visualizations
@testable import gptscope

/// The CLI phrases each library hint with its own options, reading exactly as the library's
/// messages read before the hints (the expected lines are those earlier messages, verbatim).
struct ErrorMessagesTests {
    @Test func modelInputLinesNameTheOptions() {
        #expect(ErrorMessages.line(ModelInputError.emptyInput) == "no tokens to run; give a non-empty prompt or --ids")
        #expect(ErrorMessages.line(ModelInputError.tooLong(tokens: 2000, context: 1024))
            == "2000 tokens exceed the model's context of 1024; shorten the prompt or pass --truncate to keep the last 1024")
        #expect(ErrorMessages.line(ModelInputError.cacheTooLarge(bytes: 3 << 30, limit: 512 << 20, hooks: 12))
            == "recording 12 hooks would take 3.0 GB (limit 512.0 MB); select fewer with --hooks (e.g. 'blocks.*.attn.hook_pattern'), use a shorter prompt, or raise --max-cache")
        #expect(ErrorMessages.line(ModelInputError.noTokenizer(directory: "/m"))
            == "/m has weights but no tokenizer (no tokenizer.json, nor vocab.json and merges.txt); pass token ids with --ids, which work without one")
        #expect(ErrorMessages.line(ModelInputError.noPrompt) == "give --prompt TEXT or --ids 1,2,3")
        #expect(ErrorMessages.line(ModelInputError.malformedIDs("a,b"))
            == "--ids must be comma-separated integers, e.g. --ids 464,2068,7586; got 'a,b'")
        // No option to name: the library's own line stands.
        #expect(ErrorMessages.line(ModelInputError.invalidSampling("top-k must be at least 1, got 0")) == nil)
    }

    @Test func configurationAndPositionLines() {
        #expect(ErrorMessages.line(GPTConfigurationError.fileNotFound(path: "a/b.json"))
            == "no such file: a/b.json; give a preset name (see --list), a config.json file or a checkpoint directory")
        #expect(ErrorMessages.line(GPTConfigurationError.unknownPreset(name: "gtp2", suggestions: ["gpt2"]))
            == "unknown preset \"gtp2\" (did you mean gpt2?); run gptscope params --list to see every preset")
        #expect(ErrorMessages.line(PositionalEncodingError.invalidModelWidth(7))
            == "--d-model must be a positive even number (sine and cosine come in pairs), got 7; try --d-model 512")
        #expect(ErrorMessages.line(PositionalEncodingError.invalidPositionCount(0)) == "--positions must be at least 1, got 0; try --positions 100")
        #expect(ErrorMessages.line(PositionalEncodingError.rangeOutside(lower: 5, upper: 500, positions: 100))
            == "positions 5:500 are not inside 0:100; give --range A:B with 0 ≤ A < B ≤ 100")
    }

    @Test func figureLines() {
        #expect(ErrorMessages.line(EmbeddingError.emptyWord(index: 1))
            == "--words has an empty entry at place 2; give comma-separated words, e.g. --words king,queen,man,woman")
        #expect(ErrorMessages.line(EmbeddingError.duplicateWord("king")) == "'king' appears twice in --words; give each word once")
        #expect(ErrorMessages.line(EmbeddingError.tooFewWords(2, needed: 3)) == "a 2-D PCA needs at least 3 words, got 2; e.g. --words king,queen,man,woman")
        #expect(ErrorMessages.line(EmbeddingError.invalidDimensionCount(0)) == "--dims must be at least 1 (or 'all'), got 0")
        #expect(ErrorMessages.line(LayersError.invalidGenerationFile("no steps"))
            == "not a gptscope generation: no steps; write one with gptscope generate --json > FILE.json")
        #expect(ErrorMessages.line(TrainingReportError.missingLog(path: "run")) == "no train-log.json in run: give the folder that `gptscope train --out` wrote")
        #expect(ErrorMessages.line(TrainingReportError.noProbes(path: "run"))
            == "the run in run has no probe snapshots (probes/step-*.safetensors); train with --eval-every so snapshots are written")
        #expect(ErrorMessages.line(TrainingReportError.headOutOfRange(layer: 4, head: 0, layers: 2, heads: 4))
            == "head 4.0 does not exist: the model has layers 0–1 and heads 0–3 (write --heads LAYER.HEAD,…)")
        #expect(ErrorMessages.line(ReportError.noRasterFormat) == "the page needs PNG figures; include png in --formats (e.g. --formats png,svg)")
    }

    @Test func trainingLines() {
        #expect(ErrorMessages.line(TrainingError.invalidOption(.learningRate, rule: "must be positive")) == "--lr must be positive")
        #expect(ErrorMessages.line(TrainingError.invalidOption(.betas, rule: "must be in [0, 1)")) == "--beta1/--beta2 must be in [0, 1)")
        #expect(ErrorMessages.line(TrainingError.emptyCorpus) == "the corpus is empty: give --corpus files that contain text")
        #expect(ErrorMessages.line(TrainingError.corpusTooShort(tokens: 8, needed: 9, context: 8))
            == "the corpus has only 8 tokens; training with --context 8 needs at least 9 (a window of context + 1 to train on and one to validate); give more text or lower --context")
        #expect(ErrorMessages.line(TrainingError.checkpointExists(path: "out")) == "out already holds a checkpoint; pass --resume to continue it, or choose another --out")
        #expect(ErrorMessages.line(TrainingError.nothingToResume(path: "out"))
            == "--resume: out holds no checkpoint with training_state.safetensors; start without --resume")
    }
}
