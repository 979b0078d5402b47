import ArgumentParser
import Charts
import FileAccess
import Foundation
import GPTModel
import Tokenization
import Visualizations

/// `gptscope tokenize`: shows how a byte-level BPE (GPT-2's by default) cuts text into tokens.
struct TokenizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokenize",
        abstract: "Split text into tokens (GPT-2's by default) and show each token's id, bytes and characters.",
        discussion: """
        GPT-2 reads bytes, not letters. Each token is a byte string from a vocabulary of 50,257: \
        common words with their leading space (" the" is one token, shown ·the), pieces of rare \
        words, and single bytes. A Chinese character takes three UTF-8 bytes and is often split \
        into two or three byte-level tokens; their labels show the bytes in hex (<e5><8d> <8e>) \
        and the "character" column shows which character they make together (华 1/2, 华 2/2).

        Labels: · is a space, \\n \\t \\r are newline, tab, return, <xx> is one byte of a character \
        the token holds only in part, <U+XXXX> is an invisible character (no-break space, \
        zero-width joiner, ...).

        Which vocabulary (the table's first line and the chart's footnote name it):
          --tokenizer gpt2 (default)    GPT-2's, built in (tiktoken's gpt2 encoding)
          --tokenizer gptscope-default  the built-in model's own 4,096 tokens
          --model DIR                   a checkpoint folder's vocab.json + merges.txt
          --vocab FILE                  a .tiktoken rank file, or a vocab.json with
                                        merges.txt beside it
        GPT-2's is the default because most texts and explainers quote its ids; the \
        built-in model reads its own ids, which every other command feeds it.

        --chart PATH draws the tokens as coloured chips with their ids underneath, wrapped like \
        the text, with each split character shown over its byte-level tokens (PNG, SVG or PDF).

        <|endoftext|> in the text is ordinary text (7 tokens: < | end of text | >) unless --allow-special is given, \
        as in tiktoken.

        --json writes {"ids", "tokens" (as Hugging Face's convert_ids_to_tokens writes them, \
        Ġ for a space), "labels" (as in the table), "bytes" (per token), "groups" ({"tokens": \
        [first, end), "text", "label"} for each run of tokens that makes whole characters), \
        "characters", "byteCount", "tokenCount", "bytesPerToken", "tokenizer"}.

        A --file longer than 1 MiB is read, tokenized and written in parts, cut only where the \
        tokens cannot change, so memory stays small however long it is; its table then always \
        has the character column, and --chart draws its first tokens.

        Examples:
          gptscope tokenize "Hello world, it's GPT-2!"
          gptscope tokenize "中华人民共和国成立于1949年"
          gptscope tokenize --file notes.txt --json
          cat notes.txt | gptscope tokenize --file -
          gptscope tokenize --model models/gpt2 "Same ids from vocab.json"
          gptscope tokenize --tokenizer gptscope-default "And God said"
          gptscope tokenize --allow-special "one<|endoftext|>two"
          gptscope tokenize --file data.bin --bytes
          gptscope tokenize "Hello 中华人民共和国!" --chart tokens.png
          gptscope tokenize -- "-starts with a dash"
        """
    )

    @Argument(help: "The text to tokenize (or use --file).")
    var text: String?

    @Option(help: ArgumentHelp("Read the text from FILE ('-' reads standard input).", valueName: "FILE"))
    var file: String?

    @Option(help: ArgumentHelp("A built-in tokenizer: gpt2 (GPT-2's, the default) or gptscope-default (the built-in model's).", valueName: "NAME"))
    var tokenizer: BuiltInTokenizer?

    @Option(help: ArgumentHelp("A Hugging Face checkpoint folder: use its tokenizer (vocab.json and merges.txt).", valueName: "DIR"))
    var model: String?

    @Option(help: ArgumentHelp("A vocabulary file: *.tiktoken, or vocab.json with merges.txt beside it.", valueName: "FILE"))
    var vocab: String?

    @Flag(help: "Write JSON (fields above) instead of a table.")
    var json = false

    @Flag(help: "Recognise special tokens such as <|endoftext|> in the text.")
    var allowSpecial = false

    @Flag(help: "Tokenize the file's raw bytes even if they are not UTF-8 (with --file).")
    var bytes = false

    @Option(help: ArgumentHelp("Also draw the tokens as coloured chips with their ids (.png, .svg or .pdf).", valueName: "PATH"))
    var chart: String?

    @OptionGroup var language: LanguageOption

    func validate() throws {
        if text != nil && file != nil { throw ValidationError("Give the text or --file FILE, not both.") }
        if text == nil && file == nil {
            throw ValidationError("Give the text to tokenize, or --file FILE (--file - reads standard input).")
        }
        if [tokenizer != nil, model != nil, vocab != nil].filter({ $0 }).count > 1 {
            throw ValidationError("Give one of --tokenizer NAME, --model DIR and --vocab FILE, not several.")
        }
        if bytes && file == nil { throw ValidationError("--bytes reads raw bytes from --file FILE; text arguments are always UTF-8.") }
        try FigurePath.check(chart, option: "--chart")
    }

    func run() throws {
        let tokenizer = try loadTokenizer()
        let allowed: Set<String> = allowSpecial ? Set(tokenizer.specialTokens.keys) : []
        let tokens: TokenizedText
        if let text {
            tokens = tokenizer.tokenize(text, allowedSpecial: allowed)
        } else {
            // Input past one chunk is tokenized and written chunk by chunk (see TokenizeStream).
            let reader = try openInput()
            let first = try TokenizeStream.read(reader, upTo: TokenizeStream.chunkBytes)
            guard first.count < TokenizeStream.chunkBytes else {
                try TokenizeStream(command: self, tokenizer: tokenizer, allowed: allowed).run(reader, first: first)
                return
            }
            let input = first
            if bytes {
                tokens = tokenizer.tokenize(bytes: input, allowedSpecial: allowed)
            } else {
                if let problem = InvalidUTF8.find(in: input) {
                    throw InputError.notUTF8(name: file == "-" ? "standard input" : file ?? "-", problem: problem)
                }
                tokens = tokenizer.tokenize(String(decoding: input, as: UTF8.self), allowedSpecial: allowed)
            }
        }
        if let chart {
            let url = URL(fileURLWithPath: chart)
            try TokenChips(tokens: tokens, tokenizer: tokenizer).figure().localized(language.language).write(to: url)
            Console.note("Wrote \(url.path)")
        }
        if tokens.count > 200_000 {
            Console.note("Formatting \(NumberFormat.thousands(tokens.count)) tokens…")
        }
        if json {
            print(try Self.json(tokens, tokenizer: tokenizer))
        } else {
            print(TokenTable.report(tokens, tokenizer: tokenizer))
        }
    }

    /// The tokenizers compiled into GPTScope.
    enum BuiltInTokenizer: String, ExpressibleByArgument, CaseIterable {
        case gpt2
        case gptscopeDefault = "gptscope-default"
    }

    private func loadTokenizer() throws -> Tokenizer {
        if let model { return try Tokenizer(checkpointDirectory: URL(fileURLWithPath: model)) }
        if let vocab { return try Tokenizer(contentsOf: URL(fileURLWithPath: vocab)) }
        switch tokenizer ?? .gpt2 {
        case .gpt2: return try Tokenizer.gpt2()
        case .gptscopeDefault: return try DefaultModel.tokenizer()
        }
    }

    /// The input file (or standard input for `-`) opened for reading part by part: a file or a
    /// stream such as `<(command)`; folders and devices are refused before anything is read.
    private func openInput() throws -> FileHandle {
        guard let file, file != "-" else { return FileHandle.standardInput }
        do throws(FileAccessError) {
            return try FileAccess.openForReading(atPath: file, accepting: .fileOrStream)
        } catch {
            throw InputError.unreadable(name: file, reason: error.reason)
        }
    }

    /// Problems with the input text.
    enum InputError: Error, CustomStringConvertible {
        case unreadable(name: String, reason: String)
        case notUTF8(name: String, problem: InvalidUTF8)

        var description: String {
            switch self {
            case let .unreadable(name, reason):
                return "cannot read \(name): \(reason)"
            case let .notUTF8(name, problem):
                return "\(name) is not valid UTF-8 (\(problem)); convert it to UTF-8, or pass --bytes to tokenize its raw bytes"
            }
        }
    }

    // MARK: Output

    /// The `--json` document.
    static func json(_ t: TokenizedText, tokenizer: Tokenizer) throws -> String {
        struct Group: Encodable {
            var tokens: [Int]
            var text: String
            var label: String
        }
        struct Document: Encodable {
            var tokenizer: String
            var ids: [Int]
            var tokens: [String]
            var labels: [String]
            var bytes: [[UInt8]]
            var groups: [Group]
            var characters: Int
            var byteCount: Int
            var tokenCount: Int
            var bytesPerToken: Double
        }
        let document = Document(
            tokenizer: tokenizer.name, ids: t.ids,
            tokens: t.ids.map { tokenizer.alphabetText(forToken: $0) ?? "" }, labels: t.labels,
            bytes: t.tokenBytes,
            groups: t.groups.map { Group(tokens: [$0.tokens.lowerBound, $0.tokens.upperBound], text: $0.text, label: $0.label) },
            characters: t.characterCount, byteCount: t.byteCount, tokenCount: t.count,
            bytesPerToken: (t.bytesPerToken * 1000).rounded() / 1000)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(document), as: UTF8.self)
    }
}
