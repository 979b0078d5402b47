import Charts
import Foundation

extension TrainingFigures {
    /// Default number of frames per head in the film strip.
    public static let defaultFrameCount = 6

    /// `frames` snapshot indices out of `count`, evenly spread, first and last always included
    /// (one frame: the last snapshot).
    public static func frameIndices(count: Int, frames: Int = defaultFrameCount) -> [Int] {
        guard count > 0, frames > 0 else { return [] }
        if frames == 1 { return [count - 1] }  // one frame: the trained head
        guard count > frames else { return Array(0..<count) }
        var chosen: [Int] = []
        for i in 0..<frames {
            let index = Int((Double(i) * Double(count - 1) / Double(frames - 1)).rounded())
            if chosen.last != index { chosen.append(index) }
        }
        return chosen
    }

    /// The positions a film strip shows by default: the random sequence and its copy (where an
    /// induction stripe appears), or the whole probe when it has no repeat.
    public static func defaultWindow(_ probe: TrainingHistory.Probe) -> Range<Int> {
        let r = probe.repeatedRange
        return r.count >= 4 ? r : 0..<probe.ids.count
    }

    /// The film strip's and score history's words, in one place (plain English literals).
    enum StripWords {
        static let rows = "Rows: queries (top to bottom); columns: keys (left to right). Above each frame: the head's score on the whole probe (1 = ideal head)."
        static func bar(_ kind: String, bar: String, chance: String) -> String { "\(kind) \(bar) (chance \(chance))" }
        static func bars(_ list: [String]) -> String {
            "A head is named after its kind only at or above the bar, halfway from chance to 1: " + list.joined(separator: ", ") + "."
        }
        static func verdict(_ head: String, kind: String, named: Bool) -> String {
            let article = HeadScoreKind.indefiniteArticle(before: kind)
            return named ? "\(head) is \(article) \(kind) head at the last snapshot" : "\(head) stays below the \(kind) bar (no label)"
        }
        static let historyAxis = "head score (1 = ideal head)"
        static let historySubtitle = "Mean attention each head puts where an ideal head of its kind looks, on the probe; dashed: its kind's bar, dotted: chance."
        static let atLast = "At the last snapshot"
    }

    /// One row per head, one small attention heatmap per snapshot (columns "step N"), so a
    /// reader watches the pattern form; each frame is captioned with the head's score there, and
    /// the footnote gives each kind's chance level and bar, and which heads clear it at the end.
    ///
    /// `window`: positions shown (queries and keys; nil = ``defaultWindow(_:)``). Scores are
    /// always computed on the whole probe (duplicate-token and induction: its second copy).
    public static func filmStrip(_ history: TrainingHistory, snapshots: [TrainingSnapshot], heads: [TrainingHead],
                                 window: Range<Int>? = nil) throws -> Figure {
        guard let probe = history.probe, !snapshots.isEmpty else { throw TrainingReportError.noProbes(path: history.shape.name) }
        let t = probe.ids.count
        for head in heads {
            guard head.layer < history.shape.layerCount, head.head < history.shape.headCount else {
                throw TrainingReportError.headOutOfRange(layer: head.layer, head: head.head,
                                                         layers: history.shape.layerCount, heads: history.shape.headCount)
            }
        }
        let r = (window ?? defaultWindow(probe)).clamped(to: 0..<t)
        let columns = snapshots.count
        let cell = max(96, min(170, 980 / Double(columns)))
        let factor = AttentionFigures.poolingFactor(r.count, points: cell * 1.7)
        var figure = Figure(width: cell * Double(columns) + 190, height: (cell * 0.8 + 30) * Double(max(1, heads.count)) + 225,
                            title: "\(history.shape.name) · film strip: attention heads forming during training",
                            subtitle: stripSubtitle(probe, window: r))
        figure.spacing = Size(cell * 0.1, 30)
        figure.columnLabels = snapshots.map { "step \(NumberFormat.thousands($0.step))" }
        figure.rowLabels = heads.map(\.name)
        figure.rowLabelTitle = "head"
        var finals: [(head: TrainingHead, score: Double)] = []
        for (row, head) in heads.enumerated() {
            let targets = head.kind.targets(ids: probe.ids, repeatQueries: probe.secondCopy)
            var score = Double.nan
            for (column, snapshot) in snapshots.enumerated() {
                guard head.layer < snapshot.patterns.count, head.head < snapshot.patterns[head.layer].heads,
                      snapshot.patterns[head.layer].tokens == t else {
                    throw TrainingReportError.unreadableProbe(path: "step \(snapshot.step)",
                                                              reason: "its patterns do not match the probe's \(t) tokens and the model's heads")
                }
                let matrix = snapshot.patterns[head.layer].head(head.head)
                score = HeadScores.score(matrix, targets: targets, tokens: t)
                let pooled = AttentionFigures.maxPooled(AttentionFigures.masked(matrix, tokens: t, range: r), size: r.count, factor: factor)
                figure.add(AttentionFigures.thumbnail(pooled.values, size: pooled.size,
                                                      title: "\(head.kind.shortName) \(String(format: "%.2f", score))"),
                           row: row, column: column)
            }
            finals.append((head, score))
        }
        figure.colorbar = Colorbar(mapping: AttentionFigures.weightMapping, label: "attention weight", maskedLabel: AttentionFigures.maskedLabel)
        var notes = [StripWords.rows]
        var bars: [String] = [], verdicts: [String] = []
        for kind in HeadScoreKind.allCases where heads.contains(where: { $0.kind == kind }) {
            let targets = kind.targets(ids: probe.ids, repeatQueries: probe.secondCopy)
            let chance = HeadScores.chance(targets)
            bars.append(StripWords.bar(kind.description, bar: AttentionFigures.scoreText(HeadScores.threshold(chance: chance)),
                                       chance: AttentionFigures.scoreText(chance)))
        }
        for (head, score) in finals {
            let targets = head.kind.targets(ids: probe.ids, repeatQueries: probe.secondCopy)
            let named = targets.count >= HeadScores.minimumQueries && score >= HeadScores.threshold(chance: HeadScores.chance(targets))
            verdicts.append(StripWords.verdict(head.name, kind: head.kind.description, named: named))
        }
        if !bars.isEmpty { notes.append(StripWords.bars(bars)) }
        // Two verdicts a line, so the footnote never runs off the figure.
        for start in stride(from: 0, to: verdicts.count, by: 2) {
            notes.append(verdicts[start..<min(verdicts.count, start + 2)].joined(separator: "; ") + ".")
        }
        if r.lowerBound > 0 { notes.append("Only keys from position \(r.lowerBound) on are shown, so a row's weights may sum to less than 1.") }
        if factor > 1 { notes.append("Each pixel shows the largest weight in a \(factor)×\(factor) block of positions.") }
        figure.footnote = notes.joined(separator: "\n")
        return figure
    }

