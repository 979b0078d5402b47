import Charts
import Foundation
import GPTModel

/// Figure (b): every component of one model as a horizontal bar with its count, share and formula.
enum ParameterBreakdownFigure {
    static func make(_ b: ParameterBreakdown) -> Figure {
        let c = b.configuration
        let parts = b.components.filter { $0.count > 0 }
        let names = parts.map { p -> String in
            guard c.isEncoderDecoder, let stack = p.stack else { return p.name }
            return "\(stack.rawValue): \(p.name)"
        }
        let groups = ParameterGroup.allCases.filter { g in parts.contains { $0.group == g } }
        // One series per group, non-zero only on that group's rows, so each row has its group's colour.
        let series = groups.map { g in
            BarSeries(g.label, values: parts.map { $0.group == g ? Double($0.count) : 0 }, color: ParameterStyle.color(g))
        }
        let labels = parts.map { p in
            "\(NumberFormat.human(Double(p.count))) · \(NumberFormat.percent(b.share(of: p))) · \(p.formula)"
        }
        var axes = Axes(x: Axis(label: "parameters", limits: 0...valueLimit(parts, labels: labels, names: names), includeZero: true),
                        y: Axis())
        axes.y.maxLabelWidth = 320
        axes.add(BarChart(categories: names, series: series, orientation: .horizontal, valueLabels: .totals,
                          totalLabels: labels, thickness: 0.66))
        axes.legend = .top

        let display = ParameterStyle.displayName(b.name)
        var facts = ["\(c.layerCount) \(c.isEncoderDecoder ? "decoder " : "")layers", "d_model \(NumberFormat.thousands(c.embeddingWidth))",
                     "\(c.headCount) heads", "context \(ParameterStyle.context(c))",
                     "vocabulary \(NumberFormat.thousands(c.vocabularySize))"]
        if c.isEncoderDecoder { facts.insert("\(c.encoderLayerCount) encoder layers", at: 0) }
        var subtitle = facts.joined(separator: " · ")
        // The key to the bars follows the published total's sentence, or starts its own line
        // (after the facts it would run on without a separator).
        if let published = b.publishedTotal, let diff = b.differenceFromPublished {
            subtitle += "\nPublished \(NumberFormat.compact(published)) vs \(ParameterStyle.total(b.total)) counted here "
                + "(\(String(format: "%+.1f%%", diff * 100)))."
            subtitle += " Bars: count · share of total · formula (L layers, d width)."
        } else {
            subtitle += "\nBars: count · share of total · formula (L layers, d width)."
        }
        let height = max(420, 210 + 25 * Double(parts.count))
        var figure = Figure(axes, width: width, height: height,
                            title: "\(display): \(NumberFormat.thousands(b.total)) parameters", subtitle: subtitle)
        figure.footnote = ParameterBreakdown.conventions
        return figure
    }

    static let width = 960.0

    /// The axis end that leaves room for every row's label after its bar: a bar of value v ends
    /// at v / limit of the plot width W, and its label needs w points after that.
    private static func valueLimit(_ parts: [ParameterComponent], labels: [String], names: [String]) -> Double {
        let theme = Theme.standard
        guard let m = try? TextMeasurer() else { return Double(parts.map(\.count).max() ?? 1) * 1.8 }
        let bold = Font(size: theme.annotationFont.size, bold: true)
        // Plot width: figure minus outer margins, the category labels and their ticks.
        let plotWidth = width - 2 * 16 - min(320, m.maxWidth(names, theme.tickFont)) - 20
        var limit = Double(parts.map(\.count).max() ?? 1)
        for (p, label) in zip(parts, labels) {
            let room = 1 - (m.measure(label, bold).width + 12) / plotWidth
            if room > 0.2 { limit = max(limit, Double(p.count) / room) }
        }
        return limit
    }
}
