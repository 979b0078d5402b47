import Charts
import Foundation

/// The pictures of training, drawn from a run folder's `train-log.json` and probe snapshots:
/// the loss curve, the film strip of heads forming, and the head scores over steps.
public enum TrainingFigures {
    /// Training loss colour (raw steps drawn faint, the smoothed line solid).
    public static let trainingColor = Color(hex: 0x4e79a7)
    /// Validation loss colour.
    public static let validationColor = Color(hex: 0xe15759)
    /// The probe's first copy of random tokens.
    public static let firstCopyColor = Color(hex: 0xb07aa1)
    /// The probe's second copy.
    public static let secondCopyColor = Color(hex: 0xf28e2b)

    /// Training loss (raw, faint; smoothed, solid) and validation loss against steps, with the
    /// unigram-entropy baseline and the uniform baseline ln V as labelled reference lines, and
    /// the learning rate in a small panel underneath.
    public static func lossCurve(_ history: TrainingHistory) throws -> Figure {
        guard !history.steps.isEmpty else { throw TrainingReportError.noSteps(path: history.shape.name) }
        let x = history.steps.map { Double($0.step) }
        let raw = history.steps.map(\.loss)
        let smooth = smoothed(raw)
        let valX = history.evaluations.map { Double($0.step) }
        let valY = history.evaluations.map(\.validationLoss)

        var loss = Axes(title: nil, x: Axis(label: nil, format: .integer), y: Axis(label: "loss (nats per token)"))
        loss.add(LineSeries("training loss (each step)", x: x, y: raw, color: trainingColor.lightened(0.6), width: 1))
        loss.add(LineSeries("training loss (smoothed)", x: x, y: smooth, color: trainingColor, width: 2.2))
        if !valY.isEmpty {
            loss.add(LineSeries("validation loss", x: valX, y: valY, color: validationColor, width: 2,
                                marker: .circle, markerSize: valY.count > 60 ? 0 : 3))
        }
        // The probe's random tokens: the first copy cannot be predicted; the second can, by looking
        // back at what followed the same token in the first copy, which is what an induction head
        // does, so the gap between the two lines opens when one forms.
        let copies = history.evaluations.filter { $0.firstCopyLoss != nil && $0.secondCopyLoss != nil }
        if copies.count >= 2 {
            let copyX = copies.map { Double($0.step) }
            loss.add(LineSeries("probe's random tokens, first copy (unpredictable)", x: copyX, y: copies.map { $0.firstCopyLoss! },
                                color: firstCopyColor, width: 1.6, dash: [5, 3]))
            loss.add(LineSeries("probe's random tokens, second copy (drops when an induction head forms)", x: copyX,
                                y: copies.map { $0.secondCopyLoss! }, color: secondCopyColor, width: 2.2))
        }
        // The baselines are named in the legend: a label written along the line would cross the
        // loss curve wherever the curve runs near it (a short run ends close to ln V).
        loss.add(ReferenceLine(.horizontal, at: history.unigramEntropy,
                               label: String(format: "unigram baseline %.2f (token frequencies only, no context)", history.unigramEntropy),
                               stroke: Stroke(Color(hex: 0x59a14f), width: 1.5, dash: [6, 4]), inLegend: true))
        loss.add(ReferenceLine(.horizontal, at: history.uniformLoss,
                               label: String(format: "uniform guess ln V = %.2f", history.uniformLoss), inLegend: true))
        loss.legend = .top
        let limits = yLimits(raw: raw, validation: valY + copies.flatMap { [$0.firstCopyLoss!, $0.secondCopyLoss!] }, history: history)
        loss.y.limits = limits

        // Learning rates in units of a power of ten, so the tick labels are as narrow as the loss
        // panel's and the two plots line up.
        let rates = history.steps.map(\.learningRate)
        let power = decade(rates.filter(\.isFinite).max() ?? 0)
        let unit = pow(10, Double(power))
        var lr = Axes(title: nil, x: Axis(label: "training step", format: .integer),
                      y: Axis(label: power == 0 ? "learning rate" : "learning rate (×1e\(power))", includeZero: true, tickTarget: 3))
        lr.add(LineSeries("learning rate", x: x, y: rates.map { $0 / unit }, color: Color(hex: 0x76706e), width: 1.6))
        lr.legend = .none
        if let last = x.last {
            loss.x.limits = 0...max(1, last)
            lr.x.limits = 0...max(1, last)
        }

        var figure = Figure(width: 900, height: 640, title: "\(history.shape.name) · training: the loss falls as the model learns",
                            subtitle: subtitle(history))
        figure.add(loss, row: 0, column: 0)
        figure.add(lr, row: 1, column: 0)
        figure.rowWeights = [3.2, 1]
        figure.footnote = "Loss = average −ln p(correct next token). Validation loss is measured on held-out text the model never trains on."
        return figure
    }

    /// Centred moving average over about 1/40 of the run (shrinking at the ends), so the
    /// smoothed line follows the raw steps without the lag of an exponential average.
    public static func smoothed(_ values: [Double]) -> [Double] {
        let half = max(1, values.count / 80)
        return values.indices.map { i in
            guard values[i].isFinite else { return .nan }
            let window = values[max(0, i - half)...min(values.count - 1, i + half)].filter(\.isFinite)
            return window.reduce(0, +) / Double(window.count)
        }
    }

    /// The power of ten that brings `maximum` into 1 ..< 10 (learning rates: 3e-3 → -3).
    static func decade(_ maximum: Double) -> Int {
        maximum > 0 && maximum.isFinite ? Int(log10(maximum).rounded(.down)) : 0
    }

    /// "Final validation loss 4.12 nats, 2.05 below the unigram baseline 6.17 · …".
    static func subtitle(_ history: TrainingHistory) -> String {
        let s = history.shape
        let shape = "\(s.layerCount) layers · \(s.headCount) heads · d_model \(s.embeddingWidth) · vocabulary "
            + NumberFormat.thousands(s.vocabularySize) + " · context \(s.contextLength)"
            + (history.parameterCount > 0 ? " · \(NumberFormat.human(Double(history.parameterCount))) parameters" : "")
        let steps = history.steps.last.map { "\(NumberFormat.thousands($0.step)) steps" } ?? ""
        guard let final = history.finalEvaluation else { return shape + " · " + steps }
        let gap = history.unigramEntropy - final.validationLoss
        let relation = gap >= 0 ? String(format: "%.2f below", gap) : String(format: "%.2f above", -gap)
        return String(format: "After %@: validation loss %.3f nats, %@ the unigram baseline %.3f (uniform ln V = %.2f)",
                      steps, final.validationLoss, relation, history.unigramEntropy, history.uniformLoss)
            + "\n" + shape
    }

    /// Y limits that show both baselines and every smoothed value, without letting a few wild
    /// early steps squash the curve.
    static func yLimits(raw: [Double], validation: [Double], history: TrainingHistory) -> ClosedRange<Double> {
        let finite = (raw + validation).filter(\.isFinite)
        let low = min(finite.min() ?? history.unigramEntropy, history.unigramEntropy)
        // Top: the uniform baseline or the highest validation / typical early loss, whichever is larger.
        let sortedRaw = raw.filter(\.isFinite).sorted()
        let typicalHigh = sortedRaw.isEmpty ? history.uniformLoss : sortedRaw[Int(Double(sortedRaw.count - 1) * 0.995)]
        let high = max(history.uniformLoss, typicalHigh, validation.filter(\.isFinite).max() ?? 0)
        let pad = max(0.05, (high - low) * 0.06)
        return max(0, low - pad)...(high + pad)
    }
}
