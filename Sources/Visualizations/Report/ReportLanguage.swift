/// The language a report page and its figures are written in. The page's headings,
/// explanations and captions follow it, and so do the figures' titles, axis labels, legends
/// and footnotes (through ``FigureText``); token strings and model names stay as they are.
public enum ReportLanguage: String, Sendable, CaseIterable, Codable {
    /// English.
    case en
    /// Simplified Chinese.
    case zh
    /// Traditional Chinese with Taiwan usage (參數, 詞元, 資訊).
    case zhHant = "zh-Hant"

    /// The HTML `lang` attribute value.
    public var htmlCode: String {
        switch self {
        case .en: return "en"
        case .zh: return "zh-Hans"
        case .zhHant: return "zh-Hant"
        }
    }

    /// Whether the language is written in Chinese (either script).
    public var isChinese: Bool { self != .en }

    /// Simplified Chinese text in this language's script: unchanged for `zh` (and `en`, for
    /// text that has no English version), converted by ``TraditionalChinese`` for `zh-Hant`.
    public func chinese(_ simplified: String) -> String {
        self == .zhHant ? TraditionalChinese.convert(simplified) : simplified
    }

    /// The values `--lang` accepts, for help and error messages ("en, zh or zh-Hant").
    public static var choices: String { "en, zh or zh-Hant" }
}
