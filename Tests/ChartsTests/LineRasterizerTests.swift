import CairoKit
@testable import Charts
import Foundation
import Testing

/// The PNG line rasteriser against coverage worked out by hand, and against Cairo's own strokes.
@Suite struct LineRasterizerTests {
    /// Alpha of pixel (x, y).
    func alpha(_ r: LineRasterizer, _ x: Int, _ y: Int) -> Float { r.pixels[(y - r.originY) * r.width + x - r.originX].w }

    @Test func horizontalLineCoversItsBandExactly() {
        // From x 0.5 to 4.5 at y 2, 2 px wide: rows 1 and 2 fully covered in columns 1…3,
        // half covered in columns 0 and 4 (the butt ends fall mid-pixel); nothing else.
        var r = LineRasterizer(originX: 0, originY: 0, width: 6, height: 5)
        r.draw(from: Point(0.5, 2), to: Point(4.5, 2), lineWidth: 2, color: .black)
        for y in 0..<5 {
            for x in 0..<6 {
                let expected: Float = (y == 1 || y == 2) ? (x >= 1 && x <= 3 ? 1 : (x == 0 || x == 4 ? 0.5 : 0)) : 0
                #expect(abs(alpha(r, x, y) - expected) < 1e-6, "pixel (\(x), \(y))")
            }
        }
    }

    @Test func steepLinesWalkTheOtherAxis() {
        // Vertical, from y 1 to 4 at x 2.5, 1 px wide: column 2, rows 1…3, fully covered.
        var r = LineRasterizer(originX: 0, originY: 0, width: 5, height: 6)
        r.draw(from: Point(2.5, 4), to: Point(2.5, 1), lineWidth: 1, color: .black)
        for y in 0..<6 {
            for x in 0..<5 {
                #expect(alpha(r, x, y) == (x == 2 && (1...3).contains(y) ? 1 : 0), "pixel (\(x), \(y))")
            }
        }
    }

    @Test func coverageAddsUpToTheLinesArea() {
        // A diagonal opaque line in a transparent buffer: the alphas sum to length × width
        // (the ends are cut across the major axis, which adds nothing at 45°… and trims equally).
        for (a, b) in [(Point(10.3, 20.7), Point(60.1, 45.2)), (Point(30, 5.5), Point(12.25, 70)), (Point(5, 5), Point(55, 55))] {
            var r = LineRasterizer(originX: 0, originY: 0, width: 80, height: 80)
            r.draw(from: a, to: b, lineWidth: 3, color: .black)
            let total = r.pixels.reduce(0.0) { $0 + Double($1.w) }
            // Cut across the major axis, the line is a parallelogram of major extent × band height.
            let (dx, dy) = (abs(b.x - a.x), abs(b.y - a.y))
            let area = max(dx, dy) * 3 * (1 + pow(min(dx, dy) / max(dx, dy), 2)).squareRoot()
            #expect(abs(total - area) < 1e-3 * area, "\(a) → \(b): \(total) vs \(area)")
        }
    }

    @Test func stripsGiveExactlyTheLineByLinePicture() {
        // Shallow, steep, horizontal, vertical and crossing lines, drawn strip by strip (3 rows)
        // and one whole line at a time: every pixel sees the same blends in the same order.
        var generator = SystemRandomNumberGenerator()
        var segments = [LineSegment(from: Point(3, 40.5), to: Point(95, 40.5), color: Color(red: 1, green: 0, blue: 0, alpha: 0.7)),
                        LineSegment(from: Point(50.5, 2), to: Point(50.5, 77), color: Color(red: 0, green: 0, blue: 1, alpha: 0.4))]
        for _ in 0..<60 {
            segments.append(LineSegment(from: Point(Double.random(in: -5...105, using: &generator), Double.random(in: -5...85, using: &generator)),
                                        to: Point(Double.random(in: -5...105, using: &generator), Double.random(in: -5...85, using: &generator)),
                                        color: Color.tableau10[segments.count % 10].withAlpha(Double.random(in: 0.05...1, using: &generator))))
        }
        var strips = LineRasterizer(originX: 2, originY: 1, width: 96, height: 78)
        strips.draw(segments, lineWidth: 2.7, stripRows: 3)
        var whole = LineRasterizer(originX: 2, originY: 1, width: 96, height: 78)
        for s in segments { whole.draw(from: s.from, to: s.to, lineWidth: 2.7, color: s.color) }
        #expect(strips.pixels == whole.pixels)
        #expect(strips.pixels.contains { $0.w > 0 })
    }

    @Test func degenerateLinesDrawNothingOrStayInside() {
        // An almost flat line (strip bounds near ±1e300), points far outside (not drawn), a
        // zero-length line and a NaN end: no trap, nothing outside the buffer.
        var flat = LineRasterizer(originX: 0, originY: 0, width: 20, height: 20)
        flat.draw([LineSegment(from: Point(0, 10), to: Point(20, 10 + 1e-300), color: .black)], lineWidth: 1, stripRows: 4)
        #expect(abs(alpha(flat, 10, 9) - 0.5) < 1e-6 && abs(alpha(flat, 10, 10) - 0.5) < 1e-6)
        var r = LineRasterizer(originX: 0, originY: 0, width: 20, height: 20)
        r.draw([LineSegment(from: Point(-1e30, -1e30), to: Point(1e30, 1e30), color: .black),
                LineSegment(from: Point(5, 5), to: Point(5, 5), color: .black),
                LineSegment(from: Point(.nan, 5), to: Point(8, 5), color: .black)],
               lineWidth: 1, stripRows: 4)
        #expect(r.pixels.allSatisfy { $0.w >= 0 && $0.w <= 1 })
    }

