import Charts
import Foundation
import TensorCore

/// The prompt as a strip of tokens, each coloured by its surprisal −log p(token | prefix): how
/// unexpected the model found it. The mean over the prompt is the language-modelling loss.
public struct SurprisalStrip: Sendable {
    /// Token labels, one per position.
    public var labels: [String]
    /// Surprisal in nats of tokens 1…T−1 (token 0 has no prefix and no prediction).
    public var surprisals: [Double]
    /// The model's name, for the title.
    public var modelName: String

    /// Surprisals from the model's `logits` `[T, V]` for `ids` (`[T]`): position i − 1 predicts token i.
    public init(logits: Tensor, ids: [Int], labels: [String], modelName: String) {
        self.labels = labels
        self.surprisals = Self.surprisals(logits: logits.scalars, vocabulary: logits.shape[1], ids: ids)
        self.modelName = modelName
    }

    /// A strip of surprisals already computed (tokens 1…T−1), e.g. ``PromptAnalysis/surprisals()``.
    public init(surprisals: [Double], labels: [String], modelName: String) {
        self.labels = labels
        self.surprisals = surprisals
        self.modelName = modelName
    }

    /// −log softmax(logits[i − 1])[ids[i]] for i = 1…T−1, in nats, in double precision.
    public static func surprisals(logits: [Float], vocabulary v: Int, ids: [Int]) -> [Double] {
        guard ids.count > 1 else { return [] }
        return (1..<ids.count).map { i in
            let row = logits[((i - 1) * v)..<(i * v)]
            let maximum = Double(row.max() ?? 0)
            let logTotal = log(row.reduce(0.0) { $0 + exp(Double($1) - maximum) }) + maximum
            return logTotal - Double(row[row.startIndex + ids[i]])
        }
    }

    /// The mean surprisal (the cross-entropy loss of the prompt), or nil for a one-token prompt.
    public var meanLoss: Double? { surprisals.isEmpty ? nil : surprisals.reduce(0, +) / Double(surprisals.count) }

    static let chipFont = Font(size: 13, kind: .mono)
    static let valueFont = Font(size: 9.5)

    /// Wrapped token chips coloured by surprisal, the value under each, and a colorbar-like scale.
    public func figure(width: Double = 1000) throws -> Figure {
        let measurer = try TextMeasurer()
        let top = max(surprisals.max() ?? 1, 1)
        let mapping = ColorMapping(normalize: .linear(0, top), colormap: .magma)
        let inner = width - 40
        var canvas = Canvas(size: Size(inner, 10))
        var x = 0.0, y = 0.0
        let chipHeight = 24.0, rowHeight = 44.0
        for (i, label) in labels.enumerated() {
            let text = measurer.truncate(TokenChips.drawable(label), Self.chipFont, toWidth: 200)
            let w = max(measurer.measure(text, Self.chipFont).width, 28) + 10
            if x > 0 && x + w > inner { x = 0; y += rowHeight }
            let rect = Rect(x: x, y: y, width: w, height: chipHeight)
            if i == 0 {
                canvas.rect(rect, fill: .white, stroke: Stroke(Color(hex: 0xA0A0A0), width: 1, dash: [3, 2]), cornerRadius: 4)
                canvas.text(text, at: Point(rect.midX, rect.midY), font: Self.chipFont, anchor: .center)
                canvas.text("no prefix", at: Point(rect.midX, rect.maxY + 2), font: Self.valueFont, color: Theme.standard.mutedText, anchor: .topCenter)
            } else {
                let s = surprisals[i - 1]
                let fill = mapping.color(for: s)
                canvas.rect(rect, fill: fill, stroke: Stroke(Color(hex: 0x606060), width: 0.6), cornerRadius: 4)
                canvas.text(text, at: Point(rect.midX, rect.midY), font: Self.chipFont, color: fill.luminance < 0.45 ? .white : Theme.standard.text, anchor: .center)
                canvas.text(String(format: "%.1f", s), at: Point(rect.midX, rect.maxY + 2), font: Self.valueFont, color: Theme.standard.mutedText, anchor: .topCenter)
            }
            x += w + 3
        }
        canvas.size = Size(inner, y + rowHeight)
        let mean = meanLoss.map { String(format: "mean loss %.2f nats (perplexity %.1f)", $0, exp($0)) } ?? "one token: nothing to predict"
        var figure = Figure(width: width, height: 100, title: "\(modelName): how surprised the model is by each token",
                            subtitle: "Surprisal −log p(token | the tokens before it), in nats; \(mean) over \(surprisals.count) predictions.")
        figure.footnote = "Dark = expected, bright = surprising (0 to \(String(format: "%.1f", top)) nats). The number under each token is its surprisal;\n"
            + "the first token has no prefix, so the model makes no prediction for it. The mean is the cross-entropy loss training minimizes."
        figure.height = figure.height(fittingPanelHeight: canvas.size.height, measurer: measurer)
        figure.add(canvas)
        return figure
    }
}
