import Charts
import GPTModel

extension ArchitectureDiagram {
    // Layout constants, in canvas units.
    static let boxWidth = 330.0
    static let titleFont = Font(size: 12.5, bold: true)
    static let lineFont = Font(size: 10.5, kind: .mono)
    static let shapeFont = Font(size: 10.5, kind: .mono)
    static let countFont = Font(size: 10)
    static let lineHeight = 13.5
    static let edgeLength = 30.0
    static let addRadius = 9.0
    /// Room left of a column for the residual branches.
    static let residualGutter = 34.0
    /// Room right of a column for edge shapes, parameter counts and the block count.
    static let rightGutter = 130.0

    static func fill(_ kind: Kind) -> Color {
        switch kind {
        case .embedding: Color(hex: 0xCFE3FA)
        case .norm: Color(hex: 0xFFF1B8)
        case .attention, .crossAttention: Color(hex: 0xFFDDB8)
        case .mlp: Color(hex: 0xCDEFC9)
        case .add: Color.white
        case .head: Color(hex: 0xE2D8F7)
        case .softmax: Color(hex: 0xEDEDED)
        }
    }
    static let highlight = Color(hex: 0xD62728)

    /// The diagram as a figure: one column per stack (encoder left of decoder).
    public func figure(title: String? = nil) throws -> Figure {
        let measurer = try TextMeasurer()
        let canvas = drawing(measurer: measurer).canvas
        var figure = Figure(width: max(560, canvas.size.width + 40), height: 100,
                            title: title ?? "The architecture of \(configuration.name), with its real shapes",
                            subtitle: nil)
        figure.subtitle = ArchitectureComparison.wrap(subtitle, width: figure.width - 40, measurer: measurer, at: "; ")
        figure.footnote = notes.joined(separator: "\n")
        figure.height = figure.height(fittingPanelHeight: canvas.size.height, measurer: measurer)
        figure.add(canvas)
        return figure
    }

    /// One line saying what kind of model this is.
    var subtitle: String {
        let c = configuration
        let norm = c.normalization == .layerNorm ? "LayerNorm" : "RMSNorm"
        let placement = c.normPlacement == .preNorm ? "pre-\(norm) (before each sublayer)" : "post-\(norm) (after each residual add)"
        let kind = c.isEncoderDecoder ? "encoder–decoder" : "decoder-only"
        return "\(kind), \(placement), \(c.hasFinalNorm ? "final \(norm)" : "no final norm"), "
            + "\(c.tiedOutputHead ? "tied" : "untied") output head; "
            + "\(NumberFormat.thousands(ParameterBreakdown(c).total)) parameters"
    }

    /// A box's height: title plus detail lines.
    static func height(of node: Node) -> Double {
        node.kind == .add ? 2 * addRadius : 10 + 16 + Double(node.lines.count) * lineHeight
    }

    /// Draws every stack into a canvas.
    func drawing(measurer: TextMeasurer) -> (canvas: Canvas, width: Double) {
        let columnWidth = Self.residualGutter + Self.boxWidth + Self.rightGutter
        let crossGutter = stacks.count > 1 ? 30.0 : 0
        var columns: [(Stack, Double)] = []
        var x = 8.0
        for stack in stacks {
            columns.append((stack, x + Self.residualGutter + (columns.isEmpty ? 0 : crossGutter)))
            x += columnWidth + (columns.count > 1 ? crossGutter : 0)
        }
        var canvas = Canvas(size: Size(x, 10))
        var bottoms: [Double] = []
        var crossBoxes: [Rect] = []
        var encoderOutput: Point?
        for (stack, left) in columns {
            let (bottom, cross, output) = draw(stack, left: left, into: &canvas, measurer: measurer)
            bottoms.append(bottom)
            crossBoxes += cross
            if stack.name == "Encoder" { encoderOutput = output }
        }
        // The encoder's output feeds every decoder block's cross-attention (keys and values).
        if let start = encoderOutput, let target = crossBoxes.first {
            let stroke = Stroke(Color(hex: 0x8C564B), width: 1.4)
            let turnY = start.y + 14
            let gapX = target.x - Self.residualGutter - 14
            canvas.path([start, Point(start.x, turnY), Point(gapX, turnY), Point(gapX, target.midY), Point(target.x, target.midY)], stroke: stroke)
            arrowHead(at: Point(target.x, target.midY), direction: .right, color: stroke.color, into: &canvas)
            canvas.text("encoder output [S, \(configuration.embeddingWidth)]", at: Point(start.x + 6, turnY + 10),
                        font: Self.shapeFont, color: stroke.color, anchor: .leftMiddle)
        }
        canvas.size = Size(x, (bottoms.max() ?? 0) + 24)
        return (canvas, x)
    }

    enum Direction { case down, right }

    func arrowHead(at p: Point, direction: Direction, color: Color, into canvas: inout Canvas) {
        let s = 5.0
        let points = direction == .down
            ? [p, Point(p.x - s, p.y - 1.6 * s), Point(p.x + s, p.y - 1.6 * s)]
            : [p, Point(p.x - 1.6 * s, p.y - s), Point(p.x - 1.6 * s, p.y + s)]
        canvas.path(points, closed: true, fill: color)
    }

