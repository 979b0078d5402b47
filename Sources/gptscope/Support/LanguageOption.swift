import ArgumentParser
import Visualizations

/// `--lang`: the language of a command's figures (titles, axis labels, legends, footnotes),
/// shared by every figure-drawing command.
struct LanguageOption: ParsableArguments {
    @Option(name: .customLong("lang"),
            help: ArgumentHelp("Language of the figure's words: \(ReportLanguage.choices).", valueName: "lang"))
    var language: ReportLanguage = .en
}

extension ReportLanguage: ExpressibleByArgument {
    /// Accepts `en`, `zh` (also `zh-Hans`, `zh-CN`) and `zh-Hant` (also `zh-TW`, `zh-HK`), any case.
    public init?(argument: String) {
        switch argument.lowercased().replacingOccurrences(of: "_", with: "-") {
        case "en", "en-us", "en-gb": self = .en
        case "zh", "zh-hans", "zh-cn", "zh-sg": self = .zh
        case "zh-hant", "zh-tw", "zh-hk", "zh-mo": self = .zhHant
        default: return nil
        }
    }

    /// The three canonical names in help.
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}
