import ArgumentParser
import Charts
import Foundation
import OutputFolders
import Tokenization
import Training
import Visualizations

/// `gptscope train-tokenizer`: learns a byte-level BPE vocabulary from text files.
struct TrainTokenizerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train-tokenizer",
        abstract: "Learn a byte-level BPE vocabulary (vocab.json + merges.txt) from text files.",
        discussion: """
        Byte-pair encoding starts from the 256 possible bytes and, again and again, joins the \
        two adjacent tokens that occur together most often in the corpus into one new token. \
        The first merges are the commonest letter pairs (t + h, then · + th: a space joins the \
        word after it), soon whole words (·the, ·and); a Chinese character is three UTF-8 \
        bytes, which merge into one token if the character is common.

        As in GPT-2, the text is first cut by GPT-2's pre-tokenizer (letters, digits and \
        punctuation never share a token), ties go to the smaller \
        pair of ids, and <|endoftext|> takes the last id. <|endoftext|> in the corpus separates \
        documents and is not learned from. The result is the same as Hugging Face \
        tokenizers' BpeTrainer with GPT-2's ByteLevel pre-tokenizer.

        --vocab-size counts every id: 256 bytes + merges + <|endoftext|> (GPT-2 has 50,257). \
        The folder gets vocab.json and merges.txt in GPT-2's format: --vocab DIR/vocab.json of \
        `gptscope tokenize`, and Python's transformers.GPT2TokenizerFast.from_pretrained(DIR), \
        read them. The summary compares bytes per token on the corpus with GPT-2's tokenizer.

        The two files are written into a hidden folder and moved into place together. An \
        earlier vocabulary (a folder holding only vocab.json and merges.txt) or an empty folder \
        at --out is replaced; a folder holding anything else is refused unless you give \
        --force, which replaces it and deletes what it holds.

        --chart PATH draws the first merges as token chips, "t + h → th", with how often each \
        pair occurred when it was chosen (PNG, SVG or PDF).

        Examples:
          python3 Tests/Scripts/prepare_corpus.py output/corpus    # the default corpus
          gptscope train-tokenizer --corpus output/corpus/corpus.txt --out tok4k
          gptscope train-tokenizer --corpus a.txt --corpus b.txt \\
              --vocab-size 1000 --out tok --chart merges.png
          gptscope tokenize --vocab tok4k/vocab.json "In the beginning"
        """
    )

    @Option(help: ArgumentHelp("A UTF-8 text file to learn from (repeat for several; CRLF is read as LF).", valueName: "FILE"))
    var corpus: [String] = []

    @Option(help: ArgumentHelp("Ids in the vocabulary, bytes and <|endoftext|> included (257 or more).", valueName: "N"))
    var vocabSize: Int = 4096

    @Option(help: ArgumentHelp("Folder to write vocab.json and merges.txt into (created if needed).", valueName: "DIR"))
    var out: String

    @Flag(help: "Replace --out even if it holds files other than an earlier vocab.json and merges.txt (they are deleted).")
    var force = false

    @Option(help: ArgumentHelp("Also draw the first merges (.png, .svg or .pdf).", valueName: "PATH"))
    var chart: String?

    @OptionGroup var language: LanguageOption

    @Option(help: ArgumentHelp("Merges to draw with --chart.", valueName: "N"))
    var chartMerges: Int = 48

    func validate() throws {
        if corpus.isEmpty { throw ValidationError("Give at least one --corpus FILE to learn from.") }
        if vocabSize < BPETrainer.smallestVocabularySize || vocabSize > BPETrainer.largestVocabularySize {
            throw ValidationError("--vocab-size must be \(BPETrainer.smallestVocabularySize)...\(BPETrainer.largestVocabularySize) "
                + "(256 bytes + <|endoftext|> + merges), got \(vocabSize).")
        }
        try FigurePath.check(chart, option: "--chart")
        if !(1...200).contains(chartMerges) { throw ValidationError("--chart-merges must be 1...200, got \(chartMerges).") }
    }

    func run() throws {
        Interruption.quitOnSignals()
        try OutputFolderMessage.naming(subfolder: "tokenizer") { try train() }
    }

    private func train() throws {
        let folder = URL(fileURLWithPath: out)
        let output = OutputFolder(folder, replacing: force ? .anyFolder : .ownFolders, isOwn: Self.isVocabularyFolder)
        let started = Date()
        var counts = BPECorpusCounts()
        var texts: [[UInt8]] = []
        for path in corpus {
            let bytes = try CorpusFile.read(path)
            counts.add(bytes: bytes)
            texts.append(bytes)
            Console.note("Read \(path): \(Formatting.bytes(bytes.count)), \(NumberFormat.thousands(counts.distinctPieceCount)) distinct pieces so far")
        }
        guard counts.byteCount > 0 else { throw BPETrainingError.emptyCorpus }
        try output.check()  // before training, so a wrong --out costs no time

        let trainer = try BPETrainer(vocabularySize: vocabSize)
        var lastShown = Date()
        let vocabulary = try trainer.train(counts) { done, wanted in
            guard Date().timeIntervalSince(lastShown) > 0.5 || done == wanted else { return }
            lastShown = Date()
            Console.note("Merges: \(NumberFormat.thousands(done)) / \(NumberFormat.thousands(wanted))")
        }
        let trainingSeconds = Date().timeIntervalSince(started)
        // Both files go into place together, or neither does.
        let staging = try output.stage()
        do {
            try staging.write(Data(vocabulary.vocabularyJSON()), named: "vocab.json")
            try staging.write(Data(vocabulary.mergesText()), named: "merges.txt")
            try staging.commit()
        } catch {
            staging.discard()
            throw error
        }

        // Compression on the corpus, through the files just written (as every reader will see them).
        let trained = try Tokenizer(checkpointDirectory: folder)
        let gpt2 = try Tokenizer.gpt2()
        let ours = texts.reduce(0) { $0 + trained.encode(bytes: $1, allowedSpecial: [BPETrainer.endOfText]).count }
        let theirs = texts.reduce(0) { $0 + gpt2.encode(bytes: $1, allowedSpecial: [BPETrainer.endOfText]).count }
        let bytes = texts.reduce(0) { $0 + $1.count }

        print("Corpus:      \(corpus.count) file(s), \(NumberFormat.thousands(counts.byteCount)) bytes, "
            + "\(NumberFormat.thousands(counts.pieceCount)) pre-tokenizer pieces (\(NumberFormat.thousands(counts.distinctPieceCount)) distinct)")
        print("Vocabulary:  \(NumberFormat.thousands(vocabulary.vocabularySize)) ids = 256 bytes + "
            + "\(NumberFormat.thousands(vocabulary.tokens.count - 256)) learned + <|endoftext|> (\(vocabulary.endOfTextID))")
        print("Merges:      \(NumberFormat.thousands(vocabulary.merges.count)) in \(String(format: "%.2f", trainingSeconds)) s")
        if vocabulary.vocabularySize < vocabSize {
            print("             (stopped early: every piece of the corpus is already one token)")
        }
        print("Compression: \(String(format: "%.2f", Double(bytes) / Double(max(ours, 1)))) bytes/token "
            + "(\(NumberFormat.thousands(ours)) tokens); GPT-2's 50,257-token vocabulary: "
            + "\(String(format: "%.2f", Double(bytes) / Double(max(theirs, 1)))) bytes/token (\(NumberFormat.thousands(theirs)) tokens)")
        print("First merges: " + vocabulary.merges.prefix(8).map { merge in
            "\(TokenLabel.label(for: vocabulary.tokens[merge.left])) + \(TokenLabel.label(for: vocabulary.tokens[merge.right]))"
        }.joined(separator: ", "))
        print("Wrote \(folder.appendingPathComponent("vocab.json").path) and merges.txt")

        if let chart {
            let url = URL(fileURLWithPath: chart)
            try MergeChips(vocabulary: vocabulary, count: chartMerges).figure().localized(language.language).write(to: url)
            Console.note("Wrote \(url.path)")
        }
    }

    /// Whether `folder` holds only what this command writes (vocab.json, merges.txt and perhaps a
    /// --chart drawn into it), so it may be replaced.
    @Sendable static func isVocabularyFolder(_ folder: URL) -> Bool {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return false }
        let files = Set(entries.filter { $0 != ".DS_Store" })
        let charts = files.filter { ["png", "svg", "pdf"].contains(URL(fileURLWithPath: $0).pathExtension.lowercased()) }
        return files.subtracting(charts) == ["vocab.json", "merges.txt"]
    }
}
