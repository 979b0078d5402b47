import Charts
import Foundation

extension AttentionFigures {
    /// The kinds scored for these ids: previous-, first- and current-token always; duplicate-token
    /// and induction only when some token occurs twice (otherwise they are 0 by definition).
    public static func scoreKinds(ids: [Int]) -> [HeadScoreKind] {
        var kinds: [HeadScoreKind] = [.previousToken, .firstToken, .currentToken]
        if Set(ids).count < ids.count { kinds += [.duplicateToken, .induction] }
        return kinds
    }

    /// Head scores (TransformerLens head-detector definitions, "mul" measure, nothing excluded)
    /// for every layer × head, one `HeadScores` per kind (nil: `scoreKinds(ids:)`).
    ///
    /// Computed one layer at a time, so a full-context prompt never holds every layer's weights.
    public static func headScores(_ analysis: PromptAnalysis, kinds: [HeadScoreKind]? = nil) throws -> [HeadScores] {
        let ids = analysis.tokens.ids
        let chosen = kinds ?? scoreKinds(ids: ids)
        // Detection patterns are sparse 0/1 matrices: keep the indices of their ones, so a score
        // is one pass for Σ P and a short sum over the hits (Σ(P ⊙ D) / Σ P).
        let hits: [[Int]] = chosen.map { kind in
            let d = kind.detectionPattern(ids: ids)
            return d.indices.filter { d[$0] != 0 }
        }
        var rows = [[[Double]]](repeating: [], count: chosen.count)
        for layer in 0..<analysis.model.configuration.layerCount {
            let p = try pattern(analysis, layer: layer)
            guard p.tokens == ids.count else { throw AttentionFigureError.analysis(.tokenCountMismatch(ids: ids.count, tokens: p.tokens)) }
            let size = p.tokens * p.tokens
            for i in chosen.indices { rows[i].append([]) }
            p.weights.withUnsafeBufferPointer { w in
                for h in 0..<p.heads {
                    let head = w[(h * size)..<((h + 1) * size)]
                    let total = head.reduce(0, +)
                    for i in chosen.indices {
                        let hit = hits[i].reduce(0.0) { $0 + head[h * size + $1] }
                        rows[i][layer].append(total > 0 ? hit / total : 0)
                    }
                }
            }
        }
        return zip(chosen, rows).map { HeadScores(kind: $0, scores: $1) }
    }

    /// How to get a prompt that repeats tokens, in words.
    public static let defaultRepeatSuggestion = "try a random sequence of 50 tokens written twice"

    /// Head scores as layers × heads heatmaps, one panel per kind, values in the cells, with the
    /// best head of each kind in the subtitle.
    ///
    /// Without repeated tokens the footnote says how to get them: `repeatSuggestion`, which a
    /// front end phrases with its own option (the default says it in words).
    public static func headScoresFigure(_ analysis: PromptAnalysis, kinds: [HeadScoreKind]? = nil,
                                        repeatSuggestion: String = defaultRepeatSuggestion) throws -> Figure {
        let scores = try headScores(analysis, kinds: kinds)
        let c = analysis.model.configuration
        let mapping = ColorMapping(normalize: .linear(0, 1), colormap: .magma)
        let columns = min(3, scores.count)
        let rows = (scores.count + columns - 1) / columns
        let panel = max(240, min(420, 28 * Double(max(c.headCount, c.layerCount)) + 90))
        var figure = Figure(width: panel * Double(columns) + 130, height: (panel + 10) * Double(rows) + 170,
                            title: "\(analysis.modelName) · head scores: which heads do what")
        let best = scores.compactMap { s in s.top(1).first.map { "\(s.kind) L\($0.layer)H\($0.head) \(String(format: "%.2f", $0.score))" } }
        figure.subtitle = promptLine(analysis, range: 0..<analysis.tokens.count)
            + "\nScore = the share of a head's attention that lands where that kind of head would look (1 = perfect).\nBest heads: "
            + best.joined(separator: " · ")
        figure.spacing = Size(30, 30)
        for (i, s) in scores.enumerated() {
            let values = s.scores.flatMap { $0 }
            let heatmap = Heatmap(rows: s.scores.count, columns: c.headCount, values: values, mapping: mapping,
                                  rowLabels: (0..<s.scores.count).map { "L\($0)" }, columnLabels: (0..<c.headCount).map { "H\($0)" },
                                  showValues: true, format: { String(format: "%.2f", $0).replacingOccurrences(of: "0.", with: ".") })
            var axes = Axes(title: s.kind.description, x: Axis(label: "head", kind: .band, grid: false),
                            y: Axis(label: "layer", kind: .band, grid: false))
            axes.add(heatmap)
            axes.legend = .none
            figure.add(axes, row: i / columns, column: i % columns)
        }
        figure.colorbar = Colorbar(mapping: mapping, label: "score")
        var notes = ["Definitions follow TransformerLens's head detector: score = Σ(pattern ⊙ detection) / Σ pattern."]
        if !scores.contains(where: { $0.kind.needsRepeats }) {
            notes.append("Duplicate-token and induction scores need a prompt that repeats tokens (\(repeatSuggestion)).")
        }
        figure.footnote = notes.joined(separator: "\n")
        return figure
    }
}
