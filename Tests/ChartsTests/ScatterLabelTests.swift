@testable import Charts
import Foundation
import Testing

/// Scatter labels (PCA words) never cover a point or each other when a free side exists.
@Suite struct ScatterLabelTests {
    @Test func labelsMoveOffCrowdedPoints() throws {
        // B sits just up and right of A, where A's label would go by default; C sits just right
        // of B, where B's upper-right label and A's alternatives compete.
        let x = [0.0, 0.03, 0.075, 1], y = [0.0, 0.03, 0.03, 1]
        let names = ["alpha", "beta", "gamma", "far"]
        var axes = Axes(x: Axis(limits: -0.5...1.5), y: Axis(limits: -0.5...1.5))
        axes.add(ScatterSeries("", x: x, y: y, labels: names, color: .black, size: 5))
        axes.legend = .none
        let svg = try Figure(axes, width: 500, height: 500).svg()
        let m = try TextMeasurer()
        let font = Theme.standard.annotationFont
        // Markers are circles; labels are <text> with x and a baseline y.
        let circles = svg.matches(of: try Regex("<circle cx=\"([0-9.]+)\" cy=\"([0-9.]+)\" r=\"([0-9.]+)\"")).map { match -> Rect in
            let v = (1...3).map { Double(String(match.output[$0].substring!))! }
            return Rect(x: v[0] - v[2], y: v[1] - v[2], width: 2 * v[2], height: 2 * v[2])
        }
        #expect(circles.count == 4)
        var boxes: [Rect] = []
        for name in names {
            let match = try #require(svg.firstMatch(of: try Regex("<text x=\"([0-9.]+)\" y=\"([0-9.]+)\"[^>]*>\(name)</text>")))
            let size = m.measure(name, font)
            let left = Double(String(match.output[1].substring!))!, baseline = Double(String(match.output[2].substring!))!
            // The glyphs lie between the baseline and a line height above it, give or take the descent.
            boxes.append(Rect(x: left, y: baseline - size.height * 0.75, width: size.width, height: size.height * 0.75))
        }
        for (i, box) in boxes.enumerated() {
            for circle in circles { #expect(!box.intersects(circle), "\(names[i]) covers a point") }
            for (j, other) in boxes.enumerated() where j > i { #expect(!box.intersects(other), "\(names[i]) covers \(names[j])") }
        }
    }
}
