import Charts
import GPTModel

/// The block diagram of a model, built from its configuration alone: every box with its real
/// sizes and parameter count, every edge with the tensor shape that flows along it.
///
/// This is the label model; ``figure()`` draws it. Tests read the labels, never pixels: the
/// diagram of GPT-2 must say `[T, 768]`, `[T, 3·768]`, `12 heads × [T, 64]`, `[T, 3072]` and
/// `[T, 50257]` because those are the configuration's numbers.
///
/// The order of the nodes is the order of the computation, so the place of the norms is the
/// model's: GPT-1 and the original Transformer normalize after each residual add (post-LN),
/// GPT-2, GPT-3 and Llama before each sublayer (pre-LN).
public struct ArchitectureDiagram: Sendable {
    /// What a node computes; the drawing colours it by kind.
    public enum Kind: String, Sendable, Equatable {
        /// Token (and learned or sinusoidal position) embedding.
        case embedding
        /// LayerNorm or RMSNorm.
        case norm
        /// Self-attention.
        case attention
        /// Encoder–decoder attention (queries from the decoder, keys and values from the encoder).
        case crossAttention
        /// The feed-forward sublayer.
        case mlp
        /// A residual add: the sublayer's output plus the stream it branched from.
        case add
        /// The output head (unembedding) that turns the stream into logits.
        case head
        /// The softmax over the vocabulary.
        case softmax
    }

    /// One box (or residual add) of the diagram.
    public struct Node: Sendable, Equatable {
        /// What it computes.
        public var kind: Kind
        /// The box's name, e.g. `LayerNorm` or `Masked self-attention`.
        public var title: String
        /// Detail lines with real sizes, e.g. `Q, K, V: [T, 768] → [T, 3·768]`.
        public var lines: [String]
        /// Its parameters (in one block for nodes inside the repeated block); `nil` for adds.
        public var parameters: Int?
        /// The tensor shape on the edge leaving the node, e.g. `[T, 768]`.
        public var output: String
        /// For an add: the index of the node at whose input the residual branch leaves the stream.
        public var residualFrom: Int?
        /// Whether a comparison highlights it as different from the other model.
        public var highlighted = false
    }

    /// One column of the diagram: the decoder, or the encoder of an encoder–decoder model.
    public struct Stack: Sendable, Equatable {
        /// `Decoder`, `Encoder`, or the model's name for a decoder-only model.
        public var name: String
        /// What enters the stack, e.g. `token ids [T]`.
        public var input: String
        /// The nodes in the order of the computation.
        public var nodes: [Node]
        /// The nodes of the repeated block.
        public var block: Range<Int>
        /// How many times the block is stacked.
        public var blockCount: Int
        /// Parameters of one block.
        public var blockParameters: Int
    }

    /// The configuration drawn.
    public let configuration: GPTConfiguration
    /// The columns: one for a decoder-only model, encoder then decoder otherwise.
    public var stacks: [Stack]
    /// Notes under the figure (what T means, shared embeddings, the mask).
    public var notes: [String]

    /// Builds the diagram of `configuration`.
    public init(_ configuration: GPTConfiguration) {
        self.configuration = configuration
        let breakdown = ParameterBreakdown(configuration)
        let c = configuration
        if c.isEncoderDecoder {
            stacks = [
                Self.stack(c, breakdown, role: .encoder, name: "Encoder"),
                Self.stack(c, breakdown, role: .decoder, name: "Decoder"),
            ]
        } else {
            stacks = [Self.stack(c, breakdown, role: .decoderOnly, name: c.name)]
        }
        var notes = ["T = tokens in the window (at most \(c.fixedContextLength.map(String.init) ?? "any number: no fixed context"))."]
        if c.isEncoderDecoder {
            notes[0] = "S = source tokens, T = target tokens (no fixed context: sinusoidal positions extend to any length)."
        }
        notes.append("Parameter counts are per block inside the repeated block; the total is \(NumberFormat.thousands(breakdown.total)).")
        self.notes = notes
    }

