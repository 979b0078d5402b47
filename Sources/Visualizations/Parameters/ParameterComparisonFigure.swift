import Charts
import Foundation
import GPTModel

/// Figure (a): the parameter totals of several models and how they split by component group.
enum ParameterComparisonFigure {
    /// Linear: one stacked bar per model. Log: totals on a log axis beside a 100 % panel of shares,
    /// because stacked segments on a log axis would misstate the segments' sizes.
    static func make(_ breakdowns: [ParameterBreakdown], logScale: Bool) -> Figure {
        logScale ? logFigure(breakdowns) : linearFigure(breakdowns)
    }

    private static func series(_ breakdowns: [ParameterBreakdown], shares: Bool) -> [BarSeries] {
        ParameterStyle.groups(in: breakdowns).map { g in
            let values = breakdowns.map { b in
                shares ? (b.total > 0 ? Double(b.count(in: g)) / Double(b.total) : 0) : Double(b.count(in: g))
            }
            return BarSeries(g.label, values: values, color: ParameterStyle.color(g),
                             labels: shares ? values.map { $0 >= 0.07 ? String(format: "%.0f%%", $0 * 100) : "" } : nil)
        }
    }

    private static func title(_ breakdowns: [ParameterBreakdown]) -> String {
        "Parameters of \(ParameterStyle.familySummary(breakdowns))"
    }

    private static func linearFigure(_ breakdowns: [ParameterBreakdown]) -> Figure {
        let names = breakdowns.map { ParameterStyle.displayName($0.name) }
        var axes = Axes(x: Axis(), y: Axis(label: "parameters"))
        if names.count > 5 || (names.map(\.count).max() ?? 0) > 12 { axes.x.tickLabelAngle = -35 }
        axes.add(BarChart(categories: names, series: series(breakdowns, shares: false), valueLabels: .totals,
                          totalLabels: breakdowns.map { ParameterStyle.total($0.total) }))
        // The published total above each exact one, so "117M" and 124.4M are read together.
        let grey = Color(hex: 0x5b6577)
        for (i, b) in breakdowns.enumerated() {
            guard let published = b.publishedTotal else { continue }
            axes.add(TextAnnotation("paper: \(NumberFormat.compact(published))", x: Double(i) + 0.5, y: Double(b.total),
                                    font: Font(size: Theme.standard.annotationFont.size - 1), color: grey,
                                    anchor: .bottomCenter, offset: Point(0, -22)))
        }
        // Room above the tallest bar for its two labels.
        axes.y.limits = 0...(Double(breakdowns.map(\.total).max() ?? 1) * 1.15)
        axes.legend = .top
        let width = max(820, 180 + 64 * Double(breakdowns.count))
        var subtitle = "Exact counts from each configuration, stacked by component; on each bar its exact total, "
            + "and above it the total the paper published."
        let totals = breakdowns.map(\.total)
        if let lo = totals.min(), let hi = totals.max(), lo > 0, Double(hi) / Double(lo) > 50 {
            subtitle += "\nSizes span \(Int((Double(hi) / Double(lo)).rounded()))×, so small models are thin here; the log-scale version compares them."
        }
        var figure = Figure(axes, width: width, height: 560, title: title(breakdowns), subtitle: subtitle)
        figure.footnote = ParameterBreakdown.conventions
        return figure
    }

    private static func logFigure(_ breakdowns: [ParameterBreakdown]) -> Figure {
        let names = breakdowns.map { ParameterStyle.displayName($0.name) }
        let groups = ParameterStyle.groups(in: breakdowns)
        let totalColor = Color(hex: 0x5b6577)

        // Bars start one decade below the smallest model so every bar has a visible length.
        let counts = breakdowns.map { Double(max(1, $0.total)) }
        let lower = pow(10, floor(log10(counts.min() ?? 1)) - 1), upper = pow(10, ceil(log10(counts.max() ?? 10)))
        // One more decade on the right when the largest bar would leave no room for its label.
        let room = log10(upper) - log10(counts.max() ?? 1) < 0.9 ? upper * 10 : upper
        var totals = Axes(title: "Total parameters (log scale)",
                          x: Axis(label: "parameters", kind: .log, limits: lower...max(room, lower * 100)), y: Axis())
        // Each label pairs the exact total with the published one: "124.4M · paper 117M".
        let labels = breakdowns.map { b in
            ParameterStyle.total(b.total) + (b.publishedTotal.map { " · paper \(NumberFormat.compact($0))" } ?? "")
        }
        var bars = BarChart(categories: names, series: [BarSeries("total", values: counts, color: totalColor)],
                            orientation: .horizontal, valueLabels: .totals, totalLabels: labels, thickness: 0.62)
        bars.labelOffset = 9
        totals.add(bars)
        let published = breakdowns.enumerated().compactMap { i, b in b.publishedTotal.map { (Double(i) + 0.5, $0) } }
        if !published.isEmpty {
            totals.add(ScatterSeries("published total", x: published.map(\.1), y: published.map(\.0),
                                     color: Color(hex: 0x222222), marker: .diamond, size: 4))
        }
        totals.legend = .none

        var shares = Axes(title: "Share of each component group",
                          x: Axis(label: "share of the model's parameters", limits: 0...1, format: .percent),
                          y: Axis(hidden: true))
        shares.add(BarChart(categories: names, series: series(breakdowns, shares: true), orientation: .horizontal,
                            valueLabels: .segments, thickness: 0.62))
        shares.legend = .none

        let height = max(420, 230 + 30 * Double(breakdowns.count))
        var figure = Figure(width: 1100, height: height, title: title(breakdowns),
                            subtitle: "Left: total parameters on a log axis. Right: how each model splits them, in % "
                                + "(stacked segments on a log axis would misstate their sizes).")
        figure.add(totals, row: 0, column: 0)
        figure.add(shares, row: 0, column: 1)
        figure.columnWeights = [1.15, 1]
        figure.spacing = Size(30, 0)
        figure.legend = groups.map { LegendEntry($0.label, swatch: .box(ParameterStyle.color($0))) }
            + (published.isEmpty ? [] : [LegendEntry("published total (paper)", swatch: .marker(.diamond, Color(hex: 0x222222)))])
        figure.footnote = ParameterBreakdown.conventions
        return figure
    }
}
