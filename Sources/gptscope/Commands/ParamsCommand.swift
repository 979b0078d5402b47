import ArgumentParser
import Foundation
import Charts
import GPTModel
import Visualizations

/// `gptscope params`: exact, per-component parameter accounting of Transformer-family models.
struct ParamsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "params",
        abstract: "Count every parameter of a model, component by component, with formulas.",
        discussion: """
        Each MODEL is a preset name (see --list), a Hugging Face config.json file, or a checkpoint \
        directory holding one (gpt2, openai-gpt and llama files; a folder named like a preset \
        needs a path, e.g. ./gpt2). Every count follows from the \
        configuration alone. One model prints its full breakdown: each component with its formula \
        (V vocabulary, n_ctx context, d width, d_ff MLP width, L layers, n_kv key/value heads), \
        count and share, then embedding and non-embedding parameters, parameters per block, \
        forward FLOPs per token (Kaplan et al. 2020: 2·N + 2·n_layer·n_ctx·d_attn, N = \
        non-embedding parameters), weight memory, and the published total with the exact count's \
        difference from it. Several models print a comparison table (add --detail for every \
        breakdown). Without a model, GPT-1, GPT-2 and GPT-3 are compared.

        --explain prints numbers explainers often get wrong, each computed from the presets \
        and from --prompt (GPT-2's tokenizer; default: the built-in model's example prompt), in \
        English, --lang zh or --lang zh-Hant: GPT-2 small's exact count against the paper's figure and against \
        GPT-2 XL's; GPT-2 XL's depth; GPT-3's context against its width (and the original \
        Transformer, which has no fixed context); GPT-3 175B's parameters per layer; its training \
        compute 6·P·D; GPT-2's learned positions; tokens per word and per Chinese character.

        Conventions: a tied output head is counted once, in the token embedding; non-trainable \
        buffers (e.g. the causal mask attn.bias in some GPT-2 checkpoints) are not counted.

        --json writes {"schema": "gptscope.params/1", "conventions", "models": [...]}. Each model \
        has "name", "total" (exact integer), "components" (a list of {"name", "count", "group", \
        "stack", "layers", "share", "formula", "arithmetic", "note"} in model order whose counts \
        sum to "total"), "groups" (sums per group: tokenEmbedding, positionEmbedding, attention, \
        mlp, normalization, outputHead), "configuration", "published", "publishedDifference", \
        "embedding", "nonEmbedding", "perLayer", "forwardFlopsPerToken", "flopsContext" (with \
        "flopsContextAssumed" true when the model has no fixed context: its configuration's \
        "contextLength" is then null, e.g. the original Transformer), \
        "weightBytes" (fp32, fp16, bf16, int8), "trainingTokens" and "trainingFlops" (with --tokens).
        --csv writes one row per component: model,component,group,stack,layers,count,share,formula,arithmetic.

        Charts: --chart PATH draws the breakdown of one model or the comparison of several \
        (--figure comparison|breakdown|scaling to choose, --log for a log axis); the format follows \
        the extension (.png, .svg, .pdf). --report writes params.comparison (log axis), \
        params.comparison.linear, params.breakdown.<model> and params.scaling as PNG and SVG into \
        output/ for GPT-1, GPT-2 and GPT-3, or for the models given.

        Examples:
          gptscope params gpt2
          gptscope params gpt1 gpt2 gpt3-175b --tokens 300e9
          gptscope params gpt3-small gpt3-medium gpt3-large gpt3-xl --json
          gptscope params models/gpt2/config.json --context 256
          gptscope params --list
          gptscope params gpt1 gpt2 gpt3-175b --chart params.svg --log
          gptscope params --report
          gptscope params --explain --prompt "人工智能正在改变世界" --lang zh
        """
    )

    @Argument(help: "Presets, config.json files or checkpoint directories (default: gpt1 gpt2 gpt3-175b).")
    var models: [String] = []

    @Flag(help: "Print the numbers explainers often get wrong, computed from the presets and --prompt.")
    var explain = false

    @Option(help: ArgumentHelp("With --explain, the text whose tokens per word are counted (GPT-2 tokenizer).", valueName: "text"))
    var prompt: String?

    @Option(help: ArgumentHelp("Language of --explain and of the charts (--chart, --report): en, zh or zh-Hant.", valueName: "lang"))
    var lang = "en"

    @Flag(help: "List every preset with its sizes and source.")
    var list = false

    @Flag(help: "With several models, also print each breakdown; with --list, every source in full.")
    var detail = false

    @Flag(help: "Write JSON (schema above) instead of tables.")
    var json = false

    @Flag(help: "Write CSV, one row per component, instead of tables.")
    var csv = false

    @Option(help: ArgumentHelp("Training tokens D for the compute estimate 6·P·D (P = all parameters), e.g. 300e9.", valueName: "D"))
    var tokens: Double?

    @Option(help: ArgumentHelp("Context length for the FLOPs estimate (default: the model's).", valueName: "n"))
    var context: Int?

    @Option(help: ArgumentHelp("Also draw a chart to PATH; the format follows the extension (.png, .svg, .pdf).", valueName: "path"))
    var chart: String?

    @Option(help: ArgumentHelp("The chart to draw: comparison, breakdown or scaling (default: breakdown for one model, comparison for several).", valueName: "kind"))
    var figure: String?

    @Flag(help: "Draw the comparison chart on a log scale (totals beside a 100% share panel).")
    var log = false

    @Flag(help: "Write every parameter chart for GPT-1, GPT-2 and GPT-3 (or the models given) to --output as PNG and SVG.")
    var report = false

    @Option(help: ArgumentHelp("Folder for --report.", valueName: "dir"))
    var output = "output"

    @Option(help: ArgumentHelp("PNG pixels per point.", valueName: "s"))
    var scale = 2.0

    /// The models compared when none is named.
    static let defaultModels = ["gpt1", "gpt2", "gpt3-175b"]

    func validate() throws {
        if json && csv { throw ValidationError("choose one of --json and --csv") }
        if let tokens, !(tokens > 0 && tokens.isFinite) {
            throw ValidationError("--tokens must be a positive number of tokens, e.g. 300e9")
        }
        if let context, context <= 0 { throw ValidationError("--context must be a positive number of tokens") }
        if list && !models.isEmpty { throw ValidationError("--list takes no models; drop the model names or --list") }
        if explain && !(models.isEmpty && !list && !json && !csv && chart == nil && !report) {
            throw ValidationError("--explain takes no models and no other view; drop them or --explain")
        }
        if !explain && prompt != nil { throw ValidationError("--prompt goes with --explain; add --explain") }
        if !explain && chart == nil && !report && lang != "en" {
            throw ValidationError("--lang goes with --explain, --chart or --report; add one of them")
        }
        if ReportLanguage(argument: lang) == nil { throw ValidationError("--lang must be \(ReportLanguage.choices), not '\(lang)'") }
        try FigurePath.check(chart, option: "--chart")
        if let figure, ParamsCharts.Kind(rawValue: figure) == nil {
            throw ValidationError("--figure must be comparison, breakdown or scaling, not \(figure)")
        }
        if !(scale > 0 && scale <= 8) { throw ValidationError("--scale must be between 0 and 8, e.g. 2") }
    }

    func run() throws {
        if explain {
            print(try ParamsExplain.render(prompt: prompt ?? DefaultModel.examplePrompt, language: ReportLanguage(argument: lang) ?? .en))
            return
        }
        if list {
            print(ParamsTextReport.presetList(full: detail))
            return
        }
        // Resolve every model before writing anything, so bad input leaves no files behind.
        let breakdowns = try (models.isEmpty ? Self.defaultModels : models).map {
            ParameterBreakdown(try ModelSpecifier.configuration(for: $0))
        }
        let pairs = breakdowns.map { ($0, ComputeEstimate($0, contextLength: context, trainingTokens: tokens)) }

        if report {
            let files = try writeReport(breakdowns)
            note("Wrote \(files.count) files:")
            for file in files { note("  " + (output as NSString).appendingPathComponent(file.lastPathComponent)) }
            return
        }
        if let chart {
            let kind = figure.flatMap(ParamsCharts.Kind.init(rawValue:)) ?? ParamsCharts.defaultKind(modelCount: breakdowns.count)
            try ParamsCharts.figure(kind, breakdowns, logScale: log).localized(ReportLanguage(argument: lang) ?? .en).write(to: URL(fileURLWithPath: chart), scale: scale)
        }
        if json {
            print(try ParamsJSON(pairs).encoded())
        } else if csv {
            print(ParamsCSV.render(breakdowns))
        } else {
            print(tables(pairs))
        }
        if let chart { note("Wrote \(chart)") }
    }

    /// The terminal view: one model's breakdown, or a comparison of several.
    private func tables(_ pairs: [(ParameterBreakdown, ComputeEstimate)]) -> String {
        if pairs.count == 1 {
            return [ParamsTextReport.detail(pairs[0].0, pairs[0].1), "", ParamsTextReport.conventions]
                .joined(separator: "\n")
        }
        let assumed = pairs.first { $0.1.contextIsAssumed }.map {
            "; * n_ctx = \($0.1.contextLength) is an assumption for models without a fixed context"
        } ?? ""
        let training = tokens.map {
            "; Training = \(ComputeEstimate.trainingFormula) FLOPs (\(ComputeEstimate.trainingSymbols) = \(NumberFormat.human($0)))."
        } ?? "."
        var out = [
            ParamsTextReport.comparison(pairs), "", ParamsTextReport.groupShares(pairs.map(\.0)), "",
            Formatting.wrap(
                "Diff. = exact count vs the published figure; Embed. = share of token and position tables "
                    + "(and untied heads); FLOPs/token = \(ComputeEstimate.forwardFormula) (Kaplan et al. 2020)"
                    + ", N = non-embedding parameters" + assumed + training),
            ParamsTextReport.conventions,
        ]
        if detail {
            for (b, e) in pairs { out += ["", ParamsTextReport.detail(b, e)] }
        } else if models.isEmpty {
            out += ["", "For one model's full breakdown: gptscope params gpt2. All presets: gptscope params --list."]
        }
        return out.joined(separator: "\n")
    }

    /// Every parameter figure for the models given, or for GPT-1, GPT-2 and GPT-3 by default.
    private func writeReport(_ breakdowns: [ParameterBreakdown]) throws -> [URL] {
        let family = models.isEmpty ? ParamsCharts.reportFamily.map(ParameterBreakdown.init) : breakdowns
        let highlights = models.isEmpty
            ? try ParamsCharts.reportHighlights.map { ParameterBreakdown(try GPTConfiguration.preset(named: $0)) }
            : breakdowns
        return try ParamsCharts.writeReport(
            highlights: highlights, family: family, to: URL(fileURLWithPath: output), scale: scale,
            language: ReportLanguage(argument: lang) ?? .en)
    }

    /// Prints a message about written files: on stdout, or on stderr when stdout carries JSON or CSV.
    private func note(_ message: String) {
        if json || csv {
            Console.note(message)
        } else {
            print(message)
        }
    }
}
