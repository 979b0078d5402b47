@testable import Charts
import Foundation
import Testing

/// Issue #17: a chart of NaN values (a checkpoint loaded with --allow-nonfinite) renders, with
/// "NaN" where a number cannot be drawn; a NaN bar made Cairo fail with "invalid matrix".
@Suite struct NonFiniteChartTests {
    func figure() -> Figure {
        var axes = Axes(x: Axis(limits: 0...1), y: Axis())
        axes.add(BarChart(categories: ["a", "b", "c"], series: [BarSeries("p", values: [0.5, .nan, .infinity])],
                          orientation: .horizontal, mode: .grouped, valueLabels: .segments))
        axes.legend = .none
        return Figure(axes, width: 400, height: 300)
    }

    @Test func nanBarsSayNaNAndDrawNoRectangle() throws {
        let svg = try figure().svg()
        #expect(svg.contains(">NaN</text>") && svg.contains(">+Inf</text>"))
        #expect(svg.contains(">0.5</text>"))
        #expect(!svg.lowercased().contains("nan\"") && !svg.contains("inf\""))  // no NaN coordinate
    }

    @Test func nanBarsRenderAsPNG() throws {
        let png = try figure().pngData(scale: 1)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
    }
}
