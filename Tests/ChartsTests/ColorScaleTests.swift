@testable import Charts
import Foundation
import Testing

/// Power and log normalisation on hand-worked values, and colorbar ticks placed through the
/// same mapping as the image.
@Suite struct ColorScaleTests {
    @Test func squareRootLiftsSmallValues() throws {
        let sqrt = Normalize.power(0.5, 0, 1)
        // √0.25 = 0.5, √0.01 = 0.1, √0.64 = 0.8; the ends stay put and clamp.
        #expect(abs(try #require(sqrt(0.25)) - 0.5) < 1e-12)
        #expect(abs(try #require(sqrt(0.01)) - 0.1) < 1e-12)
        #expect(abs(try #require(sqrt(0.64)) - 0.8) < 1e-12)
        #expect(sqrt(0) == 0 && sqrt(1) == 1 && sqrt(-0.5) == 0 && sqrt(4) == 1)
        #expect(sqrt(.nan) == nil)
        // On 2…6 the linear position (4 → 0.5) is what is raised: √0.5.
        #expect(abs(try #require(Normalize.power(0.5, 2, 6)(4)) - 0.5.squareRoot()) < 1e-12)
    }

    @Test func logWithAFloorOfOneTenThousandth() throws {
        // log10 from 1e-4 to 1 spans 4 decades: 0.01 is two of them, the middle of the bar.
        let log = Normalize.log(1e-4, 1)
        #expect(abs(try #require(log(0.01)) - 0.5) < 1e-12)
        #expect(abs(try #require(log(0.1)) - 0.75) < 1e-12)
        #expect(abs(try #require(log(1.0 / 128)) - (4 - Foundation.log10(128)) / 4) < 1e-12)
        // At and below the floor: the darkest colour, zero included.
        #expect(log(1e-4) == 0 && log(1e-6) == 0 && log(0) == 0)
    }

    @Test func colorbarTicksSitWhereTheMappingPutsThem() throws {
        let sqrt = Colorbar(mapping: ColorMapping(normalize: .power(0.5, 0, 1)))
        // Evenly along the bar (0, 0.2, …, 1), as values t² rounded to one digit:
        // 0, 0.04, 0.16 → 0.2, 0.36 → 0.4, 0.64 → 0.6, 1.
        #expect(sqrt.ticks.map(\.value) == [0, 0.04, 0.2, 0.4, 0.6, 1])
        #expect(sqrt.ticks.map(\.label) == ["0", "0.04", "0.2", "0.4", "0.6", "1"])
        // A tick labelled 0.04 is drawn at √0.04 = 0.2 of the bar, 0.25 would be at 0.5.
        let expected = [0, 0.2, 0.2.squareRoot(), 0.4.squareRoot(), 0.6.squareRoot(), 1]
        for (tick, want) in zip(sqrt.ticks, expected) { #expect(abs(sqrt.position(tick) - want) < 1e-12) }
        #expect(abs(sqrt.position(Tick(value: 0.25, label: "0.25")) - 0.5) < 1e-12)

        let log = Colorbar(mapping: ColorMapping(normalize: .log(1e-4, 1)))
        #expect(log.ticks.map(\.value) == [1e-4, 1e-3, 1e-2, 1e-1, 1])
        #expect(log.ticks.map { log.position($0) } == [0, 0.25, 0.5, 0.75, 1])

        let linear = Colorbar(mapping: ColorMapping(normalize: .linear(0, 1)))
        #expect(linear.ticks.map(\.value) == [0, 0.2, 0.4, 0.6, 0.8, 1])
        #expect(linear.ticks.map { linear.position($0) } == [0, 0.2, 0.4, 0.6, 0.8, 1])
    }

    @Test func colorbarTicksAreDrawnAtTheMappedHeight() throws {
        // A 0…1 square-root heatmap whose colorbar is 200 points tall: the label "0.04" must sit
        // 0.2 × 200 = 40 points above the bar's bottom, not 0.04 × 200 = 8.
        var axes = Axes.heatmap(Heatmap(rows: 2, columns: 2, values: [0, 0.04, 0.25, 1],
                                        mapping: ColorMapping(normalize: .power(0.5, 0, 1)), showValues: false), colorbarLabel: "w")
        axes.x.hidden = true
        axes.y.hidden = true
        let svg = try Figure(axes, width: 400, height: 240).svg()
        func y(ofText label: String) throws -> Double {
            let pattern = try Regex("<text[^>]*y=\"([0-9.]+)\"[^>]*>\(label)</text>")
            let match = try #require(svg.firstMatch(of: pattern))
            let digits = try #require(match.output[1].substring)
            return try #require(Double(String(digits)))
        }
        let zero = try y(ofText: "0"), one = try y(ofText: "1"), small = try y(ofText: "0.04")
        #expect(abs((zero - small) / (zero - one) - 0.2) < 0.01)
    }
}
