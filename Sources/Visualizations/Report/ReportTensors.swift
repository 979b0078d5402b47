/// What a report's tensors file (`tensors.safetensors`) holds.
public enum ReportTensors: String, Sendable, CaseIterable {
    /// No tensors file.
    case none
    /// The recorded tensors the figures were drawn from, attention patterns in float16 (half the
    /// size; a weight in 0…1 keeps about three significant digits), the rest in float32, plus
    /// the derived tensors (logit-lens readout, next-token logits, …). The prompt records only
    /// the hooks the figures read. A prompt too long for the per-layer figures to draw every
    /// cell gets its patterns as those figures draw them (max-pooled), the closer look's head in full.
    case figures
    /// Every hook recorded, in float32, plus the derived tensors.
    case all

    /// `none`, `figures`, `all`, for messages.
    public static var choices: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// What the page says the file holds, for patterns saved max-pooled over `pooling` ×
    /// `pooling` blocks (1: every cell; see ``ReportPlanner/pooledPatterns()``).
    func pageNote(pooling: Int = 1) -> LocalizedText? {
        switch self {
        case .none: return nil
        case .figures where pooling > 1:
            return LocalizedText(en: "the recorded tensors the figures were drawn from, under their TransformerLens names (attention patterns in float16 as the layer figures draw them, the largest weight of each \(pooling) × \(pooling) block, and the closer look's head in full; the rest in float32)",
                                 zh: "画这些图所用的记录张量，按 TransformerLens 的名称保存（注意力模式为 float16，按各层图中所画保存，即每个 \(pooling) × \(pooling) 块中的最大权重，细看的那个头完整保存；其余为 float32）")
        case .figures:
            return LocalizedText(en: "the recorded tensors the figures were drawn from, under their TransformerLens names (attention patterns in float16, the rest in float32)",
                                 zh: "画这些图所用的记录张量，按 TransformerLens 的名称保存（注意力模式为 float16，其余为 float32）")
        case .all:
            return LocalizedText(en: "every recorded activation, under its TransformerLens name, in float32",
                                 zh: "记录下的全部激活值，按 TransformerLens 的名称保存，均为 float32")
        }
    }
}
