import GPTModel

/// What the page says about one figure: its file stem, where it sits, its heading and its
/// explanation in every language, and the recorded hooks it was drawn from.
public struct ReportItem: Sendable, Equatable, Codable {
    /// File name without extension, e.g. `attention.L3.heads` (the page links `<stem>.png`).
    public var stem: String
    /// The chapter it belongs to.
    public var section: ReportSection
    /// A sub-heading shared by consecutive items (e.g. "Layer 3"), nil for none.
    public var group: LocalizedText?
    /// The figure's heading on the page.
    public var title: LocalizedText
    /// Two or three sentences: what the figure shows and how to read it.
    public var explanation: LocalizedText
    /// TransformerLens names of the recorded tensors the figure was drawn from (saved beside it).
    public var hooks: [String]

    /// An item; `hooks` are TransformerLens hook names.
    public init(stem: String, section: ReportSection, group: LocalizedText? = nil, title: LocalizedText,
                explanation: LocalizedText, hooks: [HookName] = []) {
        self.stem = stem
        self.section = section
        self.group = group
        self.title = title
        self.explanation = explanation
        self.hooks = hooks.map(\.description)
    }
}
