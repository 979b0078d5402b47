import Charts

/// The picture of ``TrainingSamples``: the text's tokens with its successive windows bracketed,
/// then, for the first windows, every (context → next token) pair each one trains on.
public struct TrainingSamplesFigure: Sendable {
    /// The cut.
    public var samples: TrainingSamples
    /// One label per token.
    public var labels: [String]
    /// A corpus size to count samples for (GPT-3's 300B tokens by default).
    public var corpusTokens: Int
    /// The model or tokenizer, for the subtitle.
    public var modelName: String

    /// A figure of `labels` cut into windows of `context` inputs.
    public init(labels: [String], context: Int, modelName: String, corpusTokens: Int = 300_000_000_000) {
        self.samples = TrainingSamples(tokenCount: labels.count, context: context)
        self.labels = labels
        self.corpusTokens = corpusTokens
        self.modelName = modelName
    }

    static let chipFont = Font(size: 12, kind: .mono)
    static let smallFont = Font(size: 10)
    static let chipHeight = 22.0
    static let windowColors = [Color(hex: 0x1F77B4), Color(hex: 0x2CA02C), Color(hex: 0x9467BD), Color(hex: 0x8C564B)]
    static let contextFill = Color(hex: 0xCFE3FA)
    static let targetFill = Color(hex: 0xFFCC99)
    /// Tokens drawn in the text row; pairs drawn per window.
    static let shownTokens = 160
    static let shownPairs = 8
    static let shownWindows = 2

