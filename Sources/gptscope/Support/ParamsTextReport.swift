import Charts
import Foundation
import GPTModel

/// The terminal views of `gptscope params`: one model in detail, several side by side, the presets.
enum ParamsTextReport {
    /// A FLOP count as printed: exact digits (`exact`) or "1.2G" while it is a plausible number,
    /// scientific notation past 10^15 (a context of 10^18 tokens gives 10^23 FLOPs per token).
    static func flops(_ value: Double, exact: Bool) -> String {
        guard value < 1e15 else { return Formatting.scientific(value) }
        return exact ? NumberFormat.thousands(Int(value)) : NumberFormat.human(value)
    }

    /// One model: sizes, the component table with formulas, then the derived figures.
    static func detail(_ b: ParameterBreakdown, _ e: ComputeEstimate) -> String {
        let c = b.configuration
        var out = ["\(c.name) · \(NumberFormat.thousands(b.total)) parameters (\(NumberFormat.human(Double(b.total))))"]
        out.append("")
        out.append("  Sizes         " + sizes(c))
        out.append("  Architecture  " + architecture(c))
        out.append("")

        var table = TextTable(columns: [
            .init("Component"), .init("Formula"), .init("Arithmetic"),
            .init("Parameters", alignment: .right), .init("Share", alignment: .right),
        ])
        var currentStack: ParameterComponent.Stack?
        for component in b.components {
            if component.stack != currentStack, let stack = component.stack {
                table.addSection(blockHeading(c, stack))
            }
            currentStack = component.stack
            table.add([
                component.name, component.formula, component.note ?? component.arithmetic,
                NumberFormat.thousands(component.count), Formatting.share(b.share(of: component)),
            ], indent: component.isPerLayer ? 2 : 0)
        }
        table.addRule()
        table.add(["Total", "", "", NumberFormat.thousands(b.total), "100.0%"])
        out.append(table.render())
        out.append("")
        out.append(groupSubtotals(b))
        out.append("")
        out.append(summary(b, e))
        out.append("")
        out.append(Formatting.wrap("Source: " + c.source, indent: "  "))
        return out.joined(separator: "\n")
    }

    /// The components summed into embeddings, attention, MLP and normalization (and an untied
    /// head): the four numbers a split of the model should give, and which add up to the total.
    static func groupSubtotals(_ b: ParameterBreakdown) -> String {
        let c = b.configuration
        let norm = c.normalization == .layerNorm ? "LayerNorm" : "RMSNorm"
        var rows: [(String, Int)] = [
            ("Embeddings (token + position tables)", b.embeddingTablesCount),
            ("Attention" + (c.isEncoderDecoder ? " (self and cross)" : ""), b.count(in: .attention)),
            ("MLP", b.count(in: .mlp)),
            ("Normalization (\(norm))", b.count(in: .normalization)),
        ]
        if b.count(in: .outputHead) > 0 { rows.append(("Output head (untied)", b.count(in: .outputHead))) }
        var table = TextTable(columns: [
            .init("By group"), .init("Parameters", alignment: .right), .init("Share", alignment: .right),
        ])
        for (label, count) in rows {
            table.add([label, NumberFormat.thousands(count), Formatting.share(Double(count) / Double(max(b.total, 1)))])
        }
        table.addRule()
        table.add(["Total", NumberFormat.thousands(rows.map(\.1).reduce(0, +)), "100.0%"])
        return table.render()
    }

