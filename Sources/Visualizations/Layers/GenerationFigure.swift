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

    /// Rows per column block: longer generations wrap into blocks side by side (at most
    /// `maximumBlocks`, after which blocks grow taller), so 128 steps make a page, not a scroll.
    static let rowsPerBlock = 32, maximumBlocks = 4, blockGap = 28.0

    static func make(_ record: GenerationRecord, maximumSteps: Int) throws -> Figure {
        guard !record.steps.isEmpty else { throw LayersError.noSteps }
        let measurer = try TextMeasurer()
        let steps = Array(record.steps.prefix(max(1, maximumSteps)))
        let blocks = min(maximumBlocks, (steps.count + rowsPerBlock - 1) / rowsPerBlock)
        let rows = (steps.count + blocks - 1) / blocks
        // Ranked columns, as many as every step fills (no empty cells); several blocks show the
        // top three. A sampled token less likely than every alternative gets its own column,
        // since its true rank is unknown.
        let filled = steps.map { $0.chosenBelowAlternatives ? $0.alternatives.count : $0.candidates.count }
        let ranks = max(1, min(filled.min() ?? 1, blocks > 1 ? 3 : .max))
        let apart = { (step: GenerationRecord.Step) in
            step.chosenBelowAlternatives || !step.candidates.prefix(ranks).contains { $0.id == step.chosen.id }
        }
        let outside = steps.contains(where: apart)
        let labels = steps.flatMap { $0.candidates.prefix(ranks).map(\.label) }
        let chipWidth = min(150, max(74, measurer.maxWidth(labels, boldLabelFont) + 16))
        let mapping = ColorMapping(normalize: .linear(0, 1), colormap: blues)
        let outsideX = stepColumn + Double(ranks) * (chipWidth + gap) + 14
        let blockWidth = outside ? outsideX + chipWidth : stepColumn + Double(ranks) * (chipWidth + gap) - gap

        let width = Double(blocks) * blockWidth + Double(blocks - 1) * blockGap
        var canvas = Canvas(size: Size(width, 22 + Double(rows) * rowHeight))
        let grey = Color(hex: 0x555555)
        for block in 0 ..< blocks {
            let left = Double(block) * (blockWidth + blockGap)
            canvas.text("position", at: Point(left + stepColumn - 12, 9), font: headFont, color: grey, anchor: .rightMiddle)
            for r in 0 ..< ranks {
                canvas.text(r == 0 ? "most probable" : "rank \(r + 1)",
                            at: Point(left + stepColumn + Double(r) * (chipWidth + gap) + chipWidth / 2, 9),
                            font: headFont, color: grey, anchor: .center)
            }
            if outside {
                canvas.text("chosen, less likely", at: Point(left + outsideX + chipWidth / 2, 9), font: headFont, color: grey, anchor: .center)
            }
        }
        for (index, step) in steps.enumerated() {
            let left = Double(index / rows) * (blockWidth + blockGap)
            let y = 22 + Double(index % rows) * rowHeight
            canvas.text(String(step.position), at: Point(left + stepColumn - 12, y + chipHeight / 2), font: Font(size: 11),
                        color: Color(hex: 0x333333), anchor: .rightMiddle)
            let ranked = step.chosenBelowAlternatives ? step.alternatives : step.candidates
            var chips = ranked.prefix(ranks).enumerated().map { (left + stepColumn + Double($0.offset) * (chipWidth + gap), $0.element) }
            // A chosen token below the columns shown goes to the outside column.
            if apart(step) { chips.append((left + outsideX, step.chosen)) }
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

        var lines = ["Each row is one step: the most probable next tokens and their probabilities.",
                     "Red outline: the token chosen (\(record.sampling))."]
        lines.append("Prompt: \(DrawableText.quoted(record.prompt, limit: 70, keep: .end))")
        let generated = record.generatedText ?? steps.map { $0.chosen.label }.joined(separator: " ")
        lines.append("Generated: \(DrawableText.quoted(generated, limit: 70))")
        if steps.count < record.steps.count { lines.append("The first \(steps.count) of \(record.steps.count) steps.") }
        if let note = stopNote(record) { lines.append(note) }
        var figure = Figure(width: min(2000, max(620, width + 150)), height: 100,
                            title: "Generation step by step — \(record.modelName)", subtitle: lines.joined(separator: "\n"))
        figure.colorbar = Colorbar(mapping: mapping, label: "probability", format: .percent)
        figure.footnote = "Probabilities are the model's own (softmax at temperature 1), before any sampling filter. · is a space."
            + (blocks > 1 ? " Read the columns of steps left to right; each shows the top \(ranks) tokens." : "")
        figure.height = figure.height(fittingPanelHeight: max(canvas.size.height, 200), measurer: measurer)
        figure.add(canvas)
        return figure
    }

    /// Why a generation has fewer steps than asked for: the last one predicted the token after
    /// the context's last position, which the model can output but never read back.
    static func stopNote(_ record: GenerationRecord) -> String? {
        guard let context = record.contextLength, let last = record.steps.last, last.position >= context else { return nil }
        let asked = record.requestedSteps.map { $0 > record.steps.count ? "\($0) tokens were asked for, but " : "" } ?? ""
        let why = "the token at position \(context) is predicted from position \(context - 1) and could not be read back."
        if record.steps[0].position >= context {
            return asked + "the prompt fills the whole context of \(context): only one token can be predicted —\n" + why
        }
        return asked + "the context of \(context) is full after \(record.steps.count) steps —\n" + why
    }
}
