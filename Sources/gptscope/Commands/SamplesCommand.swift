import ArgumentParser
import FileAccess
import Foundation
import GPTModel
import Visualizations

/// `gptscope samples`: how a text is cut into training windows and (context → next token) pairs.
struct SamplesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "samples",
        abstract: "Draw how a text becomes training samples: windows of the context and every (context → next token) pair.",
        discussion: """
        A window holds n + 1 tokens: n inputs and, shifted by one, n targets, so one forward \
        pass trains n predictions, each from all the tokens before it. Windows that do not \
        overlap make every token after the first a target once: a corpus of D tokens yields \
        about D pairs (GPT-3: 300 billion tokens, 300 billion predictions).

        Examples:
          gptscope samples --text "In the beginning God created the heaven and the earth." --context 4 --chart output/samples.png
          gptscope samples --file corpus.txt --model models/gpt2 --chart output/samples.svg
        """
    )

    @Option(help: "The text to cut into samples.")
    var text: String?

    @Option(help: ArgumentHelp("Read the text from this UTF-8 file instead.", valueName: "path"))
    var file: String?

    @Option(help: "Inputs per window (default: the model's context length).")
    var context: Int?

    @Option(help: "Checkpoint directory whose tokenizer and context to use; default: the built-in model.")
    var model: String?

    @OptionGroup var nonFinite: NonFiniteOption

    @Option(help: ArgumentHelp("Corpus size D to count samples for (default 300e9, GPT-3's).", valueName: "D"))
    var corpusTokens: Double = 300e9

    @Option(help: ArgumentHelp("Where to draw (.png, .svg or .pdf).", valueName: "path"))
    var chart: String

    func validate() throws {
        if (text == nil) == (file == nil) { throw ValidationError("give the text with --text TEXT or --file FILE (one of them)") }
        if let context, context < 1 { throw ValidationError("--context must be at least 1 token") }
        guard corpusTokens >= 1, corpusTokens < 9e18 else { throw ValidationError("--corpus-tokens must be a positive number of tokens, e.g. 300e9") }
        try FigurePath.check(chart, option: "--chart")
    }

    @OptionGroup var language: LanguageOption

    func run() async throws {
        let session = try await nonFinite.openSession(model)
        guard let tokenizer = session.tokenizer else {
            throw ValidationError("\(session.name) has no tokenizer files (vocab.json and merges.txt); add them or use --model with a folder that has them")
        }
        let source = try text ?? String(decoding: FileAccess.readText(atPath: file ?? ""), as: UTF8.self)
        let tokens = tokenizer.tokenize(source)
        guard tokens.count >= 2 else { throw ValidationError("the text has \(tokens.count) token; give at least two (one to read, one to predict)") }
        let n = context ?? session.model.configuration.contextLength
        let figure = try TrainingSamplesFigure(labels: tokens.labels, context: n, modelName: session.name,
                                               corpusTokens: Int(corpusTokens)).figure()
        let url = URL(fileURLWithPath: chart)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try figure.localized(language.language).write(to: url)
        let samples = TrainingSamples(tokenCount: tokens.count, context: n)
        print("\(tokens.count) tokens, context \(n): \(samples.windows.count) window(s), \(samples.pairCount) (context → next token) pairs")
        print("Wrote \(chart)")
    }
}