    /// Derived figures under the component table; a note may continue on further lines.
    static func summary(_ b: ParameterBreakdown, _ e: ComputeEstimate) -> String {
        let c = b.configuration
        let total = Double(max(b.total, 1))
        var rows: [(String, String, [String])] = [
            ("Embedding", NumberFormat.thousands(b.embeddingCount),
             [Formatting.share(Double(b.embeddingCount) / total) + "  token and position tables"
                + (c.tiedOutputHead ? "" : " and the untied output head")]),
            ("Non-embedding (N)", NumberFormat.thousands(b.nonEmbeddingCount),
             [Formatting.share(Double(b.nonEmbeddingCount) / total)]),
        ]
        if let encoder = b.parametersPerEncoderLayer {
            rows.append(("Per encoder block", NumberFormat.thousands(encoder), []))
            rows.append(("Per decoder block", NumberFormat.thousands(b.parametersPerLayer), []))
        } else {
            rows.append(("Per block", NumberFormat.thousands(b.parametersPerLayer), []))
        }
        var flops = ["\(ComputeEstimate.forwardFormula)  (Kaplan et al. 2020; N = non-embedding parameters)"]
        flops.append(e.contextIsAssumed
            ? "n_ctx = \(NumberFormat.thousands(e.contextLength)) is an assumption: the model has no fixed context (see --context)"
            : "n_ctx = \(NumberFormat.thousands(e.contextLength))")
        if c.isEncoderDecoder { flops.append("n_layer counts all \(e.attentionLayers) attention sublayers (self and cross)") }
        flops.append("= 2 × \(NumberFormat.thousands(e.nonEmbeddingParameters)) + 2 × \(e.attentionLayers) × "
            + "\(NumberFormat.thousands(e.contextLength)) × \(NumberFormat.thousands(e.attentionWidth)) "
            + "= \(Self.flops(e.forwardFLOPsPerToken, exact: true))")
        rows.append(("Forward FLOPs/token", Self.flops(e.forwardFLOPsPerToken, exact: false), flops))
        rows.append(("Weights in memory", Formatting.bytes(b.weightBytes(at: .fp32)), [
            "fp32;  fp16/bf16 " + Formatting.bytes(b.weightBytes(at: .fp16))
                + ";  int8 " + Formatting.bytes(b.weightBytes(at: .int8)) + "  (1 GB = 10⁹ bytes)",
        ]))
        if let tokens = e.trainingTokens, let flops = e.trainingFLOPs {
            rows.append(("Training compute", Formatting.scientific(flops) + " FLOPs", [
                "\(ComputeEstimate.trainingFormula) (P = all parameters, D = \(NumberFormat.human(tokens)) training tokens)"
                    + " = " + String(format: flops >= 8.64e19 ? "%.0f" : "%.2g", flops / 8.64e19) + " petaflop/s-days",
            ]))
        }
        if let published = b.publishedTotal, let difference = b.differenceFromPublished {
            let direction = difference >= 0 ? "above" : "below"
            let percent = Formatting.difference(abs(difference)).dropFirst()
            rows.append(("Published", Formatting.published(published),
                         ["the exact count is \(percent) \(direction) it (see the source below)"]))
        }
        let labelWidth = rows.map(\.0.count).max() ?? 0
        let valueWidth = rows.map { TextTable.displayWidth($0.1) }.max() ?? 0
        let continuation = String(repeating: " ", count: 2 + labelWidth + 2 + valueWidth + 2)
        return rows.map { label, value, notes in
            var line = "  " + label.padding(toLength: labelWidth, withPad: " ", startingAt: 0) + "  "
                + String(repeating: " ", count: valueWidth - TextTable.displayWidth(value)) + value
            for (i, note) in notes.enumerated() {
                line += i == 0 ? "  " + note : "\n" + continuation + note
            }
            return line
        }.joined(separator: "\n")
    }

    /// Several models side by side: sizes, exact and human totals, published and difference.
    static func comparison(_ models: [(ParameterBreakdown, ComputeEstimate)]) -> String {
        var table = TextTable(columns: [
            .init("Model"), .init("Layers", alignment: .right), .init("d_model", alignment: .right),
            .init("Heads", alignment: .right), .init("Context", alignment: .right),
            .init("Vocab", alignment: .right), .init("Parameters", alignment: .right),
            .init("≈", alignment: .right), .init("Published", alignment: .right),
            .init("Diff.", alignment: .right), .init("Embed.", alignment: .right),
            .init("FLOPs/token", alignment: .right),
        ] + (models.contains { $0.1.trainingFLOPs != nil } ? [.init("Training", alignment: .right)] : []))
        for (b, e) in models {
            let c = b.configuration
            let layers = c.isEncoderDecoder ? "\(c.encoderLayerCount)+\(c.layerCount)" : "\(c.layerCount)"
            table.add([
                c.name, layers, NumberFormat.thousands(c.embeddingWidth), heads(c),
                context(c), NumberFormat.thousands(c.vocabularySize),
                NumberFormat.thousands(b.total), NumberFormat.human(Double(b.total)),
                b.publishedTotal.map(Formatting.published) ?? "—",
                b.differenceFromPublished.map(Formatting.difference) ?? "—",
                Formatting.share(Double(b.embeddingCount) / Double(max(b.total, 1))),
                Self.flops(e.forwardFLOPsPerToken, exact: false) + (e.contextIsAssumed ? "*" : ""),
                e.trainingFLOPs.map { Formatting.scientific($0) } ?? "",
            ])
        }
        return table.render()
    }

    /// Several models' parameters split by group, as shares of each model's total.
    static func groupShares(_ models: [ParameterBreakdown]) -> String {
        var table = TextTable(columns: [.init("Share by group")] + ParameterGroup.allCases.map {
            .init($0.label.prefix(1).uppercased() + $0.label.dropFirst(), alignment: .right)
        })
        for b in models {
            table.add([b.name] + ParameterGroup.allCases.map {
                Formatting.share(Double(b.count(in: $0)) / Double(max(b.total, 1)))
            })
        }
        return table.render()
    }

