import ArgumentParser
import Charts
import Foundation
import GPTModel
import OutputFolders
import Visualizations

/// `gptscope report`: every figure of one prompt, the tensors behind them, and a page that explains them.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a self-contained report: every figure for one prompt, explained, in an offline HTML page.",
        discussion: """
        Runs the prompt once, recording the activations its figures read, and writes into one folder:
          index.html            the page: figures in teaching order (tokens → embeddings → \
        positions → attention layer by layer → residual stream and MLP → predictions → experiments → \
        parameters), each with a few sentences on what it shows and how to read it. It needs \
        no network and no JavaScript; open it straight from disk or copy the folder anywhere.
          <figure>.png / .svg   every figure (choose with --formats; png is required for the page)
          tensors.safetensors   the recorded tensors the figures were drawn from, under their \
        TransformerLens names (Python: safetensors.numpy.load_file), attention patterns in \
        float16, token ids and strings in the metadata. A prompt too long for the layer figures \
        to draw every cell (over 256 tokens for 12 heads) gets its patterns as they are drawn, \
        blocks.L.attn.hook_pattern.max_pooled (the largest weight of each f × f block; f in the \
        metadata's pattern_max_pool), and the closer look's head in full. --tensors all saves every hook in \
        float32 instead (and records every hook: slower, several times the memory), \
        --tensors none writes no tensors file
          summary.json          model, configuration, prompt, tokens, top predictions, figure list

        --lang zh writes the page and its figures in Simplified Chinese, --lang zh-Hant in Traditional Chinese (Taiwan usage). --layers limits \
        the per-layer attention figures (the whole-model figures always show every layer). \
        The report is written into a hidden folder next to --out and moved into place only \
        when complete, so an error or Ctrl-C never leaves half a report. An older report (or \
        an empty folder) at --out is replaced; a folder holding anything else is refused unless \
        you give --force, which replaces it and deletes what it holds.

        Examples:
          gptscope report --model models/gpt2 --prompt "The cat sat on the mat because it was tired"
          gptscope report --model models/gpt2 --prompt "人工智能正在改变世界" --lang zh --out output/gpt2-zh
          gptscope report --model models/gpt2 --ids 464,3797,3332,319,262,2603 --layers 0,5,11 --formats png
          gptscope report --words Paris,France,Rome,Italy,Berlin,Germany --generate 20
          gptscope report --model models/gpt2-medium --prompt "The cat sat on the mat" --skip experiments
        """
    )

    @OptionGroup var input: ModelInputOptions

    @Option(help: ArgumentHelp("Report folder (default: output/<model folder name>).", valueName: "dir"))
    var out: String?

    @Flag(help: "Replace --out even if it holds files that are not an earlier report (they are deleted).")
    var force = false

    @Option(help: ArgumentHelp("Language of the page and its figures: en, zh or zh-Hant.", valueName: "lang"))
    var lang: String = "en"

    @Option(help: ArgumentHelp("Figure formats, comma-separated: png, svg, pdf (png is required).", valueName: "list"))
    var formats: String = "png,svg"

    @Option(help: ArgumentHelp("Layers that get their own attention figures, comma-separated (default: all).", valueName: "list"))
    var layers: String?

    @Option(help: ArgumentHelp("PNG pixels per point.", valueName: "s"))
    var scale = 2.0

    @Option(help: "How many next-token candidates to list.")
    var topK = 10

    @Option(help: ArgumentHelp("Words for the embedding PCA, comma-separated (default: king,queen,man,woman,father,mother,son,daughter,day,night,sun,moon,heaven,earth).",
                               valueName: "list"))
    var words: String?

    @Option(help: ArgumentHelp("Tokens to generate greedily after the prompt for the generation figure (0: none).", valueName: "n"))
    var generate = 8

    @Option(help: ArgumentHelp("What tensors.safetensors holds: figures (the tensors the figures were drawn from, attention patterns in float16, max-pooled as drawn for long prompts), all (every hook, float32) or none (no file).",
                               valueName: "what"))
    var tensors = "figures"

    @Option(help: ArgumentHelp("Sections to leave out, comma-separated: \(ReportSection.allCases.map(\.rawValue).joined(separator: ", ")); or none. E.g. --skip experiments, whose ablation and patching sweeps run hundreds of extra forward passes (most of a report's time on GPT-2). Without --skip, experiments estimated at over \(Self.automaticExperimentMinutes) minutes (GPT-2 XL's: over half an hour) are left out; --skip none keeps them.",
                               valueName: "list"))
    var skip: String?

    func validate() throws {
        try input.requirePrompt()
        guard ReportLanguage(argument: lang) != nil else {
            throw ValidationError("--lang must be \(ReportLanguage.choices), not '\(lang)'")
        }
        let parsed = try parsedFormats()
        guard parsed.contains(.png) else {
            throw ValidationError("--formats must include png (the page shows PNG figures), e.g. --formats png,svg")
        }
        _ = try parsedLayers()
        guard scale > 0 && scale <= 8 else { throw ValidationError("--scale must be between 0 and 8, e.g. 2") }
        guard (1 ... LayerFigures.nextTokenMaximumTopK).contains(topK) else {
            throw ValidationError("--top-k must be 1...\(LayerFigures.nextTokenMaximumTopK) (bars in the next-token figure), got \(topK)")
        }
        guard ReportTensors(rawValue: tensors) != nil else {
            throw ValidationError("--tensors must be \(ReportTensors.choices), not '\(tensors)'")
        }
        guard generate >= 0 && generate <= 256 else { throw ValidationError("--generate must be between 0 and 256, e.g. 8") }
        _ = try parsedSkippedSections()
        if let list = parsedWords, list.count < 3 || Set(list).count != list.count {
            throw ValidationError("--words needs at least 3 different words, comma-separated, e.g. --words king,queen,man,woman")
        }
    }

    func run() async throws {
        // Ctrl-C removes the unfinished report, even while figures are drawn on several threads.
        Interruption.quitOnSignals()
        try await OutputFolderMessage.naming(subfolder: "report") { try await writeReport() }
    }

    private func writeReport() async throws {
        // Checked once, here: an unusable --out, or a folder of someone else's files, fails
        // before the model is loaded.
        let folder = try ReportFolder(URL(fileURLWithPath: out ?? "output/" + defaultName), replacing: force ? .anyFolder : .ownFolders)
        let start = Date()
        let session = try await input.openSession()
        // Checked once, by the report's forward pass.
        let ids = try input.uncheckedTokens(in: session)
        var options = ReportOptions(language: ReportLanguage(argument: lang) ?? .en, formats: try parsedFormats(),
                                    layers: try parsedLayers(), scale: scale, topK: topK, words: parsedWords,
                                    generateTokens: generate, tensors: ReportTensors(rawValue: tensors) ?? .figures,
                                    skippedSections: try parsedSkippedSections() ?? [])
        if !options.skippedSections.contains(.experiments) {
            // Most of a report's time on a large model: say so before it starts, and by default
            // leave out experiments that would take longer than the rest of the report many times over.
            let work = ExperimentRuns.reportWork(configuration: session.model.configuration, tokenizer: session.tokenizer)
            let cores = ProcessInfo.processInfo.activeProcessorCount
            let minutes = Int((work.flops / (Double(cores) * Self.flopsPerCore) / 60).rounded(.up))
            let size = "\(NumberFormat.thousands(work.passes)) extra forward passes (\(String(format: "%.1f", work.flops / 1e12)) TFLOP, roughly \(minutes) min on \(cores) cores)"
            if skip == nil, minutes > Self.automaticExperimentMinutes {
                options.skippedSections.insert(.experiments)
                Console.note("Leaving out the experiments: they would run \(size); --skip none includes them.")
            } else if minutes > 1 {
                Console.note("The experiments run \(size); --skip experiments leaves them out.")
            }
        }
        let name = session.directory.standardizedFileURL.lastPathComponent
        try session.checkForwardMemory(tokens: ids.count, hooks: ReportPlanner.recordedHooks(model: session.model, options: options, tokens: ids.count))
        let positions = session.model.embedding.positionTable.shape[0]
        if positions > ReportPlanner.maximumPositions {
            Console.note("The model has \(NumberFormat.thousands(positions)) positions; the position figures show the first \(NumberFormat.thousands(ReportPlanner.maximumPositions)).")
        }
        Console.note("Running \(ids.count) tokens through \(session.summary)…")
        let context = session.model.configuration.contextLength
        if generate > 0 && ids.count == context {
            Console.note("The prompt fills the \(context)-token context, so nothing can be generated: the generation figure is left out.")
        }
        // The writer runs the prompt while it draws the figures of the model alone.
        let writer = ReportWriter(model: session.model, modelName: name, ids: ids, tokenizer: session.tokenizer, options: options)
        var bar: ProgressBar?
        let result = try await writer.write(to: folder) { progress in
            if bar == nil { bar = ProgressBar(total: progress.total, title: "Report") }
            bar?.update(progress.completed, detail: progress.label)
        }
        bar?.finish()
        printSummary(result, seconds: Date().timeIntervalSince(start))
    }

    /// The checkpoint folder's name, for the default --out.
    private var defaultName: String {
        let name = URL(fileURLWithPath: input.model ?? DefaultModel.name).standardizedFileURL.lastPathComponent
        return name.isEmpty || name == "/" ? "report" : name
    }

    private func parsedFormats() throws -> [OutputFormat] {
        try ListOption.formats(formats)
    }

    private var parsedWords: [String]? {
        words.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
    }

    private func parsedLayers() throws -> [Int]? {
        guard let layers else { return nil }
        return try ListOption.naturalNumbers(layers, problem: "--layers must be comma-separated layer numbers from 0, e.g. --layers 0,5,11")
    }

    /// Matrix-product FLOPs per second one core sustains, conservatively: OpenBLAS's sgemm ran at
    /// about 75 G per core on a 2-core AMD EPYC, and the experiments' short products run below it.
    static let flopsPerCore = 50e9
    /// Without --skip, experiments estimated to take longer than this are left out (GPT-2 small's
    /// take well under a minute, GPT-2 XL's over half an hour on 2 cores).
    static let automaticExperimentMinutes = 5

    /// The sections --skip names; `none` for none; nil without --skip (the experiments' size decides).
    private func parsedSkippedSections() throws -> Set<ReportSection>? {
        guard let skip else { return nil }
        if skip.trimmingCharacters(in: .whitespaces).lowercased() == "none" { return [] }
        let names = skip.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        var sections: Set<ReportSection> = []
        for name in names {
            guard let section = ReportSection(rawValue: name.lowercased()) else {
                let choices = ReportSection.allCases.map(\.rawValue).joined(separator: ", ")
                throw ValidationError("--skip: no section '\(name)'; the sections are \(choices) (or none), e.g. --skip experiments")
            }
            sections.insert(section)
        }
        guard sections.count < ReportSection.allCases.count else {
            throw ValidationError("--skip leaves no section to write; name fewer, e.g. --skip experiments")
        }
        return sections
    }

    /// What was written: counts and sizes by kind, the biggest files, the time taken, where to look.
    private func printSummary(_ result: ReportResult, seconds: Double) {
        var byKind: [String: (count: Int, bytes: Int)] = [:]
        for file in result.files {
            let kind = URL(fileURLWithPath: file.name).pathExtension
            byKind[kind, default: (0, 0)].count += 1
            byKind[kind, default: (0, 0)].bytes += file.bytes
        }
        print("Wrote \(result.figureCount) figures, \(result.files.count) files, "
              + "\(Formatting.bytes(result.totalBytes)) in \(String(format: "%.1f", seconds)) s to \(result.folder.path)")
        for kind in byKind.keys.sorted() {
            let entry = byKind[kind] ?? (0, 0)
            let label = entry.count == 1 ? result.files.first { $0.name.hasSuffix("." + kind) }?.name ?? kind : "\(entry.count) × .\(kind)"
            print("  " + label.padding(toLength: 26, withPad: " ", startingAt: 0) + Formatting.bytes(entry.bytes))
        }
        print("Open \(result.page.path)")
    }
}
