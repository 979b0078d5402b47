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

    /// One row per head, one small attention heatmap per snapshot (columns "step N"), so a
    /// reader watches the pattern form; each frame is captioned with the head's score there.
    ///
    /// `window`: positions shown (queries and keys; nil = ``defaultWindow(_:)``). Scores are
    /// always computed on the whole probe.
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
        for (row, head) in heads.enumerated() {
            let detection = head.kind.detectionPattern(ids: probe.ids)
            for (column, snapshot) in snapshots.enumerated() {
                guard head.layer < snapshot.patterns.count, head.head < snapshot.patterns[head.layer].heads,
                      snapshot.patterns[head.layer].tokens == t else {
                    throw TrainingReportError.unreadableProbe(path: "step \(snapshot.step)",
                                                              reason: "its patterns do not match the probe's \(t) tokens and the model's heads")
                }
                let matrix = snapshot.patterns[head.layer].head(head.head)
                let score = HeadScores.score(matrix, detection: detection, tokens: t)
                let pooled = AttentionFigures.maxPooled(AttentionFigures.masked(matrix, tokens: t, range: r), size: r.count, factor: factor)
                figure.add(AttentionFigures.thumbnail(pooled.values, size: pooled.size,
                                                      title: "\(head.kind.shortName) \(String(format: "%.2f", score))"),
                           row: row, column: column)
            }
        }
        figure.colorbar = Colorbar(mapping: AttentionFigures.weightMapping, label: "attention weight", maskedLabel: AttentionFigures.maskedLabel)
        var notes = ["Rows: queries (top to bottom); columns: keys (left to right). Above each frame: the head's score on the whole probe (1 = perfect)."]
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
        var axes = Axes(title: nil, x: Axis(label: "training step", format: .integer), y: Axis(label: "head score (1 = perfect)", limits: 0...1))
        let x = scores.steps.map(Double.init)
        for (i, head) in heads.enumerated() {
            axes.add(LineSeries("\(head.name) \(head.kind) score", x: x, y: scores.series(head),
                                color: Color.tableau10[i % Color.tableau10.count], width: 2.2, marker: .circle,
                                markerSize: x.count > 60 ? 0 : 3))
        }
        axes.legend = .insideTopLeft
        let best = heads.map { h in
            let last = scores.series(h).last ?? .nan
            return "\(h.name) \(h.kind) \(String(format: "%.2f", last))"
        }
        return Figure(axes, width: 820, height: 460, title: "\(history.shape.name) · head scores over training",
                      subtitle: "Share of each head's attention on the probe that lands where its kind of head would look."
                        + (best.isEmpty ? "" : "\nAt the last snapshot: " + best.joined(separator: " · ")))
    }
}
