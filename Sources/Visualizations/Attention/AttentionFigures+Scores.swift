import Charts
import Foundation

extension AttentionFigures {
    /// The kinds scored for these ids: previous-, first- and current-token always; duplicate-token
    /// and induction only when the prompt gives them a query to score (a token that occurred earlier).
    public static func scoreKinds(ids: [Int]) -> [HeadScoreKind] {
        [.previousToken, .firstToken, .currentToken, .duplicateToken, .induction].filter {
            !$0.needsRepeats || !$0.targets(ids: ids).isEmpty
        }
    }

    /// Head scores (see ``HeadScores``: 1 = ideal head, ``HeadScores/chance`` = uniform head) for
    /// every layer × head, one `HeadScores` per kind (nil: `scoreKinds(ids:)`).
    /// `repeatQueries` as in ``HeadScoreKind/targets(ids:repeatQueries:)``.
    ///
    /// Computed one layer at a time, so a full-context prompt never holds every layer's weights.
    public static func headScores(_ analysis: PromptAnalysis, kinds: [HeadScoreKind]? = nil,
                                  repeatQueries: Range<Int>? = nil) throws -> [HeadScores] {
        let ids = analysis.tokens.ids
        let chosen = kinds ?? scoreKinds(ids: ids)
        let targets = chosen.map { $0.targets(ids: ids, repeatQueries: repeatQueries) }
        var rows = [[[Double]]](repeating: [], count: chosen.count)
        for layer in 0..<analysis.model.configuration.layerCount {
            let p = try pattern(analysis, layer: layer)
            guard p.tokens == ids.count else { throw AttentionFigureError.analysis(.tokenCountMismatch(ids: ids.count, tokens: p.tokens)) }
            for i in chosen.indices { rows[i].append([]) }
            for h in 0..<p.heads {
                // Targets are sparse: a short sum per query, read in place (never a whole [T, T]).
                for i in chosen.indices {
                    let sum = targets[i].reduce(0.0) { total, target in
                        target.keys.reduce(total) { $0 + p[h, target.query, $1] }
                    }
                    rows[i][layer].append(targets[i].isEmpty ? 0 : sum / Double(targets[i].count))
                }
            }
        }
        return chosen.indices.map {
            HeadScores(kind: chosen[$0], scores: rows[$0], chance: HeadScores.chance(targets[$0]), queries: targets[$0].count)
        }
    }

    /// How a kind's score is computed, in one English sentence (the figure's footnote line).
    public static func scoreDefinition(_ kind: HeadScoreKind, queries: Int, repeatQueries: Range<Int>? = nil) -> String {
        ScoreWords.how(kind, queries: queries, repeatQueries: repeatQueries)
    }

    /// How to get a prompt that repeats tokens, in words.
    public static let defaultRepeatSuggestion = "try a random sequence of 50 tokens written twice"

    /// The head-score figure's words, in one place (plain English literals; the figure reads them here).
    enum ScoreWords {
        static let title = "head scores: which heads do what"
        static let definition = "Score = mean attention a head puts where an ideal head of that kind looks: 1 = ideal head; chance = a head that spreads its attention evenly."
        static let marked = "★ = at least halfway from chance to 1 (the bar), on 5 or more scored queries: only these heads are named after the kind."
        static let named = "Named"
        static let noneNamed = "no head clears its bar"
        static func panel(_ kind: String, chance: String, bar: String) -> String { "\(kind) · chance \(chance) · bar \(bar)" }
        static func namedHead(_ kind: String) -> String { "\(kind) head" }
        static let chance = "Chance = the score of uniform attention over keys 0…q: the mean, over the scored queries, of (number of target keys) / (q + 1). Bar = (1 + chance) / 2."
        static let colorbar = "score (1 = ideal head)"
        static let axisHead = "head", axisLayer = "layer"
        static func needsRepeats(_ suggestion: String) -> String {
            "Duplicate-token and induction scores need a prompt that repeats tokens (\(suggestion))."
        }
        static func count(_ queries: Int) -> String { queries == 1 ? "1 query" : "\(queries) queries" }
        static func how(_ kind: HeadScoreKind, queries: Int, repeatQueries: Range<Int>?) -> String {
            let window = repeatQueries.map { " in positions \($0.lowerBound)–\($0.upperBound - 1)" } ?? ""
            switch kind {
            case .previousToken: return "previous-token: mean over queries 1…T−1 of the weight on position q−1."
            case .firstToken: return "first-token: mean over queries 1…T−1 of the weight on position 0."
            case .currentToken: return "current-token: mean over queries 1…T−1 of the weight on position q itself."
            case .duplicateToken: return "duplicate-token: mean over the \(count(queries))\(window) whose token occurred earlier of the weight on those earlier occurrences."
            case .induction: return "induction: mean over the \(count(queries))\(window) whose token occurred earlier of the weight on the token right after each earlier occurrence."
            }
        }
    }