    /// Lays the figure out.
    public func figure(width: Double = 1000) throws -> Figure {
        let measurer = try TextMeasurer()
        let inner = width - 40
        var canvas = Canvas(size: Size(inner, 10))
        let chipLabels = labels.map { measurer.truncate(TokenChips.drawable($0), Self.chipFont, toWidth: 140) }
        func chipWidth(_ i: Int) -> Double { max(measurer.measure(chipLabels[i], Self.chipFont).width, 14) + 8 }
        let windows = samples.windows

        // 1. The text, wrapped, each window's tokens underlined in its colour.
        var y = 0.0
        canvas.text("The text (\(labels.count) tokens), cut into windows of \(samples.context) inputs + 1 target:",
                    at: Point(0, y + 8), font: Font(size: 12, bold: true), anchor: .leftMiddle)
        y += 22
        var x = 0.0
        let shown = min(labels.count, Self.shownTokens)
        for i in 0..<shown {
            let w = chipWidth(i)
            if x > 0 && x + w > inner { x = 0; y += Self.chipHeight + 22 }
            let windowIndex = min(i / samples.context, max(windows.count - 1, 0))
            let color = Self.windowColors[windowIndex % Self.windowColors.count]
            canvas.rect(Rect(x: x, y: y, width: w, height: Self.chipHeight), fill: Color(hex: 0xF4F4F4),
                        stroke: Stroke(Color(hex: 0xB0B0B0), width: 0.6), cornerRadius: 3)
            canvas.text(chipLabels[i], at: Point(x + w / 2, y + Self.chipHeight / 2), font: Self.chipFont, anchor: .center)
            if i < labels.count - 1 || windows.isEmpty {
                canvas.rect(Rect(x: x, y: y + Self.chipHeight + 2, width: w, height: 3), fill: color)
            }
            if i % samples.context == 0, i < labels.count - 1 {
                canvas.text("w\(i / samples.context + 1)", at: Point(x, y + Self.chipHeight + 11), font: Self.smallFont, color: color, anchor: .leftMiddle)
            }
            x += w + 2
        }
        if shown < labels.count {
            canvas.text("… \(labels.count - shown) more tokens", at: Point(x + 4, y + Self.chipHeight / 2), font: Self.smallFont,
                        color: Theme.standard.mutedText, anchor: .leftMiddle)
        }
        y += Self.chipHeight + 30

        // 2. The pairs of the first windows, as a staircase.
        for (number, window) in windows.prefix(Self.shownWindows).enumerated() {
            let color = Self.windowColors[number % Self.windowColors.count]
            canvas.text("Window \(number + 1): inputs \(window.lowerBound)–\(window.upperBound - 1), targets \(window.lowerBound + 1)–\(window.upperBound) "
                        + "→ \(window.count) (context → next token) pair\(window.count == 1 ? "" : "s"), trained in one forward pass:",
                        at: Point(0, y + 8), font: Font(size: 12, bold: true), color: color, anchor: .leftMiddle)
            y += 24
            let pairs = samples.pairs(in: window)
            let rows: [TrainingSamples.Pair?] = pairs.count <= Self.shownPairs
                ? pairs : Array(pairs.prefix(Self.shownPairs - 2)) + [nil, pairs[pairs.count - 1]]
            for pair in rows {
                guard let pair else {
                    canvas.text("⋮  \(pairs.count - Self.shownPairs + 1) more pairs, each one token longer", at: Point(20, y + 8),
                                font: Self.smallFont, color: Theme.standard.mutedText, anchor: .leftMiddle)
                    y += 20
                    continue
                }
                var cx = 0.0
                let positions = Array(pair.context)
                let drawn: [Int?] = positions.count <= 10 ? positions : Array(positions.prefix(3)) + [nil] + Array(positions.suffix(5))
                for position in drawn {
                    guard let position else {
                        canvas.text("…", at: Point(cx + 8, y + Self.chipHeight / 2), font: Self.chipFont, anchor: .center)
                        cx += 20
                        continue
                    }
                    let w = chipWidth(position)
                    canvas.rect(Rect(x: cx, y: y, width: w, height: Self.chipHeight), fill: Self.contextFill,
                                stroke: Stroke(Color(hex: 0x8DB3E2), width: 0.6), cornerRadius: 3)
                    canvas.text(chipLabels[position], at: Point(cx + w / 2, y + Self.chipHeight / 2), font: Self.chipFont, anchor: .center)
                    cx += w + 2
                }
                canvas.text("→", at: Point(cx + 10, y + Self.chipHeight / 2), font: Font(size: 14, bold: true), anchor: .center)
                cx += 22
                let w = chipWidth(pair.target)
                canvas.rect(Rect(x: cx, y: y, width: w, height: Self.chipHeight), fill: Self.targetFill,
                            stroke: Stroke(Color(hex: 0xE08A3C), width: 0.8), cornerRadius: 3)
                canvas.text(chipLabels[pair.target], at: Point(cx + w / 2, y + Self.chipHeight / 2), font: Self.chipFont, anchor: .center)
                canvas.text("\(pair.context.count) token\(pair.context.count == 1 ? "" : "s") of context",
                            at: Point(cx + w + 10, y + Self.chipHeight / 2), font: Self.smallFont, color: Theme.standard.mutedText, anchor: .leftMiddle)
                y += Self.chipHeight + 5
            }
            y += 14
        }
        if windows.count > Self.shownWindows {
            canvas.text("… and \(windows.count - Self.shownWindows) more window\(windows.count - Self.shownWindows == 1 ? "" : "s") like these.",
                        at: Point(0, y + 6), font: Self.smallFont, color: Theme.standard.mutedText, anchor: .leftMiddle)
            y += 20
        }
        canvas.size = Size(inner, y)

        let n = samples.context
        let d = corpusTokens
        var figure = Figure(width: width, height: 100, title: "How text becomes training samples",
                            subtitle: "\(labels.count) tokens (\(modelName) tokenizer), context \(NumberFormat.thousands(n)): "
                                + "\(windows.count) window\(windows.count == 1 ? "" : "s") (\(samples.fullWindowCount) full), "
                                + "\(samples.pairCount) (context → next token) pairs: every token after the first is a target once.")
        figure.footnote = "A corpus of D tokens yields floor((D − 1) / n) full windows and n · floor((D − 1) / n) ≈ D pairs. "
            + "For D = \(NumberFormat.thousands(d)) (GPT-3's 300B) and n = \(NumberFormat.thousands(n)): "
            + "\(NumberFormat.thousands(TrainingSamples.fullWindows(corpusTokens: d, context: n))) windows, "
            + "\(NumberFormat.thousands(TrainingSamples.pairs(corpusTokens: d, context: n))) pairs.\n"
            + "Windows starting at every position (stride 1) would give D − n = \(NumberFormat.thousands(TrainingSamples.slidingWindows(corpusTokens: d, context: n))) "
            + "windows, but the same targets again and again.\nTrainers that draw windows at random starts (nanoGPT, gptscope train) "
            + "make each token a target once per D tokens drawn, on average."
        figure.height = figure.height(fittingPanelHeight: canvas.size.height, measurer: measurer)
        figure.add(canvas)
        return figure
    }
}
