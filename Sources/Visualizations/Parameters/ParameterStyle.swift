import Charts
import GPTModel

/// Shared colours and names for the parameter figures, so every figure colours a component
/// group and names a model the same way.
enum ParameterStyle {
    /// One fixed colour per component group (Tableau 10 hues).
    static func color(_ group: ParameterGroup) -> Color {
        switch group {
        case .tokenEmbedding: Color(hex: 0x4e79a7)
        case .positionEmbedding: Color(hex: 0x9fc3e7)
        case .attention: Color(hex: 0xf28e2b)
        case .mlp: Color(hex: 0xe15759)
        case .normalization: Color(hex: 0x59a14f)
        case .outputHead: Color(hex: 0xb07aa1)
        }
    }

    /// Groups with a non-zero count in at least one of `breakdowns`, in model order.
    static func groups(in breakdowns: [ParameterBreakdown]) -> [ParameterGroup] {
        ParameterGroup.allCases.filter { g in breakdowns.contains { $0.count(in: g) > 0 } }
    }

    /// A slide-friendly model name: "gpt2-medium" → "GPT-2 Medium", "gpt3-175b" → "GPT-3 175B".
    static func displayName(_ name: String) -> String {
        let families: [(prefix: String, label: String)] = [
            ("gpt1", "GPT-1"), ("gpt2", "GPT-2"), ("gpt3", "GPT-3"), ("llama2", "Llama 2"), ("transformer", "Transformer"),
        ]
        for (prefix, label) in families where name.lowercased().hasPrefix(prefix) {
            var rest = String(name.dropFirst(prefix.count))
            if rest.hasPrefix("-") { rest.removeFirst() }
            if rest.isEmpty { return label }
            // Sizes such as 175b / 2.7b / 70b read as 175B / 2.7B / 70B.
            if let last = rest.last, last == "b" || last == "m", rest.dropLast().allSatisfy({ $0.isNumber || $0 == "." }) {
                rest = rest.dropLast() + String(last).uppercased()
            } else if rest == "xl" {
                rest = "XL"
            } else if let first = rest.first {
                // The papers write GPT-3 Small, GPT-2 Medium.
                rest = first.uppercased() + rest.dropFirst()
            }
            return "\(label) \(rest)"
        }
        return name
    }

    /// An exact total, short but with enough digits to compare with a published round figure:
    /// 124.4M, 1.56B (not 1.6B beside "1.542B"), 12.85B, 174.6B.
    static func total(_ count: Int) -> String {
        let value = Double(count)
        return NumberFormat.human(value, digits: value >= 1e9 && value < 100e9 ? 2 : 1)
    }

    /// The context as a fact: "1,024", or "none (sinusoidal)" for a model without a fixed one
    /// (the original Transformer), never the length its FLOP estimates assume.
    static func context(_ c: GPTConfiguration) -> String {
        c.fixedContextLength.map(NumberFormat.thousands) ?? "none (\(c.positionEncoding.rawValue))"
    }

    /// The family a model belongs to (for colouring the scaling figure).
    static func family(_ name: String) -> String {
        let display = displayName(name)
        for f in ["GPT-1", "GPT-2", "GPT-3", "Llama 2", "Transformer"] where display.hasPrefix(f) { return f }
        return "other"
    }

    /// A colour per family, in order of first appearance.
    static func familyColors(_ breakdowns: [ParameterBreakdown]) -> [(family: String, color: Color)] {
        let palette = [0x4e79a7, 0xf28e2b, 0x59a14f, 0xb07aa1, 0x76b7b2, 0x9c755f].map { Color(hex: UInt32($0)) }
        var seen: [String] = []
        for b in breakdowns where !seen.contains(family(b.name)) { seen.append(family(b.name)) }
        return seen.enumerated().map { ($0.element, palette[$0.offset % palette.count]) }
    }

    /// A short list of model names for a title: "GPT-1, GPT-2 (4), GPT-3 (8)".
    static func familySummary(_ breakdowns: [ParameterBreakdown]) -> String {
        var order: [String] = []
        var counts: [String: Int] = [:]
        for b in breakdowns {
            let f = family(b.name) == "other" ? displayName(b.name) : family(b.name)
            if counts[f] == nil { order.append(f) }
            counts[f, default: 0] += 1
        }
        return order.map { counts[$0, default: 0] > 1 ? "\($0) (\(counts[$0, default: 0]))" : $0 }.joined(separator: ", ")
    }
}
