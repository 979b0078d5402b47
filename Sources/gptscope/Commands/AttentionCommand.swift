import ArgumentParser
import Charts
import Foundation
import GPTModel
import Visualizations

/// `gptscope attention`: draw where a model's attention heads look, from one head to the whole model.
struct AttentionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attention",
        abstract: "Draw attention patterns: one head, a layer, the whole model, rollout, head view, head scores.",
        discussion: """
        An attention pattern says, for every position of the prompt (a query, one ROW), how \
        much it looks at each earlier position (a key, one COLUMN). Each row's weights are \
        positive and sum to 1. GPT models are causal: a token cannot look at later tokens, so \
        everything right of the diagonal is masked and drawn light grey ("masked (future)"), \
        which is not the same as a weight of 0. Read a row left to right to see where that \
        token gathers information from; a bright diagonal means "attend to myself", a bright \
        line just below it "attend to the previous token", a bright first column "park \
        attention on the first token".

        Kinds (--kind):
          head      one head as a heatmap (weights in the cells for short prompts);
                    --head induction (or previous-token, duplicate-token,
                    first-token, current-token) draws the head with the
                    highest such score on this prompt, found at run time
          layer     every head of --layer as a grid
          model     every layer × head as thumbnails (rows L0.., columns H0..)
          mean, max each layer's heads averaged / maxed, one panel per layer
          rollout   attention rollout (Abnar & Zuidema 2020): how much of each
                    position's state after layer L traces back to each token
          headview  BertViz-style lines from queries (left) to keys (right),
                    one panel per head; --head 1,4 picks heads, --query Q
                    follows one position; the first 64 positions, or up
                    to 128 of --range
          scores    previous-token, first-token, current-token, duplicate-token
                    and induction score of every head: tables and a chart.
                    A score is the mean attention a head puts where an ideal
                    head of that kind looks (1 = ideal; a head attending
                    evenly scores the printed chance level). A head is called
                    e.g. an induction head only at or above its bar, halfway
                    from chance to 1, on 5 or more scored queries. With
                    --repeat, duplicate-token and
                    induction score the queries of the second copy only.
          softmax   the softmax step of --layer/--head: scaled scores with the
                    mask, the pattern, and value-weighted ‖α·v‖, on one token axis

        Colours (--scale, for head, layer, model, mean, max, rollout): each row \
        sums to 1, so weights shrink as the prompt grows; spread evenly over 128 \
        tokens each gets 1/128 ≈ 0.008, as dark as 0 on a linear scale.
          sqrt      colour ∝ √weight (default): 0 stays darkest and order is kept,
                    but small weights lift (0.01 → 10% of the bar, 0.25 → 50%)
          linear    colour ∝ weight: sizes compare honestly, long prompts go dark
          log       colour ∝ log10 weight from 0.0001 (darkest) to 1: every order
                    of magnitude shows, faint attention looks as loud as strong
        The colorbar is drawn through the same mapping, so its labels stay true.

        --repeat N builds the classic induction test: N random tokens, then the \
        same N again, after --prompt/--ids if given, else after the tokenizer's \
        start token (<|endoftext|> for GPT-2 and the built-in model; a note says \
        when a tokenizer has none). The random tokens are whole, printable tokens \
        (a space and a word where the vocabulary has enough), all different, so \
        labels show words, never byte fragments. Induction heads light up in the \
        second half. --range A:B shows only \
        positions A..B-1 (queries and keys) of a long prompt. Attention weights \
        show where information moves, not why a model decides: they are not \
        explanations.

        Examples:
          gptscope attention --model models/gpt2 --prompt "The cat sat on the mat" \\
              --layer 5 --head 1
          gptscope attention --model models/gpt2 --prompt "The cat sat on the mat" \\
              --kind model --out output/attention.model.png
          gptscope attention --model models/gpt2 --repeat 50 --kind scores
          gptscope attention --repeat 30 --head induction
          gptscope attention --head previous-token --kind softmax
          gptscope attention --kind layer --layer 1 --scale log
          gptscope attention --model models/gpt2 --repeat 50 --layer 5 --head 5 \\
              --range 40:80
          gptscope attention --model models/gpt2 --kind headview --layer 9 \\
              --head 6,9 --query 8 --prompt "When Mary and John went to the store" \\
              --out output/headview.svg
        """
    )

    @OptionGroup var input: ModelInputOptions
    @OptionGroup var language: LanguageOption

    @Option(name: .customLong("repeat"), help: "Use N random tokens repeated twice as the prompt (after --prompt/--ids if given).")
    var repeatLength: Int?

    @Option(help: "Seed of the random tokens of --repeat.")
    var seed: UInt64 = 0

    @Option(help: "What to draw (see the kinds above).")
    var kind: Kind = .head

    @Option(help: "Layer (0-based) for head, layer, headview and softmax (default: 0, or with --head KIND the best head's layer).")
    var layer: Int?

    @Option(help: ArgumentHelp("Head (0-based) for head and softmax; for headview one or more, comma-separated (default: all). Or a score kind (previous-token, induction, duplicate-token, first-token, current-token): the head with the highest such score on this prompt, within --layer if given.",
                               valueName: "head"))
    var head: String?

    @Option(help: "Headview: highlight this query position and draw only its lines.")
    var query: Int?

    @Option(help: "Colour scale of the grids: sqrt (default), linear or log (see Colours above).")
    var scale: AttentionColorScale?

    @Option(help: "Show only positions A..B-1, written A:B (e.g. 0:64).")
    var range: String?

    @Option(help: "Output file (.png, .svg or .pdf). Default: output/attention.<what>.png")
    var out: String?

    @Flag(help: "With --kind scores: print the scores, chance levels and bars as JSON instead of tables.")
    var json = false

    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case head, layer, model, mean, max, rollout, headview, scores, softmax
    }

    func validate() throws {
        if repeatLength == nil { try input.requirePrompt(" or --repeat N") }
        if let repeatLength, repeatLength < 1 { throw ValidationError("--repeat needs a positive number of tokens, e.g. --repeat 50") }
        if let layer, layer < 0 { throw ValidationError("--layer must be 0 or more") }
        if let head, HeadScoreKind(rawValue: head) != nil {
            guard [.head, .headview, .softmax].contains(kind) else {
                throw ValidationError("--head \(head) picks one head by score, for --kind head, headview or softmax; --kind \(kind.rawValue) draws no single head")
            }
        }
        if let query {
            guard kind == .headview else { throw ValidationError("--query is for --kind headview (it picks the query whose lines are drawn)") }
            guard query >= 0 else { throw ValidationError("--query must be a position, 0 or more") }
        }
        if let head, HeadScoreKind(rawValue: head) == nil, try Self.heads(head).count > 1, kind != .headview {
            throw ValidationError("--head takes one head for --kind \(kind.rawValue); several heads (--head 1,4) are for --kind headview")
        }
        if json && kind != .scores { throw ValidationError("--json is for --kind scores (it prints the head scores as JSON)") }
        if let scale, kind == .headview || kind == .scores {
            throw ValidationError("--scale \(scale.rawValue) colours the attention grids (--kind head, layer, model, mean, max, rollout), not --kind \(kind.rawValue); drop --scale")
        }
        if let range { _ = try Self.parseRange(range) }
        try FigurePath.check(out, option: "--out")
    }

    func run() async throws {
        let clock = ContinuousClock()
        let session = try await input.openSession()
        let ids = try promptIDs(session)
        let name = session.directory.standardizedFileURL.lastPathComponent
        let scoreKind = head.flatMap(HeadScoreKind.init(rawValue:))
        // Picking a head by score needs every layer's patterns first; the softmax step then
        // needs that layer's scores and values too (recorded for every layer: one pass).
        let hooks = kind == .softmax
            ? (scoreKind == nil ? AttentionFigures.softmaxStepHooks(layer: layer ?? 0)
                                : HookFilter(patterns: ["blocks.*.attn.hook_attn_scores", "blocks.*.attn.hook_pattern", "blocks.*.attn.hook_v"]))
            : HookFilter(patterns: ["blocks.*.attn.hook_pattern"])
        try session.checkForwardMemory(tokens: ids.count, hooks: hooks)
        Console.note("Running \(ids.count) tokens through \(name) (\(session.model.configuration.layerCount) layers × \(session.model.configuration.headCount) heads)…")
        var start = clock.now
        let analysis = try PromptAnalysis.run(model: session.model, modelName: name, ids: ids, tokenizer: session.tokenizer,
                                              hooks: hooks)
        let forward = clock.now - start
        start = clock.now
        let positions = try range.map(Self.parseRange)
        var layer = self.layer ?? 0
        var heads = try head.flatMap { HeadScoreKind(rawValue: $0) == nil ? try Self.heads($0) : nil }
        if let scoreKind {
            let best = try bestHead(scoreKind, analysis: analysis, ids: ids)
            layer = best.layer
            heads = [best.head]
        }
        let figure: Figure
        let colours = scale ?? .standard
        switch kind {
        case .head: figure = try AttentionFigures.head(analysis, layer: layer, head: heads?.first ?? 0, range: positions, scale: colours)
        case .layer: figure = try AttentionFigures.layer(analysis, layer: layer, range: positions, scale: colours)
        case .model: figure = try AttentionFigures.model(analysis, range: positions, scale: colours)
        case .mean: figure = try AttentionFigures.aggregate(analysis, kind: .mean, range: positions, scale: colours)
        case .max: figure = try AttentionFigures.aggregate(analysis, kind: .max, range: positions, scale: colours)
        case .rollout: figure = try AttentionFigures.aggregate(analysis, kind: .rollout, range: positions, scale: colours)
        case .softmax: figure = try AttentionFigures.softmaxStep(analysis, layer: layer, head: heads?.first ?? 0, range: positions)
        case .headview: figure = try AttentionFigures.headView(analysis, layer: layer, heads: heads, query: query, range: positions)
        case .scores:
            // --repeat: duplicate-token and induction score the second copy only (ids end in r + r).
            let second = repeatLength.map { ids.count - $0..<ids.count }
            let scores = try AttentionFigures.headScores(analysis, repeatQueries: second)
            if json {
                print(try ModelJSON.text(HeadScoresDocument(model: name, tokens: ids.count, scores: scores, repeatQueries: second)))
            } else {
                print(Self.scoreTables(scores))
            }
            figure = try AttentionFigures.headScoresFigure(analysis, repeatQueries: second, repeatSuggestion: "try --repeat 50")
        }
        let path = out ?? "output/attention.\(defaultName(heads, layer: layer)).png"
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try figure.localized(language.language).write(to: url)
        let drawn = clock.now - start
        Console.note("Wrote \(path) (forward pass \(Self.seconds(forward)), figure \(Self.seconds(drawn)))")
    }

    /// The ids: the prompt or ids, or the repeated random tokens after them.
    private func promptIDs(_ session: ModelSession) throws -> [Int] {
        let c = session.model.configuration
        guard let repeatLength else {
            // The built-in model has an example prompt; other checkpoints need one.
            return try input.tokens(in: session)
        }
        var prefix: [Int] = []
        if input.hasPrompt {
            prefix = try session.tokens(prompt: input.prompt, ids: input.ids, truncate: false)
        } else if let start = session.tokenizer?.sequenceStartToken {
            prefix = [start.id]  // GPT-2's <|endoftext|> doubles as its BOS; TransformerLens prepends it too
        } else {
            Console.note("\(session.name) has \(session.tokenizer == nil ? "no tokenizer" : "no <|endoftext|> or other start token"), so the random tokens start the prompt.")
        }
        // Compared by division, so a --repeat near Int.max cannot overflow 2 × N.
        let most = max(0, c.contextLength - prefix.count) / 2
        guard repeatLength <= most else {
            let total = Double(prefix.count) + 2 * Double(repeatLength)
            throw ValidationError("--repeat \(repeatLength) makes \(total < 1e15 ? NumberFormat.thousands(Int(total)) : String(format: "%.3g", total)) tokens, more than the context of \(c.contextLength); use --repeat \(most) or less")
        }
        let candidates = RepeatedTokensPrompt.candidates(session.tokenizer, vocabularySize: c.vocabularySize)
        let all = RepeatedTokensPrompt.ids(length: repeatLength, candidates: candidates, seed: seed, prefix: prefix)
        try session.model.validate(all)
        return all
    }

    /// The head with the highest `kind` score on this prompt (within --layer if given), announced
    /// with its score, chance and bar so the pick can be checked; refused when no head was scored.
    private func bestHead(_ kind: HeadScoreKind, analysis: PromptAnalysis, ids: [Int]) throws -> (layer: Int, head: Int) {
        let second = repeatLength.map { ids.count - $0..<ids.count }
        let scores = try AttentionFigures.headScores(analysis, repeatQueries: second)
        guard let table = scores.first(where: { $0.kind == kind }), table.queries > 0 else {
            throw ValidationError("no query of this prompt can show a \(kind) head (it needs \(kind.needsRepeats ? "a repeated token" : "2 or more tokens")); try --repeat 30")
        }
        if let layer, layer >= table.scores.count {
            throw ValidationError("--layer \(layer) is outside this model's \(table.scores.count) layers (0...\(table.scores.count - 1))")
        }
        let heads = table.scores.reduce(0) { $0 + $1.count }
        guard let best = table.top(heads).first(where: { layer == nil || $0.layer == layer }) else {
            throw ValidationError("this model has no heads to score")
        }
        let headPhrase = "\(HeadScoreKind.indefiniteArticle(before: kind.rawValue)) \(kind) head"
        let verdict = table.clears(best.score) ? headPhrase : "below the bar for calling it \(headPhrase)"
        Console.note("Layer \(best.layer), head \(best.head): the highest \(kind) score\(layer == nil ? "" : " in layer \(best.layer)") on this prompt, "
            + "\(String(format: "%.2f", best.score)) (chance \(String(format: "%.2f", table.chance)), bar \(String(format: "%.2f", table.threshold)); \(verdict), over \(table.queries) queries)")
        return (best.layer, best.head)
    }

    private func defaultName(_ heads: [Int]?, layer: Int) -> String {
        switch kind {
        case .head: return "L\(layer).H\(heads?.first ?? 0)"
        case .softmax: return "softmax.L\(layer).H\(heads?.first ?? 0)"
        case .layer: return "L\(layer)"
        case .headview: return "headview.L\(layer)" + (heads.map { ".H" + $0.map(String.init).joined(separator: "-") } ?? "")
        default: return kind.rawValue
        }
    }

    /// Parses "A:B" into A..<B.
    static func parseRange(_ text: String) throws -> Range<Int> {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let a = Int(parts[0]), let b = Int(parts[1]), a >= 0, b > a else {
            throw ValidationError("--range must be A:B with 0 ≤ A < B (positions A to B-1), e.g. --range 0:64; got '\(text)'")
        }
        return a..<b
    }

    /// Parses "3" or "1,4,7" into head indices.
    static func heads(_ text: String) throws -> [Int] {
        try ListOption.naturalNumbers(text, problem: "--head must be a head number or a comma-separated list, e.g. --head 3 or --head 1,4")
    }

    /// One layers × heads table per score kind, its chance level and bar, then the heads that
    /// clear the bar (or the five best, unnamed, when none does).
    static func scoreTables(_ scores: [HeadScores]) -> String {
        var sections: [String] = []
        for s in scores {
            let heads = s.scores.first?.count ?? 0
            var table = TextTable(columns: [TextTable.Column("layer")] + (0..<heads).map { TextTable.Column("H\($0)", alignment: .right) })
            for (l, row) in s.scores.enumerated() { table.add(["L\(l)"] + row.map { String(format: "%.2f", $0) }) }
            func list(_ heads: [(layer: Int, head: Int, score: Double)]) -> String {
                heads.map { "L\($0.layer)H\($0.head) \(String(format: "%.2f", $0.score))" }.joined(separator: ", ")
            }
            let named = s.named()
            let verdict = named.isEmpty
                ? (s.queries < HeadScores.minimumQueries
                    ? "  too few scored queries (fewer than \(HeadScores.minimumQueries)) to name any \(s.kind) head; best: "
                    : "  no \(s.kind) head (none reaches \(String(format: "%.2f", s.threshold))); best: ") + list(s.top(5))
                : "  \(s.kind) heads: " + list(named)
            sections.append("\(s.kind) score per head (1 = ideal head, chance \(String(format: "%.2f", s.chance)) = uniform attention, "
                + "bar \(String(format: "%.2f", s.threshold)) = halfway from chance to 1; \(s.queries) queries scored):\n"
                + table.render() + "\n" + verdict)
        }
        return sections.joined(separator: "\n\n")
    }

    static func seconds(_ d: Duration) -> String {
        let s = Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        return String(format: "%.2f s", s)
    }
}

extension AttentionColorScale: ExpressibleByArgument {}