    @Test func translucentLinesCompositeOverEachOther() {
        // Two lines of opacity 0.5 over the same pixels: 1 − (1 − 0.5)² = 0.75, colour premultiplied.
        var r = LineRasterizer(originX: 0, originY: 0, width: 4, height: 3)
        let red = Color(red: 1, green: 0, blue: 0, alpha: 0.5)
        r.draw(from: Point(0, 1.5), to: Point(4, 1.5), lineWidth: 1, color: red)
        r.draw(from: Point(0, 1.5), to: Point(4, 1.5), lineWidth: 1, color: red)
        #expect(abs(alpha(r, 2, 1) - 0.75) < 1e-6)
        #expect(abs(r.pixels[1 * 4 + 2].x - 0.75) < 1e-6)   // red, premultiplied
        let argb = r.argb32()[1 * 4 + 2]
        #expect(argb == (191 << 24 | 191 << 16))                  // 0.75 · 255 = 191.25
    }

    @Test func pngMatchesCairoStrokesAndSVGKeepsVectorLines() throws {
        // The same 300 translucent lines, batched (our rasteriser) and as separate strokes (Cairo).
        var batched = Canvas(size: Size(200, 150)), stroked = Canvas(size: Size(200, 150))
        batched.rect(Rect(x: 0, y: 0, width: 200, height: 150), fill: .white)
        stroked.rect(Rect(x: 0, y: 0, width: 200, height: 150), fill: .white)
        var segments: [LineSegment] = []
        for i in 0..<300 {
            let color = Color.tableau10[i % 3].withAlpha(Double((i * 37) % 100) / 100)
            segments.append(LineSegment(from: Point(20, 10 + Double(i % 20) * 6.5), to: Point(180, 10 + Double((i * 7) % 20) * 6.5), color: color))
        }
        batched.lines(segments, width: 1.6)
        for s in segments { stroked.line(from: s.from, to: s.to, stroke: Stroke(s.color, width: 1.6)) }
        func figure(_ canvas: Canvas) -> Figure {
            var f = Figure(width: 200, height: 150)
            f.add(canvas)
            return f
        }
        let ours = try decodeRGB(figure(batched).pngData(scale: 2))
        let cairo = try decodeRGB(figure(stroked).pngData(scale: 2))
        #expect(ours.count == cairo.count)
        let differences = zip(ours, cairo).map { abs(Int($0) - Int($1)) }
        let mean = Double(differences.reduce(0, +)) / Double(differences.count)
        #expect(mean < 1.0, "mean channel difference \(mean) of 255")
        #expect(Double(differences.filter { $0 > 24 }.count) / Double(differences.count) < 0.005)
        // SVG: every line stays a vector path.
        let svg = try figure(batched).svg()
        #expect(svg.components(separatedBy: "<polyline").count - 1 >= segments.count)
        #expect(!svg.contains("<image"))
    }

    @Test func longOpaqueCurvesMatchCairosStroke() throws {
        // A 400-point curve, smooth then jagged: rasterised as segments when opaque, stroked by
        // Cairo when its alpha is a hair below 1 (the only difference between the two figures).
        let points = (0..<400).map { i -> Point in
            let x = 10 + Double(i) * 0.45
            return Point(x, i < 200 ? 75 + 50 * sin(Double(i) / 15) : 75 + Double((i * 7919) % 61) - 30)
        }
        func figure(alpha: Double) -> Figure {
            var canvas = Canvas(size: Size(200, 150))
            canvas.rect(Rect(x: 0, y: 0, width: 200, height: 150), fill: .white)
            canvas.path(points, stroke: Stroke(Color.tableau10[0].withAlpha(alpha), width: 1.5))
            var f = Figure(width: 200, height: 150)
            f.add(canvas)
            return f
        }
        let ours = try decodeRGB(figure(alpha: 1).pngData(scale: 2))
        let cairo = try decodeRGB(figure(alpha: 0.999).pngData(scale: 2))
        let differences = zip(ours, cairo).map { abs(Int($0) - Int($1)) }
        let mean = Double(differences.reduce(0, +)) / Double(differences.count)
        #expect(mean < 1.5, "mean channel difference \(mean) of 255")
        #expect(Double(differences.filter { $0 > 64 }.count) / Double(differences.count) < 0.01)
        #expect(ours.contains { $0 < 200 })   // the curve is there
    }

    /// The R, G, B bytes of every pixel of a PNG, decoded by Cairo's reader (libpng).
    func decodeRGB(_ png: Data) throws -> [UInt8] {
        try Surface.image(png: png).argbPixels().flatMap { [UInt8(truncatingIfNeeded: $0 >> 16), UInt8(truncatingIfNeeded: $0 >> 8), UInt8(truncatingIfNeeded: $0)] }
    }
}
