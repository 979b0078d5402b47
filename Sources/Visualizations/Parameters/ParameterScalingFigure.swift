import Charts
import GPTModel

/// Figure (c): how the architecture grows across models, as small multiples of horizontal bars
/// (layers, heads, width, head width, context, parameters), one bar per model, coloured by family.
enum ParameterScalingFigure {
    private struct Panel {
        let title: String
        let value: (ParameterBreakdown) -> Double
        let log: Bool
        let format: @Sendable (Double) -> String
        var label: ((ParameterBreakdown) -> String)? = nil

        func text(_ b: ParameterBreakdown) -> String { label?(b) ?? format(value(b)) }
    }

    static func make(_ breakdowns: [ParameterBreakdown]) -> Figure {
        let names = breakdowns.map { ParameterStyle.displayName($0.name) }
        let families = ParameterStyle.familyColors(breakdowns)
        let integer: @Sendable (Double) -> String = { NumberFormat.thousands(Int($0)) }
        let panels = [
            Panel(title: "Layers (L)", value: { Double($0.configuration.layerCount) }, log: false, format: integer),
            Panel(title: "Attention heads (h)", value: { Double($0.configuration.headCount) }, log: false, format: integer),
            Panel(title: "Width (d_model)", value: { Double($0.configuration.embeddingWidth) }, log: false, format: integer),
            Panel(title: "Head width (d_model / h)", value: { Double($0.configuration.headWidth) }, log: false, format: integer),
            // A model without a fixed context gets no bar, and says so instead of showing its FLOPs assumption.
            Panel(title: "Context length (tokens)", value: { Double($0.configuration.fixedContextLength ?? 0) }, log: false,
                  format: integer, label: { ParameterStyle.context($0.configuration) }),
            Panel(title: "Parameters (log scale)", value: { Double($0.total) }, log: true, format: { ParameterStyle.total(Int($0)) }),
        ]
        let height = max(520, 250 + 2 * 19 * Double(breakdowns.count))
        var figure = Figure(width: 1100, height: height, title: "How the architecture scales: \(ParameterStyle.familySummary(breakdowns))",
                            subtitle: "One bar per model; each panel has its own axis. Parameters grow with L · d², "
                                + "so width and depth together drive the total.")
        for (i, panel) in panels.enumerated() {
            let column = i % 3
            var axes = Axes(title: panel.title, x: Axis(kind: panel.log ? .log : .linear, tickTarget: 3),
                            y: Axis(hidden: column != 0))
            // One series per family; each bar belongs to exactly one, so bars take their family colour.
            let series = families.map { family in
                BarSeries(family.family, values: breakdowns.map { ParameterStyle.family($0.name) == family.family ? panel.value($0) : 0 },
                          color: family.color)
            }
            axes.add(BarChart(categories: names, series: series, orientation: .horizontal, valueLabels: .totals,
                              totalLabels: breakdowns.map(panel.text), thickness: 0.7))
            axes.legend = .none
            if !panel.log {
                let largest = breakdowns.map(panel.value).max() ?? 1
                axes.x.limits = 0...(largest * 1.35)
            }
            figure.add(axes, row: i / 3, column: column)
        }
        figure.columnWeights = [1.25, 1, 1]
        figure.spacing = Size(26, 30)
        if families.count > 1 {
            figure.legend = families.map { LegendEntry($0.family, swatch: .box($0.color)) }
        }
        return figure
    }
}