    /// Every text the diagram draws: titles, detail lines, edge shapes, block counts, notes.
    public var labels: [String] {
        var out: [String] = []
        for stack in stacks {
            out += [stack.name, stack.input, "× \(stack.blockCount)"]
            for node in stack.nodes { out += [node.title] + node.lines + [node.output] }
        }
        return out + notes
    }

    /// The nodes of the repeated block of the decoder (the last stack).
    public var decoderBlock: [Node] {
        let s = stacks[stacks.count - 1]
        return Array(s.nodes[s.block])
    }

    // MARK: Building

    enum Role { case encoder, decoder, decoderOnly }

    private static func stack(_ c: GPTConfiguration, _ b: ParameterBreakdown, role: Role, name: String) -> Stack {
        let d = c.embeddingWidth
        let t = role == .encoder ? "S" : "T"
        let stream = "[\(t), \(d)]"
        let componentStack: ParameterComponent.Stack = role == .encoder ? .encoder : .decoder
        func perBlock(_ test: (ParameterComponent) -> Bool) -> Int {
            b.components.filter { $0.stack == componentStack && test($0) }.reduce(0) { $0 + $1.countPerLayer }
        }
        let normName = c.normalization == .layerNorm ? "LayerNorm" : "RMSNorm"
        let normParameters = c.normalization == .layerNorm ? 2 * d : d
        let norm = Node(
            kind: .norm, title: normName,
            lines: [c.normalization == .layerNorm ? "scale γ and shift β [\(d)]" : "scale γ [\(d)], no shift, no mean"],
            parameters: normParameters, output: stream)

        var nodes: [Node] = [embedding(c, b, role: role, stream: stream)]
        let blockStart = nodes.count
        let pre = c.normPlacement == .preNorm
        func sublayer(_ node: Node) {
            let from = nodes.count
            if pre { nodes.append(norm) }
            nodes.append(node)
            nodes.append(Node(kind: .add, title: "+", lines: [], parameters: nil, output: stream, residualFrom: from))
            if !pre { nodes.append(norm) }
        }
        let selfParameters = perBlock { $0.group == .attention && !$0.name.hasPrefix("Cross") }
        sublayer(attention(c, cross: false, masked: role != .encoder, t: t, parameters: selfParameters))
        if role == .decoder {
            sublayer(attention(c, cross: true, masked: false, t: t, parameters: perBlock { $0.name.hasPrefix("Cross") }))
        }
        sublayer(mlp(c, t: t, parameters: perBlock { $0.group == .mlp }))
        let block = blockStart..<nodes.count
        let layers = role == .encoder ? c.encoderLayerCount : c.layerCount

        if role != .encoder {
            if c.hasFinalNorm {
                var final = norm
                final.title = "Final \(normName)"
                nodes.append(final)
            }
            nodes.append(head(c, b, t: t))
            nodes.append(Node(kind: .softmax, title: "Softmax", lines: ["next-token probabilities"],
                              parameters: nil, output: "[\(t), \(c.vocabularySize)]"))
        }
        let input = role == .encoder ? "source token ids [S]" : (role == .decoder ? "target token ids [T] (shifted right)" : "token ids [T]")
        return Stack(name: name, input: input, nodes: nodes, block: block, blockCount: layers,
                     blockParameters: perBlock { _ in true })
    }

    private static func embedding(_ c: GPTConfiguration, _ b: ParameterBreakdown, role: Role, stream: String) -> Node {
        let d = c.embeddingWidth, v = c.vocabularySize
        var lines = ["token table wte [\(v), \(d)]"]
        var title = "Token embedding"
        switch c.positionEncoding {
        case .learned:
            title = "Token + position embedding"
            lines.append("+ position table wpe [\(c.contextLength), \(d)]")
        case .sinusoidal:
            lines.append("+ fixed sines and cosines (no parameters)")
        case .rotary:
            lines.append("positions: rotary, applied to q and k in attention")
        }
        var parameters = b.count(in: .tokenEmbedding) + b.count(in: .positionEmbedding)
        if c.isEncoderDecoder {
            lines.append(role == .encoder ? "table shared by encoder, decoder and output head" : "the same table as the encoder's")
            if role == .decoder { parameters = 0 }
        }
        if c.isEncoderDecoder || c.positionEncoding == .sinusoidal { lines.append("× √\(d) before adding positions") }
        return Node(kind: .embedding, title: title, lines: lines, parameters: parameters, output: stream)
    }