    /// Head scores as layers × heads heatmaps, one panel per kind, values in the cells; each panel
    /// names its chance level and its bar (``HeadScores/threshold``), heads that clear the bar are
    /// starred and listed in the subtitle; the footnote says how each score is computed.
    ///
    /// Without repeated tokens the footnote says how to get them: `repeatSuggestion`, which a
    /// front end phrases with its own option (the default says it in words).
    public static func headScoresFigure(_ analysis: PromptAnalysis, kinds: [HeadScoreKind]? = nil, repeatQueries: Range<Int>? = nil,
                                        repeatSuggestion: String = defaultRepeatSuggestion) throws -> Figure {
        let scores = try headScores(analysis, kinds: kinds, repeatQueries: repeatQueries)
        let c = analysis.model.configuration
        let mapping = ColorMapping(normalize: .linear(0, 1), colormap: .magma)
        let columns = min(3, scores.count)
        let rows = (scores.count + columns - 1) / columns
        // Cells about as wide as tall: a panel's plot area follows the layers × heads grid.
        let cell = max(34, min(56, 330 / Double(max(c.headCount, c.layerCount))))
        let measurer = try TextMeasurer()
        let titles = scores.map { ScoreWords.panel($0.kind.description, chance: Self.scoreText($0.chance), bar: Self.scoreText($0.threshold)) }
        // Wide enough for the panel titles (chance and bar must stay readable on a 2-head model).
        let panelWidth = max(cell * Double(c.headCount) + 70, measurer.maxWidth(titles, Theme.standard.axesTitleFont) + 16)
        let panelHeight = cell * Double(c.layerCount) + 62
        var figure = Figure(width: max(640, panelWidth * Double(columns) + 30 * Double(columns - 1) + 130), height: 100,
                            title: "\(analysis.modelName) · \(ScoreWords.title)")
        // At most three heads per kind, so a large model's list stays one line per kind at most.
        let named = scores.compactMap { s -> String? in
            let heads = s.named()
            guard !heads.isEmpty else { return nil }
            let shown = heads.prefix(3).map { "L\($0.layer)H\($0.head) \(Self.scoreText($0.score))" }.joined(separator: ", ")
            return "\(ScoreWords.namedHead(s.kind.description)) " + shown + (heads.count > 3 ? " (+\(heads.count - 3))" : "")
        }
        figure.subtitle = [promptLine(analysis, range: 0..<analysis.tokens.count), ScoreWords.definition, ScoreWords.marked,
                           "\(ScoreWords.named): " + (named.isEmpty ? ScoreWords.noneNamed : named.joined(separator: " · "))]
            .joined(separator: "\n")
        figure.spacing = Size(30, 26)
        for (i, s) in scores.enumerated() {
            let heatmap = Heatmap(rows: s.scores.count, columns: c.headCount, values: s.scores.flatMap { $0 }, mapping: mapping,
                                  rowLabels: (0..<s.scores.count).map { "L\($0)" }, columnLabels: (0..<c.headCount).map { "H\($0)" },
                                  showValues: true, format: { v in Self.scoreText(v) + (s.clears(v) ? "★" : "") })
            var axes = Axes(title: titles[i],
                            x: Axis(label: ScoreWords.axisHead, kind: .band, grid: false),
                            y: Axis(label: ScoreWords.axisLayer, kind: .band, grid: false))
            axes.add(heatmap)
            axes.legend = .none
            // On a grid of half-columns, so a short last row (2 panels under 3) is centred
            // instead of leaving an empty slot at its end.
            let row = i / columns, inRow = min(columns, scores.count - row * columns)
            figure.add(axes, row: row, column: 2 * (i % columns) + (columns - inRow), columnSpan: 2)
        }
        figure.colorbar = Colorbar(mapping: mapping, label: ScoreWords.colorbar)
        var notes = scores.map { ScoreWords.how($0.kind, queries: $0.queries, repeatQueries: $0.kind.needsRepeats ? repeatQueries : nil) }
        notes.append(ScoreWords.chance)
        if !scores.contains(where: { $0.kind.needsRepeats }) { notes.append(ScoreWords.needsRepeats(repeatSuggestion)) }
        figure.footnote = notes.joined(separator: "\n")
        figure.height = figure.height(fittingPanelHeight: panelHeight * Double(rows) + figure.spacing.height * Double(rows - 1),
                                      measurer: measurer)
        return figure
    }

    /// ".82": two decimals without the leading zero (cells are narrow); "1.00" stays as is.
    static func scoreText(_ v: Double) -> String {
        String(format: "%.2f", v).replacingOccurrences(of: "0.", with: ".")
    }
}
