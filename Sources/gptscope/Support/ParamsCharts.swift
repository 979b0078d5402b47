import Charts
import Foundation
import GPTModel
import Visualizations

/// The figures of `gptscope params --chart` and `--report`, drawn by `ParameterFigures`.
enum ParamsCharts {
    /// Which figure `--chart` draws.
    enum Kind: String, CaseIterable {
        /// Stacked bars of component groups per model (`--log` for a log axis).
        case comparison
        /// One model's components, with counts and shares.
        case breakdown
        /// Layers, heads, d_model, context and parameters across the models.
        case scaling
    }

    /// The figure `--chart` draws when `--figure` is not given: one model → its breakdown,
    /// several → the comparison.
    static func defaultKind(modelCount: Int) -> Kind { modelCount == 1 ? .breakdown : .comparison }

    /// Builds one figure; a breakdown of several models draws the first.
    static func figure(_ kind: Kind, _ breakdowns: [ParameterBreakdown], logScale: Bool) -> Figure {
        switch kind {
        case .comparison: ParameterFigures.comparison(breakdowns, logScale: logScale)
        case .breakdown: ParameterFigures.breakdown(breakdowns[0])
        case .scaling: ParameterFigures.scaling(breakdowns)
        }
    }

    /// The models of the report: GPT-1, every GPT-2 and every GPT-3 preset.
    static var reportFamily: [GPTConfiguration] {
        GPTConfiguration.presets.filter { $0.name == "gpt1" || $0.name.hasPrefix("gpt2") || $0.name.hasPrefix("gpt3") }
    }

    /// The models of the report's per-model breakdowns: the original of each generation.
    static let reportHighlights = ["gpt1", "gpt2", "gpt3-175b"]

    /// Models small enough to share a linear axis with GPT-1 (up to 2B parameters), so that no
    /// bar shrinks to a sliver.
    static func linearFamily(_ family: [ParameterBreakdown]) -> [ParameterBreakdown] {
        let small = family.filter { $0.total <= 2_000_000_000 }
        return small.count >= 2 ? small : family
    }

    /// Writes every parameter figure as PNG and SVG into `folder`; returns the files in order:
    /// `params.comparison` (log axis, every model of `family`), `params.comparison.linear`
    /// (stacked bars on a linear axis, the models of `family` up to 2B parameters),
    /// `params.breakdown.<model>` for each of `highlights`, and `params.scaling`.
    static func writeReport(
        highlights: [ParameterBreakdown], family: [ParameterBreakdown], to folder: URL, scale: Double,
        language: ReportLanguage = .en
    ) throws -> [URL] {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var figures: [(String, Figure)] = [
            ("params.comparison", ParameterFigures.comparison(family, logScale: true)),
            ("params.comparison.linear", ParameterFigures.comparison(linearFamily(family), logScale: false)),
        ]
        figures += highlights.map { ("params.breakdown.\($0.name)", ParameterFigures.breakdown($0)) }
        figures.append(("params.scaling", ParameterFigures.scaling(family)))
        var written: [URL] = []
        for (name, figure) in figures {
            for ext in ["png", "svg"] {
                let url = folder.appendingPathComponent("\(name).\(ext)")
                try figure.localized(language).write(to: url, scale: scale)
                written.append(url)
            }
        }
        return written
    }
}
