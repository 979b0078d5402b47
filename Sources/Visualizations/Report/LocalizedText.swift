/// One piece of report text in every ``ReportLanguage``: written separately for each language,
/// never translated word for word.
public struct LocalizedText: Sendable, Equatable, Codable {
    /// English text.
    public var en: String
    /// Chinese text.
    public var zh: String

    /// Text in both languages.
    public init(en: String, zh: String) {
        self.en = en
        self.zh = zh
    }

    /// The text in `language`.
    public subscript(_ language: ReportLanguage) -> String {
        switch language {
        case .en: return en
        case .zh: return zh
        }
    }
}
