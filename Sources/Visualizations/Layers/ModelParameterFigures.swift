import Charts
import GPTModel

/// The parameter-anatomy figures for a loaded checkpoint's own configuration.
enum ModelParameterFigures {
    /// Every component of the loaded model.
    static func breakdown(_ configuration: GPTConfiguration) -> Figure {
        var figure = ParameterFigures.breakdown(ParameterBreakdown(configuration))
        figure.title = "\(configuration.name) (loaded): \(NumberFormat.thousands(ParameterBreakdown(configuration).total)) parameters"
        return figure
    }

    /// The loaded model first, then GPT-1, the GPT-2 and the GPT-3 family, on a log axis.
    static func comparison(_ configuration: GPTConfiguration) -> Figure {
        var loaded = configuration
        // A name outside the preset families, so it is not displayed or counted as one of them.
        loaded.name = "this model: \(configuration.name)"
        let family = GPTConfiguration.presets.filter { $0.name == "gpt1" || $0.name.hasPrefix("gpt2") || $0.name.hasPrefix("gpt3") }
        var figure = ParameterFigures.comparison([ParameterBreakdown(loaded)] + family.map(ParameterBreakdown.init), logScale: true)
        figure.title = "Parameters of \(configuration.name) beside GPT-1, GPT-2 and GPT-3"
        return figure
    }
}
