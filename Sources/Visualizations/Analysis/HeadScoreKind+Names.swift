extension HeadScoreKind {
    /// The kind's name, the one source for every page, caption and title: in English its raw
    /// value (`previous-token`), in Chinese the term the report page's head-score explanation
    /// defines (前一个词元, 首词元, 当前词元, 重复词元, 归纳).
    public var name: LocalizedText {
        switch self {
        case .previousToken: return LocalizedText(en: rawValue, zh: "前一个词元")
        case .firstToken: return LocalizedText(en: rawValue, zh: "首词元")
        case .currentToken: return LocalizedText(en: rawValue, zh: "当前词元")
        case .duplicateToken: return LocalizedText(en: rawValue, zh: "重复词元")
        case .induction: return LocalizedText(en: rawValue, zh: "归纳")
        }
    }

    /// A head of this kind: `previous-token`, 前一个词元头.
    public var headName: LocalizedText { LocalizedText(en: name.en, zh: name.zh + "头") }

    /// The English name shortened for captions under small frames (`prev-token`, `self`).
    public var shortName: String {
        switch self {
        case .previousToken: return "prev-token"
        case .firstToken: return "first-token"
        case .currentToken: return "self"
        case .duplicateToken: return "duplicate"
        case .induction: return "induction"
        }
    }
}
