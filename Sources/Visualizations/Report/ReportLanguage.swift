/// The language a report page is written in. Figures keep their English labels; the page's
/// headings, explanations and captions follow the language.
public enum ReportLanguage: String, Sendable, CaseIterable, Codable {
    /// English.
    case en
    /// Simplified Chinese.
    case zh

    /// The HTML `lang` attribute value.
    public var htmlCode: String {
        switch self {
        case .en: return "en"
        case .zh: return "zh-Hans"
        }
    }
}
