import Charts
import GPTModel

/// Two architecture diagrams side by side, the boxes that differ outlined in red and the
/// differences listed: `gptscope architecture --compare gpt1 gpt2` shows that GPT-2 moved the
/// LayerNorm before each sublayer, added a final one, and grew the vocabulary and the context.
public struct ArchitectureComparison: Sendable {
    /// The left and right diagrams, with ``ArchitectureDiagram/Node/highlighted`` set.
    public let diagrams: [ArchitectureDiagram]
    /// One sentence per difference, e.g. `vocabulary: 40478 → 50257`.
    public let differences: [String]

    /// Compares `a` (left) with `b` (right).
    public init(_ a: GPTConfiguration, _ b: GPTConfiguration) {
        var left = ArchitectureDiagram(a), right = ArchitectureDiagram(b)
        var differences: [String] = []
        var kinds: Set<ArchitectureDiagram.Kind> = []
        func differ<V: Equatable>(_ name: String, _ x: V, _ y: V, _ text: (V) -> String, marks: [ArchitectureDiagram.Kind]) {
            guard x != y else { return }
            differences.append("\(name): \(text(x)) → \(text(y))")
            kinds.formUnion(marks)
        }
        let plain: (Int) -> String = { String($0) }
        differ("vocabulary", a.vocabularySize, b.vocabularySize, plain, marks: [.embedding, .head, .softmax])
        differ("context", a.fixedContextLength ?? 0, b.fixedContextLength ?? 0, { $0 == 0 ? "none" : String($0) },
               marks: a.positionEncoding == .learned || b.positionEncoding == .learned ? [.embedding] : [])
        differ("width d_model", a.embeddingWidth, b.embeddingWidth, plain, marks: [.embedding, .norm, .attention, .crossAttention, .mlp, .head])
        differ("layers", a.layerCount, b.layerCount, plain, marks: [])
        differ("heads", a.headCount, b.headCount, plain, marks: [.attention, .crossAttention])
        differ("kv heads", a.keyValueHeadCount, b.keyValueHeadCount, plain, marks: [.attention])
        differ("head width", a.headWidth, b.headWidth, plain, marks: [.attention, .crossAttention])
        differ("MLP width", a.mlpWidth, b.mlpWidth, plain, marks: [.mlp])
        differ("MLP", a.mlpKind, b.mlpKind, { $0 == .gated ? "gated (SwiGLU)" : "two matrices" }, marks: [.mlp])
        differ("activation", a.activation, b.activation, { $0.rawValue }, marks: [.mlp])
        differ("norm", a.normalization, b.normalization, { $0 == .layerNorm ? "LayerNorm" : "RMSNorm" }, marks: [.norm])
        differ("norm placement", a.normPlacement, b.normPlacement,
               { $0 == .preNorm ? "pre-LN (before each sublayer)" : "post-LN (after each residual add)" }, marks: [.norm])
        differ("final norm", a.hasFinalNorm, b.hasFinalNorm, { $0 ? "yes" : "none" }, marks: [])
        differ("positions", a.positionEncoding, b.positionEncoding, { $0.rawValue }, marks: [.embedding, .attention])
        differ("output head", a.tiedOutputHead, b.tiedOutputHead, { $0 ? "tied" : "untied" }, marks: [.head])
        differ("encoder", a.encoderLayerCount, b.encoderLayerCount, { $0 == 0 ? "none" : "\($0) blocks" }, marks: [])
        for index in left.stacks.indices { Self.mark(&left.stacks[index], kinds: kinds, finalNormChanged: a.hasFinalNorm != b.hasFinalNorm) }
        for index in right.stacks.indices { Self.mark(&right.stacks[index], kinds: kinds, finalNormChanged: a.hasFinalNorm != b.hasFinalNorm) }
        diagrams = [left, right]
        self.differences = differences
    }

    private static func mark(_ stack: inout ArchitectureDiagram.Stack, kinds: Set<ArchitectureDiagram.Kind>, finalNormChanged: Bool) {
        for i in stack.nodes.indices {
            let node = stack.nodes[i]
            let isFinalNorm = node.kind == .norm && !stack.block.contains(i)
            if kinds.contains(node.kind) || (isFinalNorm && finalNormChanged) { stack.nodes[i].highlighted = true }
        }
    }

    /// Both diagrams side by side with the differences listed under the title.
    public func figure() throws -> Figure {
        let measurer = try TextMeasurer()
        var canvases: [Canvas] = []
        for diagram in diagrams { canvases.append(diagram.drawing(measurer: measurer).canvas) }
        let height = canvases.map(\.size.height).max() ?? 100
        let width = canvases.reduce(0) { $0 + $1.size.width }
        let names = diagrams.map(\.configuration.name)
        var figure = Figure(width: width + 60, height: 100, title: "\(names[0]) and \(names[1]) side by side",
                            subtitle: differences.isEmpty ? "No differences in the architecture."
                                : "Differences (outlined in red): " + differences.joined(separator: "; "))
        figure.subtitle = Self.wrap(figure.subtitle ?? "", width: width - 20, measurer: measurer, at: "; ")
        figure.footnote = diagrams.map { "\($0.configuration.name): \($0.subtitle)" }.joined(separator: "\n")
            + "\nT = tokens in the window; parameter counts inside the repeated block are per block."
        figure.columnWeights = canvases.map(\.size.width)
        figure.spacing = Size(10, 10)
        figure.height = figure.height(fittingPanelHeight: height, measurer: measurer)
        for (i, var canvas) in canvases.enumerated() {
            canvas.size.height = height  // same scale in both columns
            figure.add(canvas, row: 0, column: i)
        }
        return figure
    }

    /// `text` broken into lines no wider than `width` at the subtitle's font.
    /// Breaks only at `separator` ("; " keeps each listed difference whole), so a figure
    /// translated later (``Figure/localized(_:)``) still finds every item in its phrase table.
    static func wrap(_ text: String, width: Double, measurer: TextMeasurer, at separator: String = " ") -> String {
        let mark = separator.trimmingCharacters(in: .whitespaces)  // kept at the end of a broken line
        var lines: [String] = []
        var current = ""
        for word in text.components(separatedBy: separator) {
            let candidate = current.isEmpty ? word : current + separator + word
            if measurer.measure(candidate, Theme.standard.subtitleFont).width > width, !current.isEmpty {
                lines.append(current + mark)
                current = word
            } else {
                current = candidate
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines.joined(separator: "\n")
    }
}
