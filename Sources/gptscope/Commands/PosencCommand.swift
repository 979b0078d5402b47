import ArgumentParser
import Charts
import Foundation
import GPTModel
import Visualizations

/// `gptscope posenc`: draws sinusoidal positional encodings and a checkpoint's learned ones.
struct PosencCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "posenc",
        abstract: "Draw positional encodings: sinusoidal (Vaswani et al. 2017), a model's learned wpe, and rotary (RoPE).",
        discussion: """
        Attention by itself does not know word order: "dog bites man" and "man bites dog" give \
        the same set of vectors. So before the first block a vector that depends only on the \
        position is added to each token's embedding. The original Transformer uses a fixed \
        formula, for position pos and dimension pairs (2i, 2i+1) of d_model:
          PE(pos, 2i)   = sin(pos / 10000^(2i/d_model))
          PE(pos, 2i+1) = cos(pos / 10000^(2i/d_model))
        GPT-1 and GPT-2 instead learn one vector per position (the wpe table, 1,024 × 768 in \
        GPT-2 small), which is why their context has a hard limit.

        Three pictures (--kind, default all three):
          heatmap     rows are positions, columns dimensions, colour the value
                      (blue −, red +). In the sinusoidal one the left columns
                      flicker fast and the right ones change slowly.
          curves      a few dimensions against position. Sinusoidal: sine (solid)
                      and cosine (dashed) of one pair share a colour; each later
                      pair has a longer wavelength λ. Learned: the dimensions
                      that vary most (or --dims).
          similarity  how alike the vectors of positions p and q are (cosine by
                      default). The sinusoidal one depends only on p − q: a band
                      along the diagonal, so the model can tell near from far.

        Without --model the sinusoidal encoding is drawn for --d-model and --positions. With \
        --model DIR the checkpoint's learned position embeddings are drawn; --compare puts the \
        sinusoidal encoding of the same size beside them (without --model, beside the built-in \
        model's). --range A:B draws only positions A to B-1 (titles name the window); \
        without it every position is drawn (all 1,024 of GPT-2, on axes numbered at round \
        positions), or with --model the first --positions N.

        --out PATH names the file (.png, .svg or .pdf); with --kind all, the kind is added \
        before the extension (posenc.heatmap.png, posenc.curves.png, posenc.similarity.png). \
        By default files go to output/ named after what they show.

        A randomly initialised checkpoint's wpe is noise; a trained one shows structure.

        Rotary positions (Llama, Qwen2, GPT-NeoX) add no vector: every layer turns each \
        dimension pair i of the queries and keys by the angle position · θ_i, with \
        θ_i = base^(−2i/d). Three pictures of them:
          rotary-frequencies  θ_i and the wavelength 2π/θ_i of each pair; with
                              --rope-scaling linear|llama3 (--factor F) the scaled
                              frequencies beside the unscaled ones.
          rotary-angles       cos(position · θ_i) over positions × pairs.
          rotary-distance     q·k against the distance m − n for fixed q and k: the
                              same at every offset, and falling with distance.
        (--kind rotary draws all three.) The settings come from --model DIR's config.json, \
        or from --rope-theta, --head-dim and --rope-scaling (default: Llama 2's 10,000 and 128).

        --compare --kind heatmap puts all three encodings side by side: sinusoidal and \
        learned (added once to the input) and rotary (turning q and k in every layer), the \
        last from --rotary-model DIR or the rotary flags. --compare --kind similarity does the \
        same for how alike two positions look: the sinusoidal and rotary matrices share one \
        formula, a function of p − q alone.

        Examples:
          gptscope posenc
          gptscope posenc --compare --kind heatmap
          gptscope posenc --d-model 128 --positions 50 --kind curves --out pe.png
          gptscope posenc --kind similarity --positions 200 --measure dot
          gptscope posenc --model models/gpt2 --kind heatmap --range 0:64
          gptscope posenc --model models/gpt2 --compare --out output/gpt2-pos.svg
          gptscope posenc --model models/gpt2 --kind curves --dims 0,1,138,447
          gptscope posenc --kind rotary --head-dim 64
          gptscope posenc --kind rotary-frequencies --rope-theta 500000 --rope-scaling llama3 --factor 8
          gptscope posenc --kind rotary-frequencies --model models/SmolLM2-135M
          gptscope posenc --compare --kind heatmap --rotary-model models/SmolLM2-135M
        """
    )

    @OptionGroup var language: LanguageOption

    @OptionGroup(title: "Rotary positions") var rope: RotaryOptions

    @Option(help: "Width of the sinusoidal encoding (even).")
    var dModel: Int?

    @Option(help: "Number of positions of the sinusoidal encoding (with --model: the first N positions).")
    var positions: Int?

    @Option(help: ArgumentHelp("A GPT-1/GPT-2 checkpoint directory: draw its learned position embeddings (wpe).", valueName: "DIR"))
    var model: String?

    @OptionGroup var nonFinite: NonFiniteOption

    @Flag(help: "Put the sinusoidal encoding and the model's learned one side by side (default model: the built-in one).")
    var compare = false

    @Option(help: "Which picture: heatmap, curves, similarity or all; rotary-frequencies, rotary-angles, rotary-distance or rotary.")
    var kind: String = "all"

    @Option(help: ArgumentHelp("Only positions A to B-1, e.g. 0:64 or 900: (Python slice).", valueName: "A:B"))
    var range: String?

    @Option(help: "Similarity measure for --kind similarity: cosine or dot.")
    var measure: String = "cosine"

    @Option(help: ArgumentHelp("Dimensions to draw as curves, comma-separated (default: chosen for you).", valueName: "LIST"))
    var dims: String?

    @Option(help: ArgumentHelp("Output file (.png, .svg or .pdf).", valueName: "PATH"))
    var out: String?

    /// The largest --positions and --d-model drawn.
    static let maximumPositions = 8192, maximumWidth = 16384

    func validate() throws {
        if let dModel, dModel <= 0 || dModel % 2 != 0 {
            throw ValidationError("--d-model must be a positive even number (sine and cosine come in pairs), got \(dModel); try --d-model 512")
        }
        if let positions, positions < 1 { throw ValidationError("--positions must be at least 1, got \(positions); try --positions 100") }
        // The similarity picture holds positions² cells; beyond these sizes it is neither
        // readable nor small enough to keep in memory.
        if let positions, positions > Self.maximumPositions {
            throw ValidationError("--positions must be at most \(Self.maximumPositions) (GPT-2's context is 1,024), got \(positions); use --range A:B to look at part of it")
        }
        if let dModel, dModel > Self.maximumWidth {
            throw ValidationError("--d-model must be at most \(Self.maximumWidth) (GPT-3's is 12,288), got \(dModel)")
        }
        if model == nil, (positions ?? 100) * (dModel ?? 512) > 1 << 23 {
            throw ValidationError("--positions × --d-model must be at most 8,388,608 cells, got \(NumberFormat.thousands((positions ?? 100) * (dModel ?? 512))); use fewer positions or a smaller width")
        }
        if model != nil, dModel != nil {
            throw ValidationError("--d-model is the checkpoint's own width with --model; leave it out (or drop --model for a sinusoidal-only picture)")
        }
        if compare, model == nil, dModel != nil {
            throw ValidationError("--compare uses the model's own width; leave out --d-model (the built-in model is compared when --model is not given)")
        }
        guard kind == "all" || PositionalFigureKind(rawValue: kind) != nil || rotaryKinds != nil else {
            throw ValidationError("--kind must be heatmap, curves, similarity or all (rotary: rotary-frequencies, rotary-angles, rotary-distance or rotary), got '\(kind)'")
        }
        if rotaryKinds != nil, compare {
            throw ValidationError("--compare draws the three encodings as heatmaps; use --kind heatmap (or all) with it, or drop --compare for the rotary figures")
        }
        if rotaryKinds != nil, model != nil, rope.rotaryModel != nil || rope.givesSettings {
            throw ValidationError("--model gives the rotary settings from its config.json; leave out --rotary-model, --rope-theta, --head-dim and --rope-scaling")
        }
        guard SimilarityMeasure(rawValue: measure) != nil else { throw ValidationError("--measure must be cosine or dot, got '\(measure)'") }
        if let range { _ = try ErrorMessages.phrasing { try PositionRange.bounds(range) } }
        _ = try parsedDimensions()
        try FigurePath.check(out, option: "--out")
    }

    func run() async throws {
        if let rotaryKinds { return try drawRotary(rotaryKinds) }
        let kinds = kind == "all" ? PositionalFigureKind.allCases : [PositionalFigureKind(rawValue: kind)].compactMap { $0 }
        let similarity = SimilarityMeasure(rawValue: measure) ?? .cosine
        let dimensions = try parsedDimensions()
        var session: ModelSession?
        var stem: String
        if model != nil || compare {
            // --compare without --model compares with the built-in model.
            let opened = try await nonFinite.openSession(model)
            // A rotary model has no wpe table to draw (its shape was read as [n_positions, C] and trapped).
            guard opened.model.embedding.hasPositionTable else {
                throw ValidationError("\(opened.name) uses rotary positions and has no learned position table (wpe); "
                    + "use --kind rotary to draw its rotary angles" + (compare ? ", or --rotary-model \(model ?? "DIR") with --compare and a GPT-2 --model" : ""))
            }
            session = opened
            stem = compare ? "posenc-compare-\(opened.name)" : "posenc-\(opened.name)-wpe"
        } else {
            stem = "posenc-sinusoidal-d\(dModel ?? 512)"
        }
        let table = session?.model.embedding.positionTable.shape  // [n_positions, C]
        let count = table?[0] ?? positions ?? 100
        let width = table?[1] ?? dModel ?? 512
        var shown = try PositionRange.parse(range ?? ":\(count)", count: count)
        if let positions, session != nil, range == nil { shown = 0..<min(positions, count) }
        // Refused before any table is built: a long context's similarity is positions² values.
        let panels = compare ? 3 : 1
        let budget = try MemoryCheck.budget()
        var estimate = PositionalEncodingFigure.memory(kinds, positions: shown.count, dimensions: width, panels: panels)
        if !budget.fits(estimate) {
            let most = budget.largest(upTo: shown.count - 1) { PositionalEncodingFigure.memory(kinds, positions: $0, dimensions: width, panels: panels) }
            estimate.hints = [.fewerPositions(maximum: most)]
            try MemoryCheck.check(estimate)
        }
        let cut = try session.map { try PositionTable.learned($0.model, modelName: $0.name, positions: shown) }
        let sinusoidal = cut != nil && !compare ? nil : try PositionTable.sinusoidal(range: shown, dModel: width)
        if shown.count > 512 { Console.note("Drawing \(shown.count) positions…") }

        for k in kinds {
            let figure: Figure
            if compare, k == .heatmap, let cut, let sinusoidal {
                figure = RotaryFigure.comparison(sinusoidal: sinusoidal, learned: cut, rotary: RotaryPositions(try rope.rotary()))
            } else if compare, k == .similarity, let cut, let sinusoidal {
                figure = RotaryFigure.similarityComparison(sinusoidal: sinusoidal, learned: cut, rotary: RotaryPositions(try rope.rotary()),
                                                           measure: similarity)
            } else if compare, let cut, let sinusoidal {
                figure = try PositionalEncodingFigure.comparison(k, sinusoidal: sinusoidal, learned: cut, measure: similarity, dimensions: dimensions)
            } else if let only = cut ?? sinusoidal {
                figure = try PositionalEncodingFigure.figure(k, only, measure: similarity, dimensions: dimensions)
            } else {
                continue
            }
            let url = outputURL(stem: stem, kind: k.rawValue, single: kinds.count == 1)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try figure.localized(language.language).write(to: url)
            Console.note("Wrote \(url.relativePath)")
        }
    }

    /// `--out` as given for one kind; with several kinds the kind goes before the extension.
    private func outputURL(stem: String, kind: String, single: Bool) -> URL {
        guard let out else { return URL(fileURLWithPath: "output/\(stem).\(kind).png") }
        let url = URL(fileURLWithPath: out)
        if single { return url }
        let ext = url.pathExtension
        return url.deletingPathExtension().appendingPathExtension(kind).appendingPathExtension(ext)
    }

    /// The rotary figures asked for by `--kind`, nil for the others.
    private var rotaryKinds: [RotaryFigureKind]? {
        kind == "rotary" ? RotaryFigureKind.allCases : RotaryFigureKind(rawValue: kind).map { [$0] }
    }

    /// Draws the rotary figures of `--model DIR`'s configuration or of the rotary flags.
    private func drawRotary(_ kinds: [RotaryFigureKind]) throws {
        let rotary: RotaryEmbedding
        if let model {
            guard let found = try RotaryOptions.rotary(ofModel: model) else {
                throw ValidationError("\(model) has learned positions (wpe), not rotary ones; draw it with --kind heatmap|curves|similarity, or give a Llama, Qwen2 or GPT-NeoX folder")
            }
            rotary = found
        } else {
            rotary = try rope.rotary()
        }
        let rotaryPositions = RotaryPositions(rotary)
        // Rotary angles have no table and no context limit: any window of positions can be drawn.
        let (lower, upper) = try range.map { try PositionRange.bounds($0) } ?? (nil, nil)
        let start = lower ?? 0, end = upper ?? start + (positions ?? 128)
        guard start < end, end - start <= Self.maximumPositions else {
            throw ValidationError("--range must hold 1 to \(Self.maximumPositions) positions for the rotary figures, got \(start):\(end); try --range 0:128")
        }
        let shown = start ..< end
        let stem = "posenc-rotary-d\(rotary.dimensions)" + (rotary.scaling == .none ? "" : "-\(rotary.scaling.name)")
        for k in kinds {
            let figure = switch k {
            case .frequencies: RotaryFigure.frequencies(rotaryPositions)
            case .angles: RotaryFigure.angles(rotaryPositions, positions: shown)
            case .distance: RotaryFigure.distance(rotaryPositions, distances: positions ?? 256)
            }
            let url = outputURL(stem: stem, kind: k.rawValue, single: kinds.count == 1)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try figure.localized(language.language).write(to: url)
            Console.note("Wrote \(url.relativePath)")
        }
    }

    private func parsedDimensions() throws -> [Int]? {
        guard let dims else { return nil }
        return try ListOption.naturalNumbers(dims, problem: "--dims must be comma-separated dimension numbers, e.g. --dims 0,1,64,65")
    }
}
