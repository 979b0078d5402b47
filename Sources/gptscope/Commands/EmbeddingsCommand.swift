import ArgumentParser
import Charts
import Foundation
import GPTModel
import Visualizations

/// `gptscope embeddings`: draws the embedding step of a prompt and a PCA of chosen words.
struct EmbeddingsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embeddings",
        abstract: "Draw a prompt's token embeddings, token + position sums, similarities, and a PCA of words.",
        discussion: """
        The first thing a GPT does with a token id is look up its row in the token-embedding \
        table wte (50,257 rows × 768 numbers in GPT-2 small). That vector is all the model \
        knows about the token. The row of the position-embedding table wpe for the token's \
        position is added, and the sum enters block 0.

        Pictures (--kind, default all):
          tokens      the prompt as a matrix: one row per token, one column per
                      dimension ("5 tokens × 64 numbers"); --dims N shows the
                      first N dimensions, --dims all every one.
          sum         token embedding + position embedding = the input of block
                      0, three matrices on one colour scale (hook_embed +
                      hook_pos_embed = blocks.0.hook_resid_pre).
          similarity  cosine similarity of every two tokens' vectors (1 = same
                      direction, 0 = unrelated, −1 = opposite); a repeated token
                      scores exactly 1 (--stage sum: after adding positions).
          pca         --words king,queen,man,woman,...: each word's embedding
                      (the mean of its tokens' rows; words are tokenized with a
                      leading space, " king", unless --no-leading-space) on the
                      two directions in which these words differ most. Needs no
                      prompt.

        Colours: blue negative, red positive, white 0; the colorbar is the picture's own scale. \
        Token labels show spaces as ·, newlines as ⏎, and Chinese characters over their \
        byte-level tokens. --range A:B keeps tokens A to B-1 of a long prompt (Python slice).

        --out PATH names the file (.png, .svg or .pdf); with several kinds the kind is added \
        before the extension. By default files go to output/embeddings-MODEL.KIND.png.

        A randomly initialised checkpoint's embeddings are noise; a trained one puts related \
        words near each other.

        Without --model the built-in model is used (with its example prompt unless you give one).

        Examples:
          gptscope embeddings --kind tokens
          gptscope embeddings --model models/gpt2 --prompt "The cat sat" --kind tokens
          gptscope embeddings --model models/gpt2 --prompt "A cat" --kind sum --dims 32
          gptscope embeddings --model models/gpt2 --prompt "cat dog cat car" \\
              --kind similarity
          gptscope embeddings --model models/gpt2 --kind pca \\
              --words king,queen,man,woman,Paris,France,Rome,Italy
          gptscope embeddings --model models/gpt2 --ids 464,3797 --dims all --out e.svg
        """
    )

    @OptionGroup var input: ModelInputOptions
    @OptionGroup var language: LanguageOption

    @Option(help: "Which picture: tokens, sum, similarity, pca or all.")
    var kind: String = "all"

    @Option(help: ArgumentHelp("Words for the PCA picture, comma-separated.", valueName: "LIST"))
    var words: String?

    @Flag(inversion: .prefixedNo, help: "Tokenize each --words word with a space before it, as inside a sentence.")
    var leadingSpace = true

    @Option(help: ArgumentHelp("How many dimensions the matrices show: a number (the first N) or all.", valueName: "N|all"))
    var dims: String = "64"

    @Option(help: ArgumentHelp("Only tokens A to B-1, e.g. 0:64 (Python slice).", valueName: "A:B"))
    var range: String?

    @Option(help: "Vectors compared by --kind similarity: token, position or sum.")
    var stage: String = "token"

    @Option(help: ArgumentHelp("Output file (.png, .svg or .pdf).", valueName: "PATH"))
    var out: String?

    /// The pictures to draw, in order.
    private var kinds: [String] {
        if kind != "all" { return [kind] }
        return ["tokens", "sum", "similarity"] + (words == nil ? [] : ["pca"])
    }

    func validate() throws {
        guard ["all", "tokens", "sum", "similarity", "pca"].contains(kind) else {
            throw ValidationError("--kind must be tokens, sum, similarity, pca or all, got '\(kind)'")
        }
        if kind == "pca", words == nil { throw ValidationError("--kind pca needs --words, e.g. --words king,queen,man,woman") }
        if kind != "pca" { try input.requirePrompt(" (or --kind pca --words ...)") }
        _ = try dimensionCount()
        guard EmbeddingStage(rawValue: stage) != nil else { throw ValidationError("--stage must be token, position or sum, got '\(stage)'") }
        if let range { _ = try ErrorMessages.phrasing { try PositionRange.bounds(range) } }
        try FigurePath.check(out, option: "--out")
    }

    func run() async throws {
        let session = try await input.openSession()
        let name = session.name
        var analysis: PromptEmbeddings?
        // The built-in model's example prompt stands in when none is given (except for pca alone).
        let text = input.prompt ?? (input.ids == nil && session.isBuiltIn && kind != "pca" ? DefaultModel.examplePrompt : nil)
        if text != nil || input.ids != nil {
            let tokens = try input.tokens(in: session, text: text)
            // Embeddings are table look-ups: no forward pass is needed.
            analysis = PromptEmbeddings(model: session.model, modelName: name, ids: tokens, tokenizer: session.tokenizer)
        }
        let shown = try analysis.map { a in try range.map { try PositionRange.parse($0, count: a.tokens) } } ?? nil
        let dimensions = try dimensionCount()
        let list = kinds
        for k in list {
            let figure: Figure
            switch k {
            case "pca":
                let parts = (words ?? "").split(separator: ",", omittingEmptySubsequences: false)
                    .map { $0.trimmingCharacters(in: .whitespaces) }
                let table = try WordEmbeddings.lookup(parts, model: session.model, tokenizer: session.tokenizer, modelName: name,
                                                      leadingSpace: leadingSpace)
                figure = try EmbeddingFigure.pca(table, modelName: name)
            case "tokens":
                guard let analysis else { continue }
                figure = try EmbeddingFigure.tokens(analysis, dimensions: dimensions, range: shown)
            case "sum":
                guard let analysis else { continue }
                figure = try EmbeddingFigure.sum(analysis, dimensions: dimensions, range: shown)
            default:
                guard let analysis else { continue }
                figure = try EmbeddingFigure.similarity(analysis, stage: EmbeddingStage(rawValue: stage) ?? .token, range: shown)
            }
            let url = outputURL(model: name, kind: k, single: list.count == 1)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try figure.localized(language.language).write(to: url)
            Console.note("Wrote \(url.relativePath)")
        }
    }

    /// `--dims`: nil for all.
    private func dimensionCount() throws -> Int? {
        if dims == "all" { return nil }
        guard let n = Int(dims), n >= 1 else { throw ValidationError("--dims must be a number of dimensions (at least 1) or all, got '\(dims)'") }
        return n
    }

    private func outputURL(model: String, kind: String, single: Bool) -> URL {
        guard let out else { return URL(fileURLWithPath: "output/embeddings-\(model).\(kind).png") }
        let url = URL(fileURLWithPath: out)
        if single { return url }
        let ext = url.pathExtension
        return url.deletingPathExtension().appendingPathExtension(kind).appendingPathExtension(ext)
    }
}