    private static func attention(_ c: GPTConfiguration, cross: Bool, masked: Bool, t: String, parameters: Int) -> Node {
        let d = c.embeddingWidth, h = c.headCount, dh = c.headWidth, kv = c.keyValueHeadCount
        let a = c.attentionWidth
        let aText = a == d ? "\(d)" : "\(a)"
        var lines: [String]
        if cross {
            lines = ["Q: [T, \(d)] → [T, \(aText)] from the decoder",
                     "K, V: [S, \(d)] → 2 × [S, \(aText)] from the encoder",
                     "\(h) heads × [T, \(dh)]"]
        } else if kv == h {
            lines = ["Q, K, V: [\(t), \(d)] → [\(t), 3·\(aText)]", "\(h) heads × [\(t), \(dh)]"]
        } else {
            lines = ["Q: [\(t), \(d)] → \(h) query heads × [\(t), \(dh)]",
                     "K, V: [\(t), \(d)] → 2 × \(kv) kv heads × [\(t), \(dh)]",
                     "grouped-query: each kv head serves \(h / max(kv, 1)) query heads"]
        }
        if c.positionEncoding == .rotary && !cross { lines.append("rotary positions rotate q and k") }
        let scores = cross ? "[T, S]" : "[\(t), \(t)]"
        lines.append("softmax(q·k/√\(dh)\(masked ? " + causal mask" : "")): \(h) × \(scores)")
        lines.append("concat heads, out: [\(t), \(aText)] → [\(t), \(d)]")
        let title = cross ? "Cross-attention" : (masked ? "Masked self-attention" : "Self-attention")
        return Node(kind: cross ? .crossAttention : .attention, title: title, lines: lines, parameters: parameters,
                    output: "[\(t), \(d)]")
    }

    private static func mlp(_ c: GPTConfiguration, t: String, parameters: Int) -> Node {
        let d = c.embeddingWidth, f = c.mlpWidth
        let activation: String = switch c.activation {
        case .geluNew: "GELU (tanh form)"
        case .gelu: "GELU"
        case .relu: "ReLU"
        case .silu: "SiLU"
        }
        let lines: [String]
        let title: String
        if c.mlpKind == .gated {
            title = "MLP (SwiGLU)"
            lines = ["gate, up: [\(t), \(d)] → 2 × [\(t), \(f)]", "\(activation)(gate) ⊙ up: [\(t), \(f)]",
                     "down: [\(t), \(f)] → [\(t), \(d)]"]
        } else {
            title = "MLP"
            lines = ["up: [\(t), \(d)] → [\(t), \(f)]", "\(activation): [\(t), \(f)]", "down: [\(t), \(f)] → [\(t), \(d)]"]
        }
        return Node(kind: .mlp, title: title, lines: lines, parameters: parameters, output: "[\(t), \(d)]")
    }

    private static func head(_ c: GPTConfiguration, _ b: ParameterBreakdown, t: String) -> Node {
        let d = c.embeddingWidth, v = c.vocabularySize
        let lines = c.tiedOutputHead
            ? ["wte transposed: [\(t), \(d)] → [\(t), \(v)]", "tied: reuses the token table (0 new parameters)"]
            : ["lm_head: [\(t), \(d)] → [\(t), \(v)]", "untied: its own \(v) × \(d) matrix"]
        return Node(kind: .head, title: c.tiedOutputHead ? "Output head (tied)" : "Output head",
                    lines: lines, parameters: b.count(in: .outputHead), output: "[\(t), \(v)]")
    }
}
