import Charts
import Foundation

/// A generation as a table: one row per step, the candidates in order of probability as chips
/// coloured by probability, the chosen one outlined and bold.
enum GenerationFigure {
    /// White to dark blue, so that a chip's text stays readable at every probability.
    static let blues = Colormap(name: "blues", colors: (0 ..< 256).map { i in
        let t = Double(i) / 255
        let start = (r: 0.97, g: 0.98, b: 1.0), end = (r: 0.03, g: 0.19, b: 0.42)
        return Color(red: start.r + (end.r - start.r) * t, green: start.g + (end.g - start.g) * t,
                     blue: start.b + (end.b - start.b) * t, alpha: 1)
    })

    static let labelFont = Font(size: 12.5, kind: .mono)
    static let boldLabelFont = Font(size: 12.5, bold: true, kind: .mono)
    static let detailFont = Font(size: 9.5)
    static let headFont = Font(size: 10.5, bold: true)
    static let rowHeight = 38.0, chipHeight = 32.0, gap = 6.0, stepColumn = 64.0

    static func make(_ record: GenerationRecord, maximumSteps: Int) throws -> Figure {
        guard !record.steps.isEmpty else { throw LayersError.noSteps }
        let measurer = try TextMeasurer()
        let steps = Array(record.steps.prefix(max(1, maximumSteps)))
        // Ranked columns; a sampled token less likely than every alternative gets its own column,
        // since its true rank is unknown.
        let ranks = steps.map { $0.chosenBelowAlternatives ? $0.alternatives.count : $0.candidates.count }.max() ?? 1
        let outside = steps.contains(where: \.chosenBelowAlternatives)
        let labels = steps.flatMap { $0.candidates.map(\.label) }
        let chipWidth = min(150, max(74, measurer.maxWidth(labels, boldLabelFont) + 16))
        let mapping = ColorMapping(normalize: .linear(0, 1), colormap: blues)
        let outsideX = stepColumn + Double(ranks) * (chipWidth + gap) + 14

        let width = outside ? outsideX + chipWidth : stepColumn + Double(ranks) * (chipWidth + gap) - gap
        var canvas = Canvas(size: Size(width, 22 + Double(steps.count) * rowHeight))
        let grey = Color(hex: 0x555555)
        canvas.text("position", at: Point(stepColumn - 12, 9), font: headFont, color: grey, anchor: .rightMiddle)
        for r in 0 ..< ranks {
            canvas.text(r == 0 ? "most probable" : "rank \(r + 1)", at: Point(stepColumn + Double(r) * (chipWidth + gap) + chipWidth / 2, 9),
                        font: headFont, color: grey, anchor: .center)
        }
        if outside {
            canvas.text("chosen, less likely", at: Point(outsideX + chipWidth / 2, 9), font: headFont, color: grey, anchor: .center)
        }
        for (row, step) in steps.enumerated() {
            let y = 22 + Double(row) * rowHeight
            canvas.text(String(step.position), at: Point(stepColumn - 12, y + chipHeight / 2), font: Font(size: 11),
                        color: Color(hex: 0x333333), anchor: .rightMiddle)
            let ranked = step.chosenBelowAlternatives ? step.alternatives : step.candidates
            var chips = ranked.enumerated().map { (stepColumn + Double($0.offset) * (chipWidth + gap), $0.element) }
            if step.chosenBelowAlternatives { chips.append((outsideX, step.chosen)) }
            for (x, c) in chips {
                let chosen = c.id == step.chosen.id
                let fill = mapping.color(for: c.probability)
                let ink = fill.luminance > 0.4 ? Color(hex: 0x1a1a1a) : .white
                canvas.rect(Rect(x: x, y: y, width: chipWidth, height: chipHeight), fill: fill,
                            stroke: chosen ? Stroke(Color(hex: 0xe15759), width: 2.6) : Stroke(Color(hex: 0xc8d0da), width: 0.8),
                            cornerRadius: 5)
                let font = chosen ? boldLabelFont : labelFont
                canvas.text(measurer.truncate(c.label, font, toWidth: chipWidth - 10), at: Point(x + chipWidth / 2, y + 12),
                            font: font, color: ink, anchor: .center)
                canvas.text(NumberFormat.percent(c.probability), at: Point(x + chipWidth / 2, y + 25), font: detailFont,
                            color: ink, anchor: .center)
            }
        }

        let generated = steps.map { $0.chosen.label }.joined(separator: " ")
        var lines = ["Each row is one step: the most probable next tokens and their probabilities.",
                     "Red outline: the token chosen (\(record.sampling))."]
        lines.append("Prompt: \(quoted(record.prompt, limit: 70))")
        lines.append("Chosen: \(quoted(generated, limit: 70))")
        if steps.count < record.steps.count { lines.append("The first \(steps.count) of \(record.steps.count) steps.") }
        var figure = Figure(width: min(1400, max(620, width + 150)), height: 100,
                            title: "Generation step by step — \(record.modelName)", subtitle: lines.joined(separator: "\n"))
        figure.colorbar = Colorbar(mapping: mapping, label: "probability", format: .percent)
        figure.footnote = "Probabilities are the model's own (softmax at temperature 1), before any sampling filter. · is a space."
        figure.height = figure.height(fittingPanelHeight: max(canvas.size.height, 200), measurer: measurer)
        figure.add(canvas)
        return figure
    }

    private static func quoted(_ text: String, limit: Int) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: "⏎")
        return flat.count <= limit ? "“\(flat)”" : "“\(flat.prefix(limit - 1))…”"
    }
}