    /// Draws one stack top-down; returns its bottom, its cross-attention boxes and its output point.
    private func draw(_ stack: Stack, left: Double, into canvas: inout Canvas, measurer: TextMeasurer)
        -> (Double, [Rect], Point)
    {
        let theme = Theme.standard
        let centerX = left + Self.boxWidth / 2
        let edge = Stroke(theme.text, width: 1.2)
        var y = 10.0
        canvas.text(stack.name, at: Point(left, y), font: Font(size: 14, bold: true), anchor: .topLeft)
        y += 26
        canvas.text(stack.input, at: Point(centerX, y), font: Self.shapeFont, color: theme.mutedText, anchor: .topCenter)
        y += 16

        // Vertical positions first: each node's top, with an edge before it.
        var tops: [Double] = []
        var edgeTops: [Double] = []
        for (i, node) in stack.nodes.enumerated() {
            let gap = (i == stack.block.lowerBound || i == stack.block.upperBound) ? Self.edgeLength + 12 : Self.edgeLength
            edgeTops.append(y)
            y += gap
            tops.append(y)
            y += Self.height(of: node)
        }
        let bottom = y

        // The repeated block: a rounded frame behind its nodes, with the count beside it.
        if !stack.block.isEmpty {
            let top = tops[stack.block.lowerBound] - 18
            let last = stack.block.upperBound - 1
            let end = tops[last] + Self.height(of: stack.nodes[last]) + 14
            let frame = Rect(x: left - Self.residualGutter + 4, y: top, width: Self.boxWidth + Self.residualGutter + 8, height: end - top)
            canvas.rect(frame, fill: Color(hex: 0xF6F6F6), stroke: Stroke(Color(hex: 0xB0B0B0), width: 1, dash: [4, 3]), cornerRadius: 8)
            canvas.text("× \(stack.blockCount)", at: Point(frame.maxX + 8, frame.y + 12), font: Font(size: 16, bold: true), anchor: .leftMiddle)
            canvas.text("\(NumberFormat.thousands(stack.blockParameters)) params", at: Point(frame.maxX + 8, frame.y + 30),
                        font: Self.countFont, color: theme.mutedText, anchor: .leftMiddle)
            canvas.text("per block", at: Point(frame.maxX + 8, frame.y + 43), font: Self.countFont, color: theme.mutedText, anchor: .leftMiddle)
        }

        // Edges with the shape flowing along them.
        for (i, node) in stack.nodes.enumerated() {
            let from = Point(centerX, edgeTops[i] + (i == 0 ? 0 : 0))
            let to = Point(centerX, tops[i])
            canvas.line(from: from, to: to, stroke: edge)
            arrowHead(at: to, direction: .down, color: theme.text, into: &canvas)
            if i > 0 {
                let shape = stack.nodes[i - 1].output
                canvas.text(shape, at: Point(centerX + 10, (from.y + to.y) / 2 - 2), font: Self.shapeFont,
                            color: Color(hex: 0x1F4E99), anchor: .leftMiddle)
            }
            _ = node
        }
        // The residual branches, left of the boxes.
        for (i, node) in stack.nodes.enumerated() {
            guard let source = node.residualFrom else { continue }
            let branchY = (edgeTops[source] + tops[source]) / 2 + 4
            let addY = tops[i] + Self.addRadius
            let railX = left - Self.residualGutter / 2 - 2
            let stroke = Stroke(Color(hex: 0x7F7F7F), width: 1.2)
            canvas.path([Point(centerX, branchY), Point(railX, branchY), Point(railX, addY), Point(centerX - Self.addRadius, addY)], stroke: stroke)
            arrowHead(at: Point(centerX - Self.addRadius, addY), direction: .right, color: stroke.color, into: &canvas)
            canvas.circle(center: Point(centerX, branchY), radius: 2.5, fill: stroke.color)
        }
        // The boxes.
        var crossBoxes: [Rect] = []
        for (i, node) in stack.nodes.enumerated() {
            let top = tops[i]
            let stroke = Stroke(node.highlighted ? Self.highlight : Color(hex: 0x6B6B6B), width: node.highlighted ? 2.6 : 1)
            if node.kind == .add {
                canvas.circle(center: Point(centerX, top + Self.addRadius), radius: Self.addRadius, fill: .white, stroke: stroke)
                canvas.text("+", at: Point(centerX, top + Self.addRadius), font: Font(size: 14, bold: true), anchor: .center)
                continue
            }
            let box = Rect(x: left, y: top, width: Self.boxWidth, height: Self.height(of: node))
            if node.kind == .crossAttention { crossBoxes.append(box) }
            canvas.rect(box, fill: Self.fill(node.kind), stroke: stroke, cornerRadius: 5)
            canvas.text(node.title, at: Point(left + 9, top + 15), font: Self.titleFont,
                        color: node.highlighted ? Self.highlight : theme.text, anchor: .leftMiddle)
            if let parameters = node.parameters {
                let text = parameters == 0 ? "0 params" : "\(NumberFormat.thousands(parameters)) params"
                canvas.text(text, at: Point(box.maxX - 8, top + 15), font: Self.countFont, color: theme.mutedText, anchor: .rightMiddle)
            }
            for (j, line) in node.lines.enumerated() {
                let fitted = measurer.truncate(line, Self.lineFont, toWidth: Self.boxWidth - 18)
                canvas.text(fitted, at: Point(left + 9, top + 31 + Double(j) * Self.lineHeight), font: Self.lineFont, anchor: .leftMiddle)
            }
        }
        // The last edge: what leaves the stack.
        let out = Point(centerX, bottom + 22)
        canvas.line(from: Point(centerX, bottom), to: out, stroke: edge)
        arrowHead(at: out, direction: .down, color: theme.text, into: &canvas)
        if let last = stack.nodes.last {
            canvas.text(last.output, at: Point(centerX + 10, bottom + 11), font: Self.shapeFont,
                        color: Color(hex: 0x1F4E99), anchor: .leftMiddle)
        }
        return (out.y, crossBoxes, out)
    }
}