    /// Every preset in a table with its citation; `full` adds each preset's whole source note.
    static func presetList(full: Bool) -> String {
        var table = TextTable(columns: [
            .init("Preset"), .init("Layers", alignment: .right), .init("d_model", alignment: .right),
            .init("Heads", alignment: .right), .init("Parameters", alignment: .right),
            .init("Published", alignment: .right), .init("Source"),
        ])
        for c in GPTConfiguration.presets {
            let total = ParameterBreakdown(c).total
            table.add([
                c.name, c.isEncoderDecoder ? "\(c.encoderLayerCount)+\(c.layerCount)" : "\(c.layerCount)",
                NumberFormat.thousands(c.embeddingWidth), heads(c), NumberFormat.human(Double(total)),
                c.publishedParameterCount.map(Formatting.published) ?? "—", citation(c.source),
            ])
        }
        var out = [table.render(), ""]
        if full {
            for c in GPTConfiguration.presets {
                out.append(c.name)
                out.append(Formatting.wrap(c.source, indent: "  "))
                out.append("")
            }
        }
        out.append(Formatting.wrap(
            "Names are case-insensitive; a config.json file or a checkpoint directory works too. "
                + (full ? "" : "Each preset's full source and notes: gptscope params --list --detail.")))
        return out.joined(separator: "\n")
    }

    /// The source's short citation: authors and year, then the table or section after the title
    /// (`Brown et al. 2020, Table 2.1`).
    static func citation(_ source: String) -> String {
        let quotes = source.indices.filter { source[$0] == "\"" }
        guard quotes.count >= 2 else { return String(source.prefix(40)) }
        let authors = source[..<quotes[0]].trimmingCharacters(in: CharacterSet(charactersIn: ", "))
        var rest = Substring(source[source.index(after: quotes[1])...])
        if let end = rest.firstIndex(where: { ":;(".contains($0) }) { rest = rest[..<end] }
        if let period = rest.range(of: ". ") { rest = rest[..<period.lowerBound] }
        let place = rest.trimmingCharacters(in: CharacterSet(charactersIn: ",. "))
        return place.isEmpty ? authors : "\(authors), \(place)"
    }

    /// The context as a fact: `1,024`, or `none (sinusoidal)` for a model without a fixed one.
    static func context(_ c: GPTConfiguration) -> String {
        c.fixedContextLength.map(NumberFormat.thousands) ?? "none (\(c.positionEncoding.rawValue))"
    }

    static func heads(_ c: GPTConfiguration) -> String {
        c.keyValueHeadCount == c.headCount ? "\(c.headCount)" : "\(c.headCount) (\(c.keyValueHeadCount) kv)"
    }

    /// The conventions, stated once under the tables.
    static let conventions = Formatting.wrap(
        "Conventions: a" + ParameterBreakdown.conventions.dropFirst(), indent: "")

    // MARK: Pieces

    static func sizes(_ c: GPTConfiguration) -> String {
        var parts: [String] = []
        if c.isEncoderDecoder {
            parts.append("L_enc = \(c.encoderLayerCount) · L_dec = \(c.layerCount)")
        } else {
            parts.append("L = \(c.layerCount)")
        }
        parts.append("d = \(NumberFormat.thousands(c.embeddingWidth))")
        parts.append("d_ff = \(NumberFormat.thousands(c.mlpWidth))")
        parts.append("n_head = \(c.headCount)")
        if c.keyValueHeadCount != c.headCount { parts.append("n_kv = \(c.keyValueHeadCount)") }
        parts.append("d_head = \(c.headWidth)"
            + (c.attentionWidth != c.embeddingWidth ? " (d_attn = \(NumberFormat.thousands(c.attentionWidth)))" : ""))
        parts.append("V = \(NumberFormat.thousands(c.vocabularySize))")
        parts.append("n_ctx = \(context(c))")
        return parts.joined(separator: " · ")
    }

    static func architecture(_ c: GPTConfiguration) -> String {
        let norm = c.normalization == .layerNorm ? "LayerNorm" : "RMSNorm"
        let placement = c.normPlacement == .preNorm ? "pre-norm" : "post-norm"
        let activation: String = switch c.activation {
        case .geluNew: "GELU (tanh)"
        case .gelu: "GELU"
        case .relu: "ReLU"
        case .silu: c.mlpKind == .gated ? "SwiGLU" : "SiLU"
        }
        let biases: String = switch (c.attentionBias, c.mlpBias) {
        case (true, true): "biases"
        case (false, false): "no biases"
        case (true, false): c.attentionOutputBias ? "attention biases only" : "Q, K, V biases only"
        case (false, true): "MLP biases only"
        }
        return [
            c.isEncoderDecoder ? "encoder–decoder" : "decoder-only",
            "\(placement) \(norm)" + (c.hasFinalNorm ? ", final norm" : ", no final norm")
                + (c.parallelResidual ? ", parallel attention and MLP" : ""),
            activation, "\(c.positionEncoding.rawValue) positions",
            c.tiedOutputHead ? "tied head" : "untied head", biases,
        ].joined(separator: " · ")
    }

    private static func blockHeading(_ c: GPTConfiguration, _ stack: ParameterComponent.Stack) -> String {
        switch (c.isEncoderDecoder, stack) {
        case (false, _): "Each of the \(c.layerCount) blocks (L = \(c.layerCount)):"
        case (true, .encoder): "Encoder, each of the \(c.encoderLayerCount) blocks (L_enc = \(c.encoderLayerCount)):"
        case (true, .decoder): "Decoder, each of the \(c.layerCount) blocks (L_dec = \(c.layerCount)):"
        }
    }
}