    /// The probe and what to look for in the window shown.
    static func stripSubtitle(_ probe: TrainingHistory.Probe, window r: Range<Int>) -> String {
        let e = probe.excerptLength, n = probe.repeatLength
        var lines = ["Probe: \(e) tokens of held-out text, then \(n) random tokens shown twice · frames show positions \(r.lowerBound)–\(r.upperBound - 1)"]
        if r == probe.repeatedRange, n > 1 {
            lines.append("Previous-token head: a bright line just below the diagonal. Induction head: in the second copy, a line \(n - 1) positions left of the diagonal.")
        } else {
            lines.append("Previous-token head: a bright line just below the diagonal. Induction head: a stripe parallel to it on the repeated tokens.")
        }
        return lines.joined(separator: "\n")
    }

    /// The chosen heads' scores at every snapshot: a pattern forming shows as a rising line.
    public static func scoreHistory(_ history: TrainingHistory, scores: TrainingProbeScores, heads: [TrainingHead]) throws -> Figure {
        guard !scores.steps.isEmpty else { throw TrainingReportError.noProbes(path: history.shape.name) }
        var axes = Axes(title: nil, x: Axis(label: "training step", format: .integer), y: Axis(label: StripWords.historyAxis, limits: 0...1))
        let x = scores.steps.map(Double.init)
        for (i, head) in heads.enumerated() {
            let color = Color.tableau10[i % Color.tableau10.count]
            axes.add(LineSeries("\(head.name) \(head.kind) score", x: x, y: scores.series(head),
                                color: color, width: 2.2, marker: .circle, markerSize: x.count > 60 ? 0 : 3))
        }
        // One bar and one chance line per kind shown, in the colour of its first head.
        for kind in HeadScoreKind.allCases {
            guard let i = heads.firstIndex(where: { $0.kind == kind }), let s = scores.final(kind) else { continue }
            let color = Color.tableau10[i % Color.tableau10.count]
            // In the legend: two kinds' bars are often too close for labels on the plot.
            axes.add(ReferenceLine(.horizontal, at: s.threshold, label: "\(kind) bar \(AttentionFigures.scoreText(s.threshold))",
                                   stroke: Stroke(color, width: 1.2, dash: [6, 4]), inLegend: true))
            axes.add(ReferenceLine(.horizontal, at: s.chance, label: "\(kind) chance \(AttentionFigures.scoreText(s.chance))",
                                   stroke: Stroke(color, width: 1, dash: [1.5, 3]), inLegend: true))
        }
        axes.legend = .right
        let best = heads.map { h in
            let last = scores.series(h).last ?? .nan
            return "\(h.name) \(h.kind) \(String(format: "%.2f", last))"
                + (scores.isNamed(h) ? " (\(h.kind) head)" : " (below the bar)")
        }
        return Figure(axes, width: 960, height: 460 + 18 * Double(max(0, heads.count - 1)), title: "\(history.shape.name) · head scores over training",
                      subtitle: StripWords.historySubtitle
                        + (best.isEmpty ? "" : "\n\(StripWords.atLast): " + best.joined(separator: "\n")))
    }
}
