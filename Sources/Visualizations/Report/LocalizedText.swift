/// One piece of report text in every ``ReportLanguage``: written separately for English and
/// Chinese, never translated word for word. Traditional Chinese is either written out
/// (`zhHant`) or, when omitted, converted from the Simplified text by ``TraditionalChinese``,
/// whose phrase table carries the ``Glossary``'s Traditional terms.
public struct LocalizedText: Sendable, Equatable, Codable {
    /// English text.
    public var en: String
    /// Simplified Chinese text.
    public var zh: String
    /// Traditional Chinese text written out by hand (nil: converted from ``zh``).
    public var zhHant: String?

    /// Text in English and Chinese; the Traditional text is converted from `zh` unless given.
    public init(en: String, zh: String, zhHant: String? = nil) {
        self.en = en
        self.zh = zh
        self.zhHant = zhHant
    }

    /// The text in `language`.
    public subscript(_ language: ReportLanguage) -> String {
        switch language {
        case .en: return en
        case .zh: return zh
        case .zhHant: return zhHant ?? TraditionalChinese.convert(zh)
        }
    }
}
